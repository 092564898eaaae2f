import { OwnerOnly } from '@/app/_components/owner-only';
import { getDb } from '@/db';
import { listMembers } from '@/db/queries/accounts';
import { requirePageAccess } from '@/lib/auth/page';
import { InviteForm, MemberRow } from './members-client';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const access = await requirePageAccess();
  if (access.role !== 'owner') return <OwnerOnly role={access.role} what="members" />;
  const members = await listMembers(await getDb(), access.workspace.id);
  const me = access.caller.kind === 'user' ? access.caller.userId : '';
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-lg border border-border bg-panel p-5">
        <h2 className="font-medium">Add a member</h2>
        <p className="mt-1 text-sm text-muted">
          Someone new gets an account and a one-time link to set their password (no email is sent: copy the link to them).
          Someone who already has an account joins at once.
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
              <MemberRow key={m.userId} member={{ userId: m.userId, email: m.email, name: m.name, role: m.role, pending: m.pending, joinedAt: new Date(m.joinedAt).toISOString() }} isSelf={m.userId === me} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
