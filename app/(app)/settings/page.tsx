import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Settings' };

export default function Page() {
  return <ComingSoon href="/settings" />;
}
