import { ComingSoon } from '@/app/_components/coming-soon';

export const metadata = { title: 'Uploads' };

export default function Page() {
  return <ComingSoon href="/uploads" />;
}
