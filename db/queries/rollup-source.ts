import { sql, type SQL } from 'drizzle-orm';
import type { Dim, Family } from '@/db/rollups';
import { FAMILY_DIMS, rollupTable } from '@/db/rollups';

/**
 * The cheapest exact source for a usage view: the smallest rollup family that has every dimension the view filters
 * or groups by, its monthly table for the calendar months of the range and its daily table for the days at either
 * end (added, or subtracted from a whole month: see splitRange). The result is a subquery with usage's column names
 * (dimensions a family lacks come back as '' or null) and the rollup measures, so the callers' WHERE and GROUP BY
 * read the same whichever table answers. Only sums are exact over it, and a group whose rows all cancel out sums to
 * zero rows: callers keep `having sum(d.rows) <> 0`.
 *
 * A view that needs days (a daily chart) asks for `grain: 'day'` and reads daily rows only. Some rollup has every
 * combination of dimensions; `raw` (usage itself) is for the benchmarks' baselines.
 */
export type SourceNeed = { dims: Dim[]; grain?: 'day' | 'any'; raw?: boolean };
export type SourcePlan = { family: Family | 'raw'; months: { from: string; to: string } | null; days: { from: string; to: string }[]; minus: { from: string; to: string }[] };

const FAMILY_ORDER: Family[] = ['model', 'key', 'user', 'full', 'userFull'];
const ALL_COLUMNS = ['provider_id', 'raw_model', 'model_id', 'project', 'api_key', 'user_ref'] as const;
const FAMILY_COLUMNS: Record<Family | 'raw', string[]> = {
  full: ['provider_id', 'raw_model', 'model_id', 'project', 'api_key'],
  model: ['provider_id', 'raw_model', 'model_id'],
  key: ['project', 'api_key'],
  user: ['user_ref', 'provider_id', 'raw_model', 'model_id'],
  userFull: [...ALL_COLUMNS],
  reported: ['provider_id', 'raw_model', 'model_id'],
  raw: [...ALL_COLUMNS],
};
const MEASURES = 'rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows';
const NEGATED = MEASURES.split(', ').map((m) => `-${m} as ${m}`).join(', ');
const RAW_MEASURES = `1 as rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost,
  (price_status in ('no_price', 'unmapped'))::int as unpriced_rows`;

/** Dimensions whose empty value a view shows as a label, with the column behind them. */
const SHOWN: Partial<Record<Dim, { column: string; empty: string }>> = {
  provider: { column: 'provider_id', empty: '(unknown)' }, project: { column: 'project', empty: '(none)' },
  key: { column: 'api_key', empty: '(none)' }, user: { column: 'user_ref', empty: '(none)' },
};

/** The dimension as a view shows it, over the source alias `d` ('' → its label), as SQL text; for the labelled dimensions only. */
export function shownDimText(dim: 'provider' | 'project' | 'key' | 'user'): string {
  const s = SHOWN[dim]!;
  return `coalesce(nullif(d.${s.column}, ''), '${s.empty}')`;
}

/** shownDim's SQL; null for models (id or raw name) and the other dimensions without a label. */
export function shownDim(dim: Dim): SQL | null {
  return SHOWN[dim] ? sql.raw(shownDimText(dim as 'provider')) : null;
}

/**
 * `values` (as shown) of a dimension, as a predicate over `d`: the shown expression, and the column named plainly
 * ('' for the label) so that a rollup keyed or indexed by it (users, keys, projects) reads one range, not the period.
 */
export function dimIn(dim: Dim, values: string[]): SQL {
  const s = SHOWN[dim];
  if (!s) throw new Error(`${dim} has no plain column`);
  const plain = [...new Set([...values, ...(values.includes(s.empty) ? [''] : [])])];
  return sql`${shownDim(dim)} in ${values} and d.${sql.raw(s.column)} in ${plain}`;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function chooseFamily(dims: Dim[]): Family | 'raw' {
  return FAMILY_ORDER.find((f) => dims.every((d) => FAMILY_DIMS[f].includes(d))) ?? 'raw';
}

type Range = { from: string; to: string };
const ym = (d: string) => { const x = new Date(utc(d)); return [x.getUTCFullYear(), x.getUTCMonth()] as const; };
const monthStart = (d: string) => `${d.slice(0, 8)}01`;
const monthEnd = (d: string) => { const [y, m] = ym(d); return iso(Date.UTC(y, m + 1, 0)); };
const addDays = (d: string, n: number) => iso(utc(d) + n * 86_400_000);
const addMonths = (d: string, n: number) => { const [y, m] = ym(d); return iso(Date.UTC(y, m + n, 1)); };
const span = (r: Range) => Math.round((utc(r.to) - utc(r.from)) / 86_400_000) + 1;

/**
 * Splits [from, to] into whole months (the monthly rollup) and days (the daily one). A month the range covers only
 * partly is read as its days when they are at most half of it, else as the whole month minus the days outside the
 * range (`minus`, summed with the opposite sign): the last 30 days are one month and a day, not 30 days of rows.
 * Pure (table-tested).
 */
export function splitRange(from: string, to: string): { months: Range | null; days: Range[]; minus: Range[] } {
  if (from > to) return { months: null, days: [], minus: [] };
  const days: Range[] = [];
  const minus: Range[] = [];
  const m0 = monthStart(from);
  const m1 = monthStart(to);
  const mostOf = (covered: Range) => span(covered) * 2 > span({ from: monthStart(covered.from), to: monthEnd(covered.from) });
  if (m0 === m1) {
    const whole = from === m0 && to === monthEnd(to);
    if (!whole && !mostOf({ from, to })) return { months: null, days: [{ from, to }], minus: [] };
    if (from > m0) minus.push({ from: m0, to: addDays(from, -1) });
    if (to < monthEnd(to)) minus.push({ from: addDays(to, 1), to: monthEnd(to) });
    return { months: { from: m0, to: m0 }, days: [], minus };
  }
  let first = m0;
  let last = m1;
  if (from > m0) {
    const head = { from, to: monthEnd(from) };
    if (mostOf(head)) minus.push({ from: m0, to: addDays(from, -1) });
    else { days.push(head); first = addMonths(m0, 1); }
  }
  if (to < monthEnd(to)) {
    const tail = { from: m1, to };
    if (mostOf(tail)) minus.push({ from: addDays(to, 1), to: monthEnd(to) });
    else { days.push(tail); last = addMonths(m1, -1); }
  }
  return { months: first <= last ? { from: first, to: last } : null, days, minus };
}

export function planSource(range: { from: string; to: string }, need: SourceNeed): SourcePlan {
  const family = need.raw ? 'raw' : chooseFamily(need.dims);
  if (family === 'raw' || need.grain === 'day') return { family, months: null, days: range.from <= range.to ? [range] : [], minus: [] };
  return { family, ...splitRange(range.from, range.to) };
}

function columns(family: Family | 'raw'): string {
  const have = FAMILY_COLUMNS[family];
  return ['workspace_id', ...ALL_COLUMNS.map((c) => (have.includes(c) ? c : c === 'model_id' ? 'null::text as model_id' : `''::text as ${c}`))].join(', ');
}

/** The subquery for a view of `workspaceId` over `range` needing `need` (alias it: `from ${src} d`). */
export function rollupSource(workspaceId: string, range: { from: string; to: string }, need: SourceNeed): SQL {
  const plan = planSource(range, need);
  const parts: SQL[] = [];
  if (plan.family === 'raw') {
    for (const d of plan.days) {
      parts.push(sql`select day, ${sql.raw(columns('raw').replace('provider_id', "coalesce(provider_id, '') as provider_id"))}, ${sql.raw(RAW_MEASURES)}
        from usage where workspace_id = ${workspaceId} and day between ${d.from}::date and ${d.to}::date`);
    }
  } else {
    const cols = sql.raw(columns(plan.family));
    // Whole-month and subtracted rows carry a day inside the range (the month's first day in it, or the range's end
    // nearest them), so a caller's own range filter keeps them and a per-month bucket puts them in their month.
    if (plan.months) {
      parts.push(sql`select greatest(month, ${range.from}::date) as day, ${cols}, ${sql.raw(MEASURES)} from ${sql.raw(rollupTable(plan.family, 'month'))}
        where workspace_id = ${workspaceId} and month between ${plan.months.from}::date and ${plan.months.to}::date`);
    }
    for (const d of plan.days) {
      parts.push(sql`select day, ${cols}, ${sql.raw(MEASURES)} from ${sql.raw(rollupTable(plan.family, 'day'))}
        where workspace_id = ${workspaceId} and day between ${d.from}::date and ${d.to}::date`);
    }
    for (const d of plan.minus) {
      parts.push(sql`select least(greatest(day, ${range.from}::date), ${range.to}::date) as day, ${cols}, ${sql.raw(NEGATED)} from ${sql.raw(rollupTable(plan.family, 'day'))}
        where workspace_id = ${workspaceId} and day between ${d.from}::date and ${d.to}::date`);
    }
  }
  if (!parts.length) {
    // An empty range: no rows, same columns.
    return sql.raw(`(select null::date as day, null::uuid as workspace_id, ${ALL_COLUMNS.map((c) => `null::text as ${c}`).join(', ')}, ${MEASURES.split(', ').map((m) => `null::bigint as ${m}`).join(', ')} where false)`);
  }
  return sql`(${sql.join(parts, sql` union all `)})`;
}
