import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { getPricesInForce, listDiscounts, listPriceSheets } from '@/db/queries/price-book';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { today } from '@/lib/clock';

export const dynamic = 'force-dynamic';

const schema = z.object({ date: isoDay('expected YYYY-MM-DD').optional(), q: z.string().max(100).optional() });

/** The price book as this workspace sees it: prices in force on a day (overrides and discounts applied), sheets, discounts. */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  const day = q.date ?? today();
  const [prices, sheets, discounts] = await Promise.all([getPricesInForce(db, access.workspace.id, day, q.q), listPriceSheets(db, access.workspace.id), listDiscounts(db, access.workspace.id)]);
  return Response.json({ date: day, prices, sheets, discounts });
});
