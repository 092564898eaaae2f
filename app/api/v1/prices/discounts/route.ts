import { z } from 'zod';
import { decimalString, isoDay } from '@/lib/api/params';
import { getDatabase } from '@/db';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { previewReprice, setDiscount } from '@/lib/pricing/service';

export const dynamic = 'force-dynamic';

const schema = z.object({
  providerId: z.string().min(1), percent: decimalString(7, 4, 'a percentage, e.g. 15'),
  effectiveFrom: isoDay('expected YYYY-MM-DD'), note: z.string().max(200).optional(),
});

/** A discount off a provider's reference prices from a date; answers with the re-pricing it implies (not applied). */
export const POST = withAccess('editor', async ({ req, access }) => {
  const body = await parseBody(req, schema);
  const h = await getDatabase();
  await setDiscount(h, access.workspace.id, actorOf(access, clientIp(req.headers)), body);
  return Response.json({ ok: true, preview: await previewReprice(h, access.workspace.id) }, { status: 201 });
});
