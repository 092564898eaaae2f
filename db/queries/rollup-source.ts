import { sql, type SQL } from 'drizzle-orm';
import type { Dim, Family } from '@/db/rollups';
import { FAMILY_DIMS, rollupTable } from '@/db/rollups';

/**
 * The cheapest exact source for a usage view: the smallest rollup family that has every dimension the view filters
 * or groups by, its monthly table for the whole calendar months inside the range and its daily table for the days
 * at either end. The result is a subquery with usage's column names (dimensions a family lacks come back as '' or
 * null) and the rollup measures, so the callers' WHERE and GROUP BY read the same whichever table answers.
 *
 * A view that needs days (a daily chart) asks for `grain: 'day'` and reads daily rows only. Some rollup has every
 * combination of dimensions, so 'raw' (usage itself) is only asked for by the benchmarks' baselines.
 */
/** `raw`: read usage itself (the benchmarks' baseline for the same view). */
export type SourceNeed = { dims: Dim[]; grain?: 'day' | 'any'; raw?: boolean };
export type SourcePlan = { family: Family | 'raw'; months: { from: string; to: string } | null; days: { from: string; to: string }[] };

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
const RAW_MEASURES = `1 as rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost,
  (price_status in ('no_price', 'unmapped'))::int as unpriced_rows`;

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function chooseFamily(dims: Dim[]): Family | 'raw' {
  return FAMILY_ORDER.find((f) => dims.every((d) => FAMILY_DIMS[f].includes(d))) ?? 'raw';
}

/** Splits [from, to] into the whole months inside it and the days left at either end. Pure (tested). */
export function splitRange(from: string, to: string): { months: { from: string; to: string } | null; days: { from: string; to: string }[] } {
  if (from > to) return { months: null, days: [] };
  const f = new Date(utc(from));
  // First month starting on or after `from`; last month ending on or before `to`.
  const firstMonth = f.getUTCDate() === 1 ? from : iso(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  const t = new Date(utc(to));
  const lastDayOfToMonth = iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0));
  const lastMonth = to === lastDayOfToMonth ? `${to.slice(0, 8)}01` : iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1));
  if (firstMonth > lastMonth) return { months: null, days: [{ from, to }] };
  const lm = new Date(utc(lastMonth));
  const monthsEnd = iso(Date.UTC(lm.getUTCFullYear(), lm.getUTCMonth() + 1, 0));
  const days: { from: string; to: string }[] = [];
  if (from < firstMonth) days.push({ from, to: iso(utc(firstMonth) - 86_400_000) });
  if (to > monthsEnd) days.push({ from: iso(utc(monthsEnd) + 86_400_000), to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}

export function planSource(range: { from: string; to: string }, need: SourceNeed): SourcePlan {
  const family = need.raw ? 'raw' : chooseFamily(need.dims);
  if (family === 'raw' || need.grain === 'day') return { family, months: null, days: range.from <= range.to ? [range] : [] };
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
    if (plan.months) {
      parts.push(sql`select month as day, ${cols}, ${sql.raw(MEASURES)} from ${sql.raw(rollupTable(plan.family, 'month'))}
        where workspace_id = ${workspaceId} and month between ${plan.months.from}::date and ${plan.months.to}::date`);
    }
    for (const d of plan.days) {
      parts.push(sql`select day, ${cols}, ${sql.raw(MEASURES)} from ${sql.raw(rollupTable(plan.family, 'day'))}
        where workspace_id = ${workspaceId} and day between ${d.from}::date and ${d.to}::date`);
    }
  }
  if (!parts.length) {
    // An empty range: no rows, same columns.
    return sql.raw(`(select null::date as day, null::uuid as workspace_id, ${ALL_COLUMNS.map((c) => `null::text as ${c}`).join(', ')}, ${MEASURES.split(', ').map((m) => `null::bigint as ${m}`).join(', ')} where false)`);
  }
  return sql`(${sql.join(parts, sql` union all `)})`;
}
