import { getUsageExplorer } from '@/db/queries/get-usage-explorer';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { toCsv } from '@/lib/csv-export';
import { explorerParamsSchema, METRIC_LABELS } from '@/lib/usage/explorer-params';
import { toExplorerView } from '@/lib/usage/explorer-view';
import { cachedJsonResponse, cachedView } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

/**
 * The Usage explorer as JSON (a user filter or grouping: at most 31 days, else 400), or `?format=csv` for every group of the current view as a CSV download. An unpriced spend is an empty cell, never 0,
 * with the group's unpriced usage rows in the last column.
 */
export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const url = new URL(req.url);
  const asCsv = url.searchParams.get('format') === 'csv';
  url.searchParams.delete('format');
  const p = parseQuery(new Request(url), explorerParamsSchema);
  if (!asCsv) return cachedJsonResponse(db, access.workspace.id, 'usage-explorer', p, async () => toExplorerView(await getUsageExplorer(db, access.workspace.id, p)));
  const r = await cachedView(db, access.workspace.id, 'usage-explorer', p, () => getUsageExplorer(db, access.workspace.id, p));
  const csv = toCsv(
    [p.groupBy, 'spend_usd', 'reported_usd', 'requests', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'usd_per_1m_tokens', 'usd_per_request', 'unpriced_rows'],
    r.all.map((x) => [x.label, x.spend, x.reported, x.requests, x.input, x.cached, x.output, x.perMtok, x.perRequest, x.unpricedRows]),
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="usage-${access.workspace.slug}-${r.range.from}-${r.range.to}-by-${p.groupBy}.csv"`,
      'x-metric': METRIC_LABELS[p.metric],
    },
  });
});
