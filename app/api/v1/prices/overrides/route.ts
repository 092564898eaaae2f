import { z } from 'zod';
import { decimalString, isoDay } from '@/lib/api/params';
import { getDatabase } from '@/db';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { previewReprice, setOverride } from '@/lib/pricing/service';

export const dynamic = 'force-dynamic';

// numeric(20, 10) columns.
const money = decimalString(20, 10, 'a price in USD per 1M tokens, e.g. 0.59');
const schema = z.object({
  modelId: z.string().min(1), providerId: z.string().min(1), inputPerMtok: money, outputPerMtok: money, cachedInputPerMtok: money.nullable().optional(),
  effectiveFrom: isoDay('expected YYYY-MM-DD'),
});

/** A negotiated price for a model on a provider from a date; answers with the re-pricing it implies (not applied). */
export const POST = withAccess('editor', async ({ req, access }) => {
  const body = await parseBody(req, schema);
  const h = await getDatabase();
  await setOverride(h, access.workspace.id, actorOf(access, clientIp(req.headers)), body);
  return Response.json({ ok: true, preview: await previewReprice(h, access.workspace.id) }, { status: 201 });
});
