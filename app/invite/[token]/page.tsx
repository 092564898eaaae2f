import Link from 'next/link';
import { getDb } from '@/db';
import { getPageCaller } from '@/lib/auth/page';
import { describeInvite } from '@/lib/auth/invites';
import { AuthCard } from '../../_components/auth-card';
import { AcceptAsUserForm, InviteForm, SignOutToSwitch } from './invite-form';

export const metadata = { title: 'Join a workspace', robots: { index: false } };
export const dynamic = 'force-dynamic';

/**
 * Three ways in: a new person sets a password; a person with an account signs in (the link alone never sets the
 * password of an account that has one); a person signed in as the invited email joins with one click.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvite(await getDb(), token);
  if (!invite) {
    return <AuthCard title="This link has expired">Invitation links work once and for 7 days. Ask your workspace owner for a new one.</AuthCard>;
  }
  const caller = await getPageCaller();
  const title = `Join ${invite.workspaceName}`;
  const as = <>as <strong className="font-medium text-text">{invite.role}</strong></>;
  if (caller?.kind === 'user' && caller.email === invite.email) {
    return (
      <AuthCard title={title} subtitle={<>You are signed in as {invite.email}. Join {as}.</>}>
        <AcceptAsUserForm token={token} />
      </AuthCard>
    );
  }
  if (caller?.kind === 'user') {
    return (
      <AuthCard title={title} subtitle={`This invitation is for ${invite.email}, and you are signed in as ${caller.email}.`}>
        <SignOutToSwitch />
      </AuthCard>
    );
  }
  if (invite.hasAccount) {
    return (
      <AuthCard title={title} subtitle={<>{invite.email} already has a Frontier account. Sign in as it to join {as}.</>}>
        <Link href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`} className="block w-full rounded-md bg-accent px-3 py-2 text-center text-sm font-medium text-white">
          Sign in to accept
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} subtitle={<>Set a password for {invite.email} to join {as}.</>}>
      <InviteForm token={token} />
    </AuthCard>
  );
}
