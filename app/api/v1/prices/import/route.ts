import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { getDatabase } from '@/db';
import { BadRequestError } from '@/lib/api/errors';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { importPriceFile, previewReprice } from '@/lib/pricing/service';

export const dynamic = 'force-dynamic';

const schema = z.object({ filename: z.string().max(300).optional(), effectiveFrom: isoDay('expected YYYY-MM-DD').optional() });
const MAX = 20 * 1024 * 1024;

/** Imports a price sheet for this workspace (LiteLLM JSON or CSV); answers with what a re-pricing would change. */
export const POST = withAccess('editor', async ({ req, access }) => {
  const q = parseQuery(req, schema);
  if (Number(req.headers.get('content-length') ?? 0) > MAX) return Response.json({ error: { code: 'too_large', message: 'a price sheet over 20 MB is not one' } }, { status: 413 });
  const text = await req.text();
  if (!text.trim()) throw new BadRequestError('the price sheet is empty');
  const h = await getDatabase();
  const result = await importPriceFile(h, { workspaceId: access.workspace.id, filename: q.filename ?? 'prices', text, effectiveFrom: q.effectiveFrom, actor: actorOf(access, clientIp(req.headers)) });
  return Response.json({ ...result, preview: await previewReprice(h, access.workspace.id) }, { status: 201 });
});
