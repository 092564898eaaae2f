import { redirect } from 'next/navigation';
import { getPageAccess, getPageCaller } from '@/lib/auth/page';
import { AuthCard } from '../_components/auth-card';
import { CreateWorkspaceForm } from '../(app)/settings/workspace-forms';

export const metadata = { title: 'Start a workspace' };
export const dynamic = 'force-dynamic';

/** A signed-in person who belongs to no workspace (left, removed, or deleted the last one) starts one here. */
export default async function WelcomePage() {
  if (!(await getPageCaller())) redirect('/login');
  if (await getPageAccess()) redirect('/models');
  return (
    <AuthCard title="Start a workspace" subtitle="You are not a member of any workspace. Create one, or ask an owner to add you to theirs.">
      <CreateWorkspaceForm />
    </AuthCard>
  );
}
