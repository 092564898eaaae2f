import { z } from 'zod';
import { withAccess } from '@/lib/api/handler';
import { NotFoundError } from '@/lib/api/errors';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { revokeKey } from '@/lib/auth/service';

export const dynamic = 'force-dynamic';

export const DELETE = withAccess<{ id: string }>('owner', async ({ req, db, access, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError('No such active key in this workspace.');
  await revokeKey(db, access.workspace.id, actorOf(access, clientIp(req.headers)), params.id);
  return new Response(null, { status: 204 });
});
