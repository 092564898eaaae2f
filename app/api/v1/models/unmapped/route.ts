import { z } from 'zod';
import { getDatabase } from '@/db';
import { getUnmappedModels } from '@/db/queries/price-book';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { addCatalogModel, mapModel } from '@/lib/pricing/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => Response.json({ unmapped: await getUnmappedModels(db, access.workspace.id) }));

const schema = z.object({
  rawModel: z.string().min(1).max(300),
  modelId: z.string().min(1).max(100).optional(),
  /** Or a new model of this workspace's own, one the catalog lacks (a fine-tune, a private deployment). */
  newModel: z.object({ name: z.string().min(1).max(100), vendor: z.string().max(60), openWeights: z.boolean(), paramsB: z.number().positive().nullable().optional() }).optional(),
}).refine((b) => Boolean(b.modelId) !== Boolean(b.newModel), { message: 'give either modelId or newModel' });

/** Maps a model string to a catalog model (existing, or new) and re-prices the usage that carries it. */
export const POST = withAccess('editor', async ({ req, access }) => {
  const body = await parseBody(req, schema);
  const h = await getDatabase();
  const actor = actorOf(access, clientIp(req.headers));
  const modelId = body.modelId ?? (await addCatalogModel(h, access.workspace.id, { ...actor, workspaceSlug: access.workspace.slug }, body.newModel!));
  const r = await mapModel(h, access.workspace.id, actor, body.rawModel, modelId);
  return Response.json({ ...r, modelId });
});
