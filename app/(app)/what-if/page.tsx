import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'What-if' };

export default function Page() {
  return <ComingSoon href="/what-if" />;
}
