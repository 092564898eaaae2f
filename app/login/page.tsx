import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/accounts';
import { getPageAccess } from '@/lib/auth/page';
import { AuthCard } from '../_components/auth-card';
import { LoginForm } from './login-form';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  const { next } = await searchParams;
  if (await getPageAccess()) redirect(next?.startsWith('/') && !next.startsWith('//') ? next : '/models');
  return (
    <AuthCard title="Sign in" subtitle="Use the email and password your workspace owner set up for you.">
      <LoginForm next={next ?? '/models'} />
    </AuthCard>
  );
}
