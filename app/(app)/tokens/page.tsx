import { ComingSoon } from '@/app/_components/coming-soon';
import { requirePageAccess } from '@/lib/auth/page';

export const metadata = { title: 'Tokens' };

export default async function Page() {
  await requirePageAccess();
  return <ComingSoon href="/tokens" />;
}
