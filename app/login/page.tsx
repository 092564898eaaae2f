import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/accounts';
import { appOrigin, getPageAccess } from '@/lib/auth/page';
import { safeNext } from '@/lib/auth/safe-next';
import { AuthCard } from '../_components/auth-card';
import { LoginForm } from './login-form';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  const next = safeNext((await searchParams).next, await appOrigin());
  if (await getPageAccess()) redirect(next);
  return (
    <AuthCard title="Sign in" subtitle="Use the email and password your workspace owner set up for you.">
      <LoginForm next={next} />
    </AuthCard>
  );
}
