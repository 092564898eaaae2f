import { getReconciliation } from '@/db/queries/get-reconciliation';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { toCsv } from '@/lib/csv-export';
import { REASON_LABELS, reconciliationParamsSchema } from '@/lib/usage/reconciliation';
import { cachedView } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

/**
 * Computed against reported cost per day and model, with the difference and why (`?from=&to=&only=diff`), or
 * `?format=csv` for every row of the view as a download.
 */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const url = new URL(req.url);
  const asCsv = url.searchParams.get('format') === 'csv';
  url.searchParams.delete('format');
  const p = parseQuery(new Request(url), reconciliationParamsSchema);
  const r = await cachedView(db, access.workspace.id, 'reconciliation', p, () => getReconciliation(db, access.workspace.id, p));
  if (!asCsv) {
    const { all: _all, ...view } = r;
    return Response.json(view);
  }
  const csv = toCsv(
    ['day', 'model', 'model_id', 'provider', 'rows', 'requests', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'computed_usd', 'reported_usd', 'difference_usd', 'difference_pct', 'reasons'],
    r.all.map((x) => [x.day, x.model, x.modelKey, x.provider, x.rows, x.requests, x.input, x.cached, x.output, x.computed, x.reported, x.difference, x.differencePct, x.reasons.map((k) => REASON_LABELS[k]).join('; ')]),
  );
  const range = r.range ? `${r.range.from}-${r.range.to}` : 'empty';
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="reconciliation-${access.workspace.slug}-${range}.csv"` },
  });
});
