import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { trimDecimal } from '@/lib/ingest/summary';
import { D, toDecimalString } from '@/lib/money';
import type { ExplorerGroup, ExplorerMetric, ExplorerParams } from '@/lib/usage/explorer-params';
import { chartInterval, resolveRange } from '@/lib/usage/explorer-params';
import { ratePer, sumPriced } from '@/lib/usage/priced';
import type { Dim } from '@/db/rollups';
import { dimIn, rollupSource, shownDimText } from './rollup-source';
import { seriesWithOther } from './series-with-other';
import { today as todayIso } from '@/lib/clock';

/**
 * The Usage explorer's numbers from the rollups: filters combined with AND (never spliced strings), a group-by
 * from a whitelist, totals per group (sorted, paginated) and the series of the groups on the first page (the rest
 * summed as Other), per day up to 92 days and per month beyond. Each part reads the smallest rollup with the
 * dimensions it needs (db/queries/rollup-source.ts); some rollup has every combination, so raw `usage` is read
 * only for the benchmark's baseline.
 */
const GROUP_SQL: Record<ExplorerGroup, string> = {
  model: 'coalesce(d.model_id, d.raw_model)', provider: shownDimText('provider'), project: shownDimText('project'), key: shownDimText('key'),
  user: shownDimText('user'), day: 'd.day::text',
};
export const PAGE_SIZE = 50;

/** spend is null when none of the group's usage has a price (unpriced is never $0); unpricedRows counts its usage rows without one. */
export type ExplorerRow = { key: string; label: string; spend: string | null; reported: string | null; requests: number; input: number; cached: number; output: number; perMtok: string | null; perRequest: string | null; unpricedRows: number };

function where(workspaceId: string, p: ExplorerParams, range: { from: string; to: string }): SQL {
  const parts: SQL[] = [sql`d.workspace_id = ${workspaceId}`, sql`d.day between ${range.from}::date and ${range.to}::date`];
  if (p.model.length) parts.push(sql`coalesce(d.model_id, d.raw_model) in ${p.model}`);
  for (const dim of ['provider', 'project', 'key', 'user'] as const) if (p[dim].length) parts.push(dimIn(dim, p[dim]));
  return sql.join(parts, sql` and `);
}

export function metricOf(r: ExplorerRow, m: ExplorerMetric): number {
  switch (m) {
    case 'spend': return r.spend === null ? 0 : Number(r.spend);
    case 'requests': return r.requests;
    case 'input': return r.input;
    case 'output': return r.output;
    case 'cached': return r.cached;
    case 'perMtok': return Number(r.perMtok ?? 0);
    case 'perRequest': return Number(r.perRequest ?? 0);
  }
  return 0;
}

/** The dimensions a view filters or groups by: what its source must have. */
function dimsOf(p: ExplorerParams): Dim[] {
  const dims = new Set<Dim>();
  if (p.model.length || p.groupBy === 'model') dims.add('model');
  if (p.provider.length || p.groupBy === 'provider') dims.add('provider');
  if (p.project.length || p.groupBy === 'project') dims.add('project');
  if (p.key.length || p.groupBy === 'key') dims.add('key');
  if (p.user.length || p.groupBy === 'user') dims.add('user');
  return [...dims];
}

/** The filters' dimensions alone (a chart's Other is the total under the filters, without the grouping). */
function filterDimsOf(p: ExplorerParams): Dim[] {
  return dimsOf({ ...p, groupBy: 'day' });
}

/** `source: 'raw'` forces raw usage: the benchmark's baseline for the same view. */
export async function getUsageExplorer(db: Db, workspaceId: string, p: ExplorerParams, opts: { source?: 'raw' } = {}) {
  const [last] = await rows<{ first: string | null; last: string | null }>(db, sql`select min(day)::text as first, max(day)::text as last from usage_daily_model where workspace_id = ${workspaceId}`);
  const today = todayIso();
  const anchor = last?.last && last.last < today ? last.last : today;
  const range = resolveRange(p, anchor, last?.first);
  const raw = opts.source === 'raw';
  const dims = dimsOf(p);
  const interval = chartInterval(range);
  const source = (grain: 'day' | 'any') => rollupSource(workspaceId, range, { dims, grain, raw });
  const w = where(workspaceId, p, range);
  const g = sql.raw(GROUP_SQL[p.groupBy]);
  // Model names come from the catalog for the groups only (not joined to every rollup row).
  const grouped = await rows<{ key: string; label: string | null; spend: string | null; reported: string | null; requests: string; input: string; cached: string; output: string; unpriced: string }>(db, sql`
    select x.*, ${p.groupBy === 'model' ? sql`(select m.name from models m where m.id = x.key)` : sql`null`} as label from (
      select ${g} as key, sum(d.cost)::text as spend, sum(d.reported_cost)::text as reported, sum(d.requests)::text as requests,
        sum(d.input_tokens)::text as input, sum(d.cached_input_tokens)::text as cached, sum(d.output_tokens)::text as output,
        sum(d.unpriced_rows)::text as unpriced
      from ${source(p.groupBy === 'day' ? 'day' : 'any')} d where ${w} group by 1 having sum(d.rows) <> 0) x`);
  const all: ExplorerRow[] = grouped.map((r) => {
    const tokens = Number(r.input) + Number(r.output);
    // Every group has usage (sum(rows) <> 0), so a null sum is usage without a price, not nothing spent.
    const spend = trimDecimal(r.spend);
    return {
      key: r.key, label: p.groupBy === 'model' ? (r.label ?? r.key) : r.key, spend, reported: trimDecimal(r.reported), requests: Number(r.requests),
      input: Number(r.input), cached: Number(r.cached), output: Number(r.output),
      perMtok: ratePer(spend, tokens, 1e6, 4), perRequest: ratePer(spend, Number(r.requests), 1, 6), unpricedRows: Number(r.unpriced),
    };
  });
  // Unpriced groups have no spend or rate to rank by: they come last whichever way the column is sorted.
  const unranked = (r: ExplorerRow) => p.sort !== 'name' && ['spend', 'perMtok', 'perRequest'].includes(p.metric) && r.spend === null;
  all.sort((a, b) => {
    if (unranked(a) !== unranked(b)) return unranked(a) ? 1 : -1;
    const c = p.sort === 'name' ? a.label.localeCompare(b.label) : metricOf(a, p.metric) - metricOf(b, p.metric);
    return p.dir === 'asc' ? c : -c;
  });
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(p.page, pages);
  const pageRows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const shown = pageRows.slice(0, 8).map((r) => r.key);
  const labels = new Map(all.map((r) => [r.key, r.label]));
  // The groups on the page by name, everything else as Other (db/queries/series-with-other).
  const series = p.groupBy === 'day' ? [] : (await seriesWithOther(db, {
    workspaceId, range, interval, filterDims: filterDimsOf(p), groupDim: p.groupBy as Dim, group: g, where: w, keys: shown, raw,
  })).map((r) => {
    const row: ExplorerRow = { key: r.key ?? 'Other', label: r.key ?? 'Other', spend: r.spend, reported: null, requests: r.requests, input: r.input, cached: r.cached, output: r.output, perMtok: null, perRequest: null, unpricedRows: 0 };
    const tokens = row.input + row.output;
    row.perMtok = ratePer(row.spend, tokens, 1e6, 4);
    row.perRequest = ratePer(row.spend, row.requests, 1, 6);
    // `id` is the group's own key (a model id for models): what the chart's stable colours hash. A null key is Other.
    return { day: r.day, key: r.key === null ? 'Other' : (labels.get(r.key) ?? r.key), id: r.key ?? 'Other', value: metricOf(row, p.metric) };
  });

  const totalSpend = sumPriced(all.map((r) => r.spend), 6);
  const unpricedRows = all.reduce((n, r) => n + r.unpricedRows, 0);
  return { range, anchor, raw, interval, hasUsage: !!last?.last, rows: pageRows, all, page, pages, total: all.length, series, totalSpend, unpricedRows };
}

/**
 * The values the filters offer, from the monthly rollups (a few rows per month): models and providers, projects and
 * keys over all time, users over the months the range touches. Separate from the view so the browser fetches it once
 * per range, not on every change of grouping, metric or page.
 */
export async function getUsageOptions(db: Db, workspaceId: string, range: { from: string; to: string }): Promise<{ dim: string; value: string }[]> {
  return rows<{ dim: string; value: string }>(db, sql`
    select * from (
      select distinct 'model' as dim, ${sql.raw(GROUP_SQL.model)} as value from usage_monthly_model d where workspace_id = ${workspaceId}
      union all select distinct 'provider', ${sql.raw(GROUP_SQL.provider)} from usage_monthly_model d where workspace_id = ${workspaceId}
      union all select distinct 'project', ${sql.raw(GROUP_SQL.project)} from usage_monthly_key d where workspace_id = ${workspaceId}
      union all select distinct 'key', ${sql.raw(GROUP_SQL.key)} from usage_monthly_key d where workspace_id = ${workspaceId}
      union all (select distinct 'user', ${sql.raw(GROUP_SQL.user)} from usage_monthly_user d where workspace_id = ${workspaceId}
        and month between date_trunc('month', ${range.from}::date)::date and ${range.to}::date limit 500)
    ) o order by 1, 2 limit 2500`);
}
