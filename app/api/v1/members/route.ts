import { z } from 'zod';
import { listMembers } from '@/db/queries/accounts';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { ROLES } from '@/lib/auth/roles';
import { inviteMember } from '@/lib/auth/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('owner', async ({ db, access }) => Response.json({ members: await listMembers(db, access.workspace.id) }));

const inviteSchema = z.object({ email: z.string().max(254), role: z.enum(ROLES) });

/** Adds a member; for a new person, answers with the one-time invitation path to pass on. */
export const POST = withAccess('owner', async ({ req, db, access }) => {
  const body = await parseBody(req, inviteSchema);
  const actor = actorOf(access, clientIp(req.headers)) as ReturnType<typeof actorOf> & { userId: string };
  const r = await inviteMember(db, access.workspace.id, actor, body);
  return Response.json({ email: r.email, invitePath: r.inviteToken ? `/invite/${r.inviteToken}` : null }, { status: 201 });
});
