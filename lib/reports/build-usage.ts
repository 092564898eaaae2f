import type { Db } from '@/db/client';
import { getUsageExplorer } from '@/db/queries/get-usage-explorer';
import { BadRequestError, validationError } from '@/lib/api/errors';
import { D, formatCurrency, toDecimalString } from '@/lib/money';
import type { ExplorerParams } from '@/lib/usage/explorer-params';
import { explorerParamsSchema, METRIC_LABELS } from '@/lib/usage/explorer-params';
import { ratePer } from '@/lib/usage/priced';
import { formatCell } from './format';
import { cumulativeByDay, GLOSSARY, monthlyTable, sumSpend } from './series';
import { getPeriodSources } from './sources';
import type { ReportSnapshot } from './types';
import { now } from '@/lib/clock';

/** The Usage explorer's URL query string → its parameters (empty values and the page number dropped). */
export function parseUsageSource(query: string): ExplorerParams {
  if (query.length > 4000) throw new BadRequestError('the usage view parameters are too long');
  const raw = Object.fromEntries([...new URLSearchParams(query.replace(/^\?/, ''))].filter(([k, v]) => v !== '' && k !== 'page' && k !== 'workspace'));
  const parsed = explorerParamsSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const DIM_LABEL = { model: 'Model', provider: 'Provider', project: 'Project', key: 'API key', user: 'User', day: 'Day' } as const;

/** The Usage explorer view (its range, filters and grouping) frozen: totals per group, by month, and spend over time. */
export async function buildUsageSnapshot(db: Db, workspaceId: string, query: string): Promise<ReportSnapshot> {
  const asOf = now().toISOString();
  const p = { ...parseUsageSource(query), page: 1 };
  const [r, days] = await Promise.all([
    getUsageExplorer(db, workspaceId, p),
    getUsageExplorer(db, workspaceId, { ...p, groupBy: 'day' }),
  ]);
  // "All time" starts in 2020 for the query; a reader wants the days that actually had usage.
  const firstDay = days.all.reduce<string | null>((m, d) => (m === null || d.key < m ? d.key : m), null);
  const period = { from: firstDay && firstDay > r.range.from ? firstDay : r.range.from, to: r.range.to };
  const total = sumSpend(r.all);
  const unpricedRows = r.all.reduce((n, x) => n + x.unpricedRows, 0);
  const requests = r.all.reduce((s, x) => s + x.requests, 0);
  const input = r.all.reduce((s, x) => s + x.input, 0);
  const output = r.all.reduce((s, x) => s + x.output, 0);
  const perMtok = ratePer(total, input + output, 1e6, 4);
  // Unpriced is never $0: a share is of the priced spend, and an unpriced group has none.
  const shareOf = (v: string | null) => (v !== null && total !== null && new D(total).gt(0) ? toDecimalString(new D(v).div(total), 4) : null);
  const filters = (['model', 'provider', 'project', 'key', 'user'] as const).filter((d) => p[d].length).map((d) => `${DIM_LABEL[d]}: ${p[d].join(', ')}`);
  const top = r.all.filter((x) => x.spend !== null).sort((a, b) => new D(b.spend!).cmp(a.spend!))[0];
  const cost = total === null ? 'had no computed price' : `cost ${formatCurrency(total, { exact: true })}`;
  const unpricedNote = unpricedRows ? ` ${unpricedRows.toLocaleString('en-US')} usage rows have no price and are not in the spend.` : '';
  const dim = DIM_LABEL[p.groupBy].toLowerCase();
  const summary = r.all.length === 0
    ? `No usage matched this view from ${period.from} to ${period.to}${filters.length ? ` (${filters.join('; ')})` : ''}.`
    : `From ${period.from} to ${period.to}, ${filters.length ? `usage filtered to ${filters.join('; ')}` : 'all usage of the workspace'} ${cost} over ${requests.toLocaleString('en-US')} requests ` +
      `(${input.toLocaleString('en-US')} input and ${output.toLocaleString('en-US')} output tokens${perMtok ? `, ${formatCurrency(perMtok)} per 1M tokens` : ''}).` +
      (top && p.groupBy !== 'day' ? ` The largest ${dim} is ${top.label} at ${formatCurrency(top.spend!, { exact: true })}${shareOf(top.spend) ? ` (${formatCell(shareOf(top.spend), 'percent')} of spend)` : ''}, one of ${r.all.length.toLocaleString('en-US')}.` : '') +
      unpricedNote;
  const rows = r.all.slice(0, 500).map((x) => ({
    name: x.label, spend: x.spend === null ? null : toDecimalString(new D(x.spend), 2), share: shareOf(x.spend),
    requests: x.requests, input: x.input, output: x.output, perMtok: x.perMtok, unpricedRows: x.unpricedRows,
  }));
  return {
    schema: 1, kind: 'usage', asOf, currency: 'USD', summary,
    keyNumbers: [
      { label: 'Spend', value: total, unit: 'usd' },
      { label: 'Requests', value: requests, unit: 'integer' },
      { label: 'Input tokens', value: input, unit: 'integer' },
      { label: 'Output tokens', value: output, unit: 'integer' },
      { label: 'USD per 1M tokens', value: perMtok, unit: 'usd' },
      { label: `${DIM_LABEL[p.groupBy]}s`, value: r.all.length, unit: 'integer' },
      { label: 'Unpriced usage rows', value: unpricedRows, unit: 'integer' },
    ],
    tables: [
      {
        name: 'comparison', title: `Spend by ${dim}${r.all.length > 500 ? ' (the 500 largest)' : ''}`,
        columns: [
          { key: 'name', label: DIM_LABEL[p.groupBy], unit: p.groupBy === 'day' ? 'date' : 'text' }, { key: 'spend', label: 'Spend', unit: 'usd' },
          { key: 'share', label: 'Share of spend', unit: 'percent' }, { key: 'requests', label: 'Requests', unit: 'integer' },
          { key: 'input', label: 'Input tokens', unit: 'integer' }, { key: 'output', label: 'Output tokens', unit: 'integer' }, { key: 'perMtok', label: 'USD per 1M tokens', unit: 'usd' },
          { key: 'unpricedRows', label: 'Unpriced usage rows', unit: 'integer' },
        ],
        rows,
      },
      monthlyTable(days.all),
    ],
    cumulative: cumulativeByDay(days.all, 'Cumulative spend over the period', 'Spend'),
    assumptions: [
      { label: 'Period', value: `${period.from} to ${period.to}${p.from || p.to ? '' : ` (${p.preset === 'all' ? 'all time' : `${p.preset ?? '30d'} preset`}, ending on the latest day with usage)`}` },
      { label: 'Filters', value: filters.length ? filters.join('; ') : 'none: every model, provider, project and API key' },
      { label: 'Grouped by', value: `${dim}, sorted by ${p.sort === 'name' ? 'name' : METRIC_LABELS[p.metric]} ${p.dir === 'asc' ? 'ascending' : 'descending'}` },
      { label: 'Costing', value: 'each usage row at the price in force on its day: workspace negotiated prices first, then the reference sheet, provider discounts applied' },
      { label: 'Currency', value: 'US dollars; totals rounded to the cent' },
    ],
    sources: await getPeriodSources(db, workspaceId, period),
    glossary: GLOSSARY,
  };
}
