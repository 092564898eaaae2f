import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { getUsageOptions } from '@/db/queries/get-usage-explorer';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { cachedJsonResponse } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

const day = isoDay('expected YYYY-MM-DD');
const schema = z.object({ from: day, to: day });

/** The values the Usage explorer's filters offer (models, providers, projects, keys; users seen in the range). */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  return cachedJsonResponse(db, access.workspace.id, 'usage-options', q, async () => ({ options: await getUsageOptions(db, access.workspace.id, q) }));
});
