import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Reports' };

export default function Page() {
  return <ComingSoon href="/reports" />;
}
