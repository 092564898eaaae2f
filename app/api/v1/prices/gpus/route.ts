import { z } from 'zod';
import { decimalString } from '@/lib/api/params';
import { audit } from '@/db/queries/audit';
import { listGpus } from '@/db/queries/price-book';
import { gpuPrices } from '@/db/schema';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => Response.json(await listGpus(db, access.workspace.id)));

const schema = z.object({
  gpu: z.string().min(1).max(60), offering: z.string().min(1).max(120),
  hourlyUsd: decimalString(12, 4, 'USD per GPU-hour, e.g. 2.49'), source: z.string().max(200).optional(),
});

/** A GPU price this workspace pays (e.g. a reserved instance), used by self-hosting what-ifs beside the reference ones. */
export const POST = withAccess('editor', async ({ req, db, access }) => {
  const b = await parseBody(req, schema);
  const [row] = await db.insert(gpuPrices).values({ workspaceId: access.workspace.id, gpu: b.gpu, offering: b.offering, hourlyUsd: b.hourlyUsd, source: b.source || 'entered by the workspace' }).returning();
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'prices.gpu_added', `${b.gpu} (${b.offering})`, { hourlyUsd: b.hourlyUsd });
  return Response.json(row, { status: 201 });
});
