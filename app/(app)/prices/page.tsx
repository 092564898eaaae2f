import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Prices' };

export default function Page() {
  return <ComingSoon href="/prices" />;
}
