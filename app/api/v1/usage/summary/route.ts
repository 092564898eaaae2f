import { z } from 'zod';
import { getUsageSummary } from '@/db/queries/get-usage-summary';
import { parseQuery, withAccess } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

const schema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
});

/** Spend and volume of the caller's workspace over a day range. */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  return Response.json(await getUsageSummary(db, access.workspace.id, parseQuery(req, schema)));
});
