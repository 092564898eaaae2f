import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { getWhatIfOptions } from '@/lib/whatif/options';

export const dynamic = 'force-dynamic';

const schema = z.object({ priceDate: isoDay('expected YYYY-MM-DD').optional() });

export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  return Response.json(await getWhatIfOptions(db, access.workspace.id, q.priceDate));
});
