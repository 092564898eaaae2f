import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { GROUP_BY, getUsageSummary } from '@/db/queries/get-usage-summary';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { cachedJsonResponse } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

const day = isoDay('expected YYYY-MM-DD');
const schema = z.object({ from: day.optional(), to: day.optional(), groupBy: z.enum(GROUP_BY).optional(), 'group-by': z.enum(GROUP_BY).optional() });

/** Spend and volume of the caller's workspace over a day range, optionally grouped. Same numbers as the CLI. */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  const opts = { from: q.from, to: q.to, groupBy: q.groupBy ?? q['group-by'] };
  return cachedJsonResponse(db, access.workspace.id, 'usage-summary', opts, () => getUsageSummary(db, access.workspace.id, opts));
});
