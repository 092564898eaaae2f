import type { Db } from '@/db/client';
import { getOverview } from '@/db/queries/get-overview';
import { getUsageExplorer } from '@/db/queries/get-usage-explorer';
import { D, formatCurrency, toDecimalString } from '@/lib/money';
import { explorerParamsSchema } from '@/lib/usage/explorer-params';
import { formatCell } from './format';
import { cumulativeByDay, GLOSSARY, monthBounds, monthlyTable, pctChange } from './series';
import { getPeriodSources } from './sources';
import type { ReportSeriesChart, ReportSnapshot } from './types';
import { now as clockNow } from '@/lib/clock';

/** Unpriced is never $0: a null amount reads "unpriced" in the summary (and "—" in a table cell). */
const usd = (v: string | null) => (v === null ? 'unpriced' : formatCurrency(v, { exact: true }));
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The Overview frozen: month to date against the same days last month, the forecast, spend by model, six months of
 * monthly totals and the cumulative spend of this month against last. Every money value is an exact decimal string.
 */
export async function buildOverviewSnapshot(db: Db, workspaceId: string): Promise<ReportSnapshot> {
  const asOf = clockNow().toISOString();
  const o = await getOverview(db, workspaceId, { groupBy: 'model' });
  if (!o.asOf) {
    return {
      schema: 1, kind: 'overview', asOf, currency: 'USD', summary: 'This workspace had no usage when the report was saved.',
      keyNumbers: [], tables: [], assumptions: [{ label: 'Period', value: 'no usage yet' }], sources: [], glossary: GLOSSARY,
    };
  }
  const base = explorerParamsSchema.parse({});
  const prev = monthBounds(o.asOf, -1);
  const prevSameDay = `${prev.from.slice(0, 8)}${String(Math.min(Number(o.asOf.slice(8)), Number(prev.to.slice(8)))).padStart(2, '0')}`;
  const [now, before, days] = await Promise.all([
    getUsageExplorer(db, workspaceId, { ...base, from: o.month.from, to: o.month.to, groupBy: 'model' }),
    getUsageExplorer(db, workspaceId, { ...base, from: prev.from, to: prevSameDay, groupBy: 'model' }),
    getUsageExplorer(db, workspaceId, { ...base, from: monthBounds(o.asOf, -5).from, to: o.month.to, groupBy: 'day' }),
  ]);

  const beforeBy = new Map(before.all.map((r) => [r.key, r]));
  const total = new D(o.month.spend ?? 0);
  const money = (v: string | null | undefined) => (v === null ? null : toDecimalString(new D(v ?? 0), 2));
  const keys = [...new Set([...now.all.map((r) => r.key), ...before.all.map((r) => r.key)])];
  const comparison = keys.map((k) => {
    const a = now.all.find((r) => r.key === k);
    const b = beforeBy.get(k);
    // No row is no usage ($0); a row with a null spend is usage without a price (null, and no change to compute).
    const spend = money(a?.spend), before = money(b?.spend);
    return {
      model: a?.label ?? b?.label ?? k, spend, before,
      change: spend === null || before === null ? null : toDecimalString(new D(spend).minus(before), 2),
      share: spend !== null && total.gt(0) ? toDecimalString(new D(spend).div(total), 4) : null, requests: a?.requests ?? 0, unpricedRows: a?.unpricedRows ?? 0,
    };
  }).sort((x, y) => new D(y.spend ?? -1).cmp(x.spend ?? -1) || x.model.localeCompare(y.model));

  const monthDays = (m: { from: string; to: string }) => days.all.filter((d) => d.key >= m.from && d.key <= m.to);
  const thisRun = cumulativeByDay(monthDays({ from: o.month.from, to: o.month.to }), '', 'This month').points;
  const lastRun = cumulativeByDay(monthDays(prev), '', 'Last month').points;
  const cumulative: ReportSeriesChart = {
    title: 'Cumulative spend, this month against last', xLabel: 'Day of month', unit: 'usd', series: ['This month', 'Last month'],
    points: Array.from({ length: Math.max(Number(prev.to.slice(8)), Number(o.month.to.slice(8))) }, (_, i) => {
      const day = String(i + 1).padStart(2, '0');
      return { x: String(i + 1), values: { 'This month': thisRun.find((p) => p.x.endsWith(`-${day}`))?.values['This month'] ?? null, 'Last month': lastRun.find((p) => p.x.endsWith(`-${day}`))?.values['Last month'] ?? null } };
    }),
  };

  const change = o.month.spend === null || o.lastMonthSameDays === null ? null : pctChange(o.month.spend, o.lastMonthSameDays);
  const monthName = MONTHS[Number(o.asOf.slice(5, 7)) - 1];
  const summary = [
    `From ${o.month.from} to ${o.month.to} (${monthName} to date) the workspace spent ${usd(o.month.spend)} on ${o.month.requests.toLocaleString('en-US')} requests`,
    o.month.spend === null || o.lastMonthSameDays === null ? '.' : change === null ? ', with no usage on the same days last month.' : `, ${formatCell(change, 'percent').replace(/^(\d)/, '+$1')} against the same days last month (${usd(o.lastMonthSameDays)}).`,
    !o.forecast || o.forecast.daysLeft === 0 ? '' : ` At the last 14 days' rate the month ends near ${usd(o.forecast.spend)} (range ${usd(o.forecast.low)} to ${usd(o.forecast.high)}).`,
    o.topModel?.spend ? ` The largest cost is ${o.topModel.name} at ${usd(o.topModel.spend)}${total.gt(0) ? ` (${formatCell(toDecimalString(new D(o.topModel.spend).div(total), 4), 'percent')} of spend)` : ''}.` : '',
    o.month.unpricedRows ? ` ${o.month.unpricedRows.toLocaleString('en-US')} usage rows this month have no price and are not in the spend.` : '',
    ` Last month as a whole cost ${usd(o.lastMonth)}.`,
  ].join('');

  return {
    schema: 1, kind: 'overview', asOf, currency: 'USD', summary,
    keyNumbers: [
      { label: 'Spend this month to date', value: o.month.spend, unit: 'usd' },
      { label: 'Same days last month', value: o.lastMonthSameDays, unit: 'usd' },
      { label: 'Change against the same days', value: change, unit: 'percent' },
      { label: 'Forecast to month end', value: o.forecast?.spend ?? null, unit: 'usd' },
      { label: 'Last month', value: o.lastMonth, unit: 'usd' },
      { label: 'Requests this month', value: o.month.requests, unit: 'integer' },
      { label: 'Unpriced usage rows this month', value: o.month.unpricedRows, unit: 'integer' },
      { label: 'Cost per 1,000 requests', value: o.month.costPer1kRequests, unit: 'usd' },
      { label: 'Share of spend on open-weights models', value: o.openWeightsShare === null ? null : String(o.openWeightsShare), unit: 'percent' },
    ],
    tables: [
      {
        name: 'comparison', title: 'Spend by model, this month against the same days last month',
        columns: [
          { key: 'model', label: 'Model', unit: 'text' }, { key: 'spend', label: 'This month', unit: 'usd' }, { key: 'before', label: 'Same days last month', unit: 'usd' },
          { key: 'change', label: 'Change', unit: 'usd' }, { key: 'share', label: 'Share of spend', unit: 'percent' }, { key: 'requests', label: 'Requests', unit: 'integer' },
          { key: 'unpricedRows', label: 'Unpriced usage rows', unit: 'integer' },
        ],
        rows: comparison,
      },
      monthlyTable(days.all),
    ],
    cumulative,
    assumptions: [
      { label: 'Period', value: `${o.month.from} to ${o.month.to} (month to date, up to the latest day with usage)` },
      { label: 'Compared with', value: `${prev.from} to ${prevSameDay} (the same days last month); last month whole: ${prev.from} to ${prev.to}` },
      { label: 'Filters', value: 'none: every model, provider, project and API key of the workspace' },
      { label: 'Forecast', value: o.forecast ? 'month so far plus the remaining days at the average of the last 14 days, range ±1.96 standard deviations' : 'not enough days (needs 3)' },
      { label: 'Costing', value: 'each usage row at the price in force on its day: workspace negotiated prices first, then the reference sheet, provider discounts applied' },
      { label: 'Currency', value: 'US dollars; totals rounded to the cent' },
    ],
    sources: await getPeriodSources(db, workspaceId, { from: monthBounds(o.asOf, -5).from, to: o.month.to }),
    glossary: GLOSSARY,
  };
}
