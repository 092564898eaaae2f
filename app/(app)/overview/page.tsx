import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Overview' };

export default function Page() {
  return <ComingSoon href="/overview" />;
}
