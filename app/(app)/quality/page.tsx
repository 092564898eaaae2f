import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Quality' };

export default function Page() {
  return <ComingSoon href="/quality" />;
}
