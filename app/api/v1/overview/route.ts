import { z } from 'zod';
import { getOverview, OVERVIEW_GROUPS } from '@/db/queries/get-overview';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { cachedJsonResponse } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

const schema = z.object({ by: z.enum(OVERVIEW_GROUPS).default('model') });

/** The Overview's cards, stacked daily spend (by model, provider, project or key) and top movers; money as decimal strings. */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  return cachedJsonResponse(db, access.workspace.id, 'overview', q, () => getOverview(db, access.workspace.id, { groupBy: q.by }));
});
