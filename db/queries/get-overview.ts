import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { D, toDecimalString } from '@/lib/money';
import { rollupSource, shownDimText } from './rollup-source';
import { seriesWithOther } from './series-with-other';
import { now } from '@/lib/clock';

/**
 * The Overview's numbers, from the daily rollup: month to date against last month (same days and whole), a
 * trend forecast to month end with a range, volume, unit cost, top model and project, open-weights share, and
 * daily spend by a dimension for the stacked chart. Money stays decimal strings.
 */
export const OVERVIEW_GROUPS = ['model', 'provider', 'project', 'key'] as const;
export type OverviewGroup = (typeof OVERVIEW_GROUPS)[number];
/** The cards read the narrow rollup (day × provider × model); the tops and the series the smallest rollup with their dimension. */
const GROUP_SQL: Record<OverviewGroup, string> = { model: 'coalesce(m.name, d.raw_model)', provider: shownDimText('provider'), project: shownDimText('project'), key: shownDimText('key') };

export type Overview = {
  asOf: string | null;
  month: { from: string; to: string; spend: string; requests: number; inputTokens: number; outputTokens: number; costPer1kRequests: string | null };
  lastMonthSameDays: string;
  lastMonth: string;
  /** daysLeft 0: the month's last day has usage, and the forecast is what the month came to. */
  forecast: { spend: string; low: string; high: string; daysLeft: number } | null;
  topModel: { name: string; spend: string } | null;
  topProject: { name: string; spend: string } | null;
  openWeightsShare: number | null;
  series: { day: string; key: string; spend: number }[];
  /** Series key → the model id behind it (grouping by model), for the charts' stable colours. */
  seriesIds: Record<string, string>;
  movers: { key: string; before: string; after: string; change: string }[];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The biggest groups by spend over a range (model names from the catalog), from the smallest rollup with the dimension. */
async function topGroups(db: Db, workspaceId: string, range: { from: string; to: string }, by: OverviewGroup, limit: number) {
  return rows<{ name: string; spend: string }>(db, sql`
    select ${sql.raw(GROUP_SQL[by])} as name, sum(d.cost)::text as spend from ${rollupSource(workspaceId, range, { dims: [by] })} d
    left join models m on m.id = d.model_id group by 1 having sum(d.rows) <> 0 order by sum(d.cost) desc nulls last, 1 limit ${limit}`);
}

export async function getOverview(db: Db, workspaceId: string, opts: { groupBy: OverviewGroup; days?: number }): Promise<Overview> {
  const [last] = await rows<{ last: string | null }>(db, sql`select max(day)::text as last from usage_daily_model where workspace_id = ${workspaceId}`);
  const today = iso(now());
  const asOf = last?.last ? (last.last < today ? last.last : today) : null;
  const empty: Overview = {
    asOf, month: { from: '', to: '', spend: '0', requests: 0, inputTokens: 0, outputTokens: 0, costPer1kRequests: null }, lastMonthSameDays: '0', lastMonth: '0',
    forecast: null, topModel: null, topProject: null, openWeightsShare: null, series: [], seriesIds: {}, movers: [],
  };
  if (!asOf) return empty;
  const a = new Date(`${asOf}T00:00:00Z`);
  const monthStart = iso(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1)));
  const prevStart = iso(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() - 1, 1)));
  const prevEnd = iso(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 0)));
  const prevSameDay = iso(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() - 1, Math.min(a.getUTCDate(), new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 0)).getUTCDate()))));
  const daysInMonth = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + 1, 0)).getUTCDate();
  const elapsed = a.getUTCDate();

  const [m] = await rows<{ spend: string | null; requests: string | null; input: string | null; output: string | null }>(db, sql`
    select sum(cost)::text as spend, sum(requests)::text as requests, sum(input_tokens)::text as input, sum(output_tokens)::text as output
    from usage_daily_model where workspace_id = ${workspaceId} and day between ${monthStart}::date and ${asOf}::date`);
  const [p] = await rows<{ same: string | null; whole: string | null }>(db, sql`
    select sum(cost) filter (where day <= ${prevSameDay}::date)::text as same, sum(cost)::text as whole
    from usage_daily_model where workspace_id = ${workspaceId} and day between ${prevStart}::date and ${prevEnd}::date`);
  const daily = await rows<{ day: string; spend: string }>(db, sql`
    select day::text as day, coalesce(sum(cost), 0)::text as spend from usage_daily_model
    where workspace_id = ${workspaceId} and day between ${monthStart}::date and ${asOf}::date group by day order by day`);
  const month = { from: monthStart, to: asOf };
  const [[topModel], [topProject]] = await Promise.all([topGroups(db, workspaceId, month, 'model', 1), topGroups(db, workspaceId, month, 'project', 1)]);
  const [ow] = await rows<{ open: string | null; total: string | null }>(db, sql`
    select sum(d.cost) filter (where m.open_weights)::text as open, sum(d.cost)::text as total
    from usage_daily_model d left join models m on m.id = d.model_id where d.workspace_id = ${workspaceId} and d.day between ${monthStart}::date and ${asOf}::date`);

  const days = opts.days ?? 90;
  const from = iso(new Date(a.getTime() - (days - 1) * 86_400_000));
  const range = { from, to: asOf };
  const g = sql.raw(GROUP_SQL[opts.groupBy]);
  // The six biggest series over the period; the rest is "Other" (a stacked chart of 40 colours reads as noise).
  const topKeys = (await topGroups(db, workspaceId, range, opts.groupBy, 6)).map((r) => r.name);
  const raw = await seriesWithOther(db, { workspaceId, range, interval: 'day', filterDims: [], groupDim: opts.groupBy, group: g, where: sql`true`, keys: topKeys });
  const series = raw.map((r) => ({ day: r.day, key: r.key ?? 'Other', spend: Number(r.spend) }));
  const seriesIds: Record<string, string> = {};
  if (opts.groupBy === 'model') for (const r of raw) if (r.key !== null && r.id) seriesIds[r.key] = r.id;

  const w1 = iso(new Date(a.getTime() - 6 * 86_400_000));
  const w0 = iso(new Date(a.getTime() - 13 * 86_400_000));
  const moversRaw = await rows<{ key: string; before: string | null; after: string | null }>(db, sql`
    select ${sql.raw(GROUP_SQL.model)} as key, sum(d.cost) filter (where d.day < ${w1}::date)::text as before, sum(d.cost) filter (where d.day >= ${w1}::date)::text as after
    from usage_daily_model d left join models m on m.id = d.model_id where d.workspace_id = ${workspaceId} and d.day between ${w0}::date and ${asOf}::date group by 1`);
  const movers = moversRaw.map((r) => ({ key: r.key, before: r.before ?? '0', after: r.after ?? '0', change: toDecimalString(new D(r.after ?? 0).minus(r.before ?? 0), 2) }))
    .filter((r) => new D(r.change).gt(0)).sort((x, y) => new D(y.change).cmp(x.change)).slice(0, 5);

  const spend = new D(m?.spend ?? 0);
  let forecast: Overview['forecast'] = null;
  if (daily.length >= 3) {
    // Trend forecast: the month so far plus the remaining days at the recent daily average, with a ±1.96 σ range.
    const recent = daily.slice(-14).map((d) => new D(d.spend));
    const mean = recent.reduce((s, x) => s.plus(x), new D(0)).div(recent.length);
    const variance = recent.reduce((s, x) => s.plus(x.minus(mean).pow(2)), new D(0)).div(Math.max(1, recent.length - 1));
    const remaining = daysInMonth - elapsed;
    const mid = spend.plus(mean.times(remaining));
    const spread = variance.sqrt().times(Math.sqrt(remaining)).times(1.96);
    forecast = { spend: toDecimalString(mid, 2), low: toDecimalString(D.max(spend, mid.minus(spread)), 2), high: toDecimalString(mid.plus(spread), 2), daysLeft: remaining };
  }
  const requests = Number(m?.requests ?? 0);
  return {
    asOf,
    month: {
      from: monthStart, to: asOf, spend: toDecimalString(spend, 2), requests, inputTokens: Number(m?.input ?? 0), outputTokens: Number(m?.output ?? 0),
      costPer1kRequests: requests ? toDecimalString(spend.div(requests).times(1000), 4) : null,
    },
    lastMonthSameDays: toDecimalString(new D(p?.same ?? 0), 2),
    lastMonth: toDecimalString(new D(p?.whole ?? 0), 2),
    forecast,
    topModel: topModel ? { name: topModel.name, spend: toDecimalString(new D(topModel.spend ?? 0), 2) } : null,
    topProject: topProject ? { name: topProject.name, spend: toDecimalString(new D(topProject.spend ?? 0), 2) } : null,
    openWeightsShare: ow?.total && new D(ow.total).gt(0) ? Number(new D(ow.open ?? 0).div(ow.total).toFixed(4)) : null,
    series,
    seriesIds,
    movers,
  };
}
