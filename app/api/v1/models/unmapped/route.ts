import { z } from 'zod';
import { getDatabase } from '@/db';
import { getUnmappedModels } from '@/db/queries/price-book';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { mapModel } from '@/lib/pricing/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => Response.json({ unmapped: await getUnmappedModels(db, access.workspace.id) }));

const schema = z.object({ rawModel: z.string().min(1).max(300), modelId: z.string().min(1).max(100) });

/** Maps a model string to a catalog model and re-prices the usage that carries it. */
export const POST = withAccess('editor', async ({ req, access }) => {
  const body = await parseBody(req, schema);
  const r = await mapModel(await getDatabase(), access.workspace.id, actorOf(access, clientIp(req.headers)), body.rawModel, body.modelId);
  return Response.json(r);
});
