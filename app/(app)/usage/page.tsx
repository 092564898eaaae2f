import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Usage' };

export default function Page() {
  return <ComingSoon href="/usage" />;
}
