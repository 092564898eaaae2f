import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/accounts';
import { AuthCard } from '../_components/auth-card';
import { SetupForm } from './setup-form';

export const metadata = { title: 'Set up Frontier' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if ((await countUsers(await getDb())) > 0) redirect('/login');
  return (
    <AuthCard
      title="Set up Frontier"
      subtitle="Create the owner account and your first workspace. A demo workspace with a few months of sample usage comes alongside; delete it whenever you like."
    >
      <SetupForm />
    </AuthCard>
  );
}
