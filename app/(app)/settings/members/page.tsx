import { OwnerOnly } from '@/app/_components/owner-only';
import { getDb } from '@/db';
import { listMembers } from '@/db/queries/accounts';
import { requirePageAccess } from '@/lib/auth/page';
import { listOpenInvites } from '@/db/queries/invites';
import { InviteForm, InviteRow, MemberRow } from './members-client';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const access = await requirePageAccess();
  if (access.role !== 'owner') return <OwnerOnly role={access.role} what="members" />;
  const db = await getDb();
  const [members, invites] = await Promise.all([listMembers(db, access.workspace.id), listOpenInvites(db, access.workspace.id)]);
  const me = access.caller.kind === 'user' ? access.caller.userId : '';
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-lg border border-border bg-panel p-5">
        <h2 className="font-medium">Invite a member</h2>
        <p className="mt-1 text-sm text-muted">
          You get a one-time link to pass on (no email is sent). The person joins when they open it: someone new sets a
          password there, someone with an account signs in to accept.
        </p>
        <InviteForm />
      </section>
      <div className="overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-sm">
          <caption className="sr-only">Members of {access.workspace.name}</caption>
          <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
            <tr><th scope="col" className="px-3 py-2">Member</th><th scope="col" className="px-3 py-2">Role</th><th scope="col" className="px-3 py-2">Joined</th><th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow key={m.userId} member={{ userId: m.userId, email: m.email, name: m.name, role: m.role, joinedAt: new Date(m.joinedAt).toISOString() }} isSelf={m.userId === me} />
            ))}
          </tbody>
        </table>
      </div>
      {invites.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm">
            <caption className="px-3 pt-3 text-left font-medium">Pending invitations</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
              <tr><th scope="col" className="px-3 py-2">Email</th><th scope="col" className="px-3 py-2">Role</th><th scope="col" className="px-3 py-2">Expires</th><th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {invites.map((i) => <InviteRow key={i.email} invite={{ email: i.email, role: i.role, expiresAt: new Date(i.expiresAt).toISOString() }} />)}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
