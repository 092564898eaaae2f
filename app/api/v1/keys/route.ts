import { z } from 'zod';
import { listApiKeys } from '@/db/queries/api-keys';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { KEY_ROLES } from '@/lib/auth/roles';
import { createApiKey } from '@/lib/auth/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('owner', async ({ db, access }) => Response.json({ keys: await listApiKeys(db, access.workspace.id) }));

const createSchema = z.object({ name: z.string().min(1).max(80), role: z.enum(KEY_ROLES) });

/** Creates a key; the answer is the only time the key itself is shown. */
export const POST = withAccess('owner', async ({ req, db, access }) => {
  const body = await parseBody(req, createSchema);
  const k = await createApiKey(db, access.workspace.id, actorOf(access, clientIp(req.headers)), body);
  return Response.json(k, { status: 201 });
});
