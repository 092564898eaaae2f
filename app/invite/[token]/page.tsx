import { getDb } from '@/db';
import { describeInvite } from '@/lib/auth/service';
import { AuthCard } from '../../_components/auth-card';
import { InviteForm } from './invite-form';

export const metadata = { title: 'Join a workspace', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvite(await getDb(), token);
  if (!invite) {
    return <AuthCard title="This link has expired">Invitation links work once and for 7 days. Ask your workspace owner for a new one.</AuthCard>;
  }
  return (
    <AuthCard title={`Join ${invite.workspaceName}`} subtitle={`Set a password for ${invite.email}.`}>
      <InviteForm token={token} />
    </AuthCard>
  );
}
