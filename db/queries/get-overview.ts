import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { D, toDecimalString } from '@/lib/money';
import { ratePer } from '@/lib/usage/priced';
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
  /** spend null: the month's usage has no price at all (unpriced is never $0); unpricedRows: its usage rows without one. */
  month: { from: string; to: string; spend: string | null; requests: number; inputTokens: number; outputTokens: number; costPer1kRequests: string | null; unpricedRows: number };
  /** null when those days had usage but none of it priced; '0' when they had no usage. */
  lastMonthSameDays: string | null;
  lastMonth: string | null;
  /** daysLeft 0: the month's last day has usage, and the forecast is what the month came to. */
  forecast: { spend: string; low: string; high: string; daysLeft: number } | null;
  topModel: { name: string; spend: string | null } | null;
  topProject: { name: string; spend: string | null } | null;
  openWeightsShare: number | null;
  /** spend null: that series' usage on the day has no price (the chart draws no bar, the table says unpriced). */
  series: { day: string; key: string; spend: number | null }[];
  /** Series key → the model id behind it (grouping by model), for the charts' stable colours. */
  seriesIds: Record<string, string>;
  /** before/after null: unpriced in that week; change is of the priced spend. */
  movers: { key: string; before: string | null; after: string | null; change: string }[];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A sum of cost over `rows` usage rows, to the cent: '0' over no usage, null over usage none of which is priced. */
function moneyOf(cost: string | null, rows: string | number | null): string | null {
  if (cost !== null) return toDecimalString(new D(cost), 2);
  return Number(rows ?? 0) === 0 ? '0' : null;
}

/** The biggest groups by spend over a range (model names from the catalog), from the smallest rollup with the dimension. */
async function topGroups(db: Db, workspaceId: string, range: { from: string; to: string }, by: OverviewGroup, limit: number) {
  return rows<{ name: string; spend: string | null }>(db, sql`
    select ${sql.raw(GROUP_SQL[by])} as name, sum(d.cost)::text as spend from ${rollupSource(workspaceId, range, { dims: [by] })} d
    left join models m on m.id = d.model_id group by 1 having sum(d.rows) <> 0 order by sum(d.cost) desc nulls last, 1 limit ${limit}`);
}

export async function getOverview(db: Db, workspaceId: string, opts: { groupBy: OverviewGroup; days?: number }): Promise<Overview> {
  const [last] = await rows<{ last: string | null }>(db, sql`select max(day)::text as last from usage_daily_model where workspace_id = ${workspaceId}`);
  const today = iso(now());
  const asOf = last?.last ? (last.last < today ? last.last : today) : null;
  const empty: Overview = {
    asOf, month: { from: '', to: '', spend: '0', requests: 0, inputTokens: 0, outputTokens: 0, costPer1kRequests: null, unpricedRows: 0 }, lastMonthSameDays: '0', lastMonth: '0',
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

  const [m] = await rows<{ spend: string | null; requests: string | null; input: string | null; output: string | null; rows: string | null; unpriced: string | null }>(db, sql`
    select sum(cost)::text as spend, sum(requests)::text as requests, sum(input_tokens)::text as input, sum(output_tokens)::text as output,
      sum(rows)::text as rows, sum(unpriced_rows)::text as unpriced
    from usage_daily_model where workspace_id = ${workspaceId} and day between ${monthStart}::date and ${asOf}::date`);
  const [p] = await rows<{ same: string | null; whole: string | null; same_rows: string | null; whole_rows: string | null }>(db, sql`
    select sum(cost) filter (where day <= ${prevSameDay}::date)::text as same, sum(cost)::text as whole,
      sum(rows) filter (where day <= ${prevSameDay}::date)::text as same_rows, sum(rows)::text as whole_rows
    from usage_daily_model where workspace_id = ${workspaceId} and day between ${prevStart}::date and ${prevEnd}::date`);
  const daily = await rows<{ day: string; spend: string }>(db, sql`
    select day::text as day, sum(cost)::text as spend from usage_daily_model
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
  const series = raw.map((r) => ({ day: r.day, key: r.key ?? 'Other', spend: r.spend === null ? null : Number(r.spend) }));
  const seriesIds: Record<string, string> = {};
  if (opts.groupBy === 'model') for (const r of raw) if (r.key !== null && r.id) seriesIds[r.key] = r.id;

  const w1 = iso(new Date(a.getTime() - 6 * 86_400_000));
  const w0 = iso(new Date(a.getTime() - 13 * 86_400_000));
  const moversRaw = await rows<{ key: string; before: string | null; after: string | null; before_rows: string | null; after_rows: string | null }>(db, sql`
    select ${sql.raw(GROUP_SQL.model)} as key, sum(d.cost) filter (where d.day < ${w1}::date)::text as before, sum(d.cost) filter (where d.day >= ${w1}::date)::text as after,
      sum(d.rows) filter (where d.day < ${w1}::date)::text as before_rows, sum(d.rows) filter (where d.day >= ${w1}::date)::text as after_rows
    from usage_daily_model d left join models m on m.id = d.model_id where d.workspace_id = ${workspaceId} and d.day between ${w0}::date and ${asOf}::date group by 1`);
  // A week with no usage is $0 (a new model moves up from nothing); a week with usage but no price is unpriced, and a
  // change against an unpriced week is not known, so that model is no mover.
  const movers = moversRaw.map((r) => ({ key: r.key, before: moneyOf(r.before, r.before_rows ?? 0), after: moneyOf(r.after, r.after_rows ?? 0) }))
    .flatMap((r) => (r.before === null || r.after === null ? [] : [{ ...r, change: toDecimalString(new D(r.after).minus(r.before), 2) }]))
    .filter((r) => new D(r.change).gt(0)).sort((x, y) => new D(y.change).cmp(x.change)).slice(0, 5);

  const monthSpend = moneyOf(m?.spend ?? null, m?.rows ?? null);
  const spend = new D(monthSpend ?? 0);
  let forecast: Overview['forecast'] = null;
  if (daily.length >= 3 && monthSpend !== null) {
    // Trend forecast of the priced spend: the month so far plus the remaining days at the recent daily average,
    // with a ±1.96 σ range. A day whose usage is all unpriced adds no priced spend (month.unpricedRows says so).
    const recent = daily.slice(-14).map((d) => new D(d.spend ?? 0));
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
      from: monthStart, to: asOf, spend: monthSpend, requests, inputTokens: Number(m?.input ?? 0), outputTokens: Number(m?.output ?? 0),
      costPer1kRequests: ratePer(monthSpend, requests, 1000, 4), unpricedRows: Number(m?.unpriced ?? 0),
    },
    lastMonthSameDays: moneyOf(p?.same ?? null, p?.same_rows ?? null),
    lastMonth: moneyOf(p?.whole ?? null, p?.whole_rows ?? null),
    forecast,
    // Groups come with usage (sum(rows) <> 0), so a null spend is usage without a price.
    topModel: topModel ? { name: topModel.name, spend: moneyOf(topModel.spend, 1) } : null,
    topProject: topProject ? { name: topProject.name, spend: moneyOf(topProject.spend, 1) } : null,
    openWeightsShare: ow?.total && new D(ow.total).gt(0) ? Number(new D(ow.open ?? 0).div(ow.total).toFixed(4)) : null,
    series,
    seriesIds,
    movers,
  };
}
