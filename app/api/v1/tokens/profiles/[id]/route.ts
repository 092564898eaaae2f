import { z } from 'zod';
import { audit } from '@/db/queries/audit';
import { deleteTokenProfile, getTokenProfile } from '@/db/queries/token-profiles';
import { NotFoundError } from '@/lib/api/errors';
import { withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

export const GET = withAccess<{ id: string }>('viewer', async ({ db, access, params }) => {
  const p = z.uuid().safeParse(params.id).success ? await getTokenProfile(db, access.workspace.id, params.id) : null;
  if (!p) throw new NotFoundError('No such token profile.');
  return Response.json({ profile: p });
});

export const DELETE = withAccess<{ id: string }>('editor', async ({ req, db, access, params }) => {
  const p = z.uuid().safeParse(params.id).success ? await getTokenProfile(db, access.workspace.id, params.id) : null;
  if (!p || !(await deleteTokenProfile(db, access.workspace.id, p.id))) throw new NotFoundError('No such token profile.');
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'token_profile.deleted', p.name, { id: p.id });
  return new Response(null, { status: 204 });
});
