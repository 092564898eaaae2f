import { z } from 'zod';
import { listMembers } from '@/db/queries/accounts';
import { listOpenInvites } from '@/db/queries/invites';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { ROLES } from '@/lib/auth/roles';
import { inviteMember } from '@/lib/auth/invites';

export const dynamic = 'force-dynamic';

export const GET = withAccess('owner', async ({ db, access }) => {
  const [members, invites] = await Promise.all([listMembers(db, access.workspace.id), listOpenInvites(db, access.workspace.id)]);
  return Response.json({ members, invites });
});

const inviteSchema = z.object({ email: z.string().max(254), role: z.enum(ROLES) });

/** Invites an email: the answer is the one-time path to pass on, the same whether or not the email has an account. */
export const POST = withAccess('owner', async ({ req, db, access }) => {
  const body = await parseBody(req, inviteSchema);
  const actor = actorOf(access, clientIp(req.headers)) as ReturnType<typeof actorOf> & { userId: string };
  const r = await inviteMember(db, access.workspace.id, actor, body);
  return Response.json({ email: r.email, invitePath: `/invite/${r.inviteToken}` }, { status: 201 });
});
