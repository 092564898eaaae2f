import { getEloPriceView } from '@/db/queries/get-elo-price';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { eloPriceParamsSchema } from '@/lib/models/elo-price-params';
import { cachedJsonResponse } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

/** Elo against blended $/1M tokens for one Arena snapshot and price date (reference data). */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const params = parseQuery(req, eloPriceParamsSchema);
  return cachedJsonResponse(db, access.workspace.id, 'elo-price', params, () => getEloPriceView(db, params, access.workspace.id));
});
