import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { trimDecimal } from '@/lib/ingest/summary';
import { D, toDecimalString } from '@/lib/money';
import type { ReconciliationParams, ReconciliationReason, ReconciliationRow } from '@/lib/usage/reconciliation';
import { MATCH_SQL, reconcile } from '@/lib/usage/reconciliation';
import { today } from '@/lib/clock';

export const RECONCILIATION_PAGE_SIZE = 100;

export type Reconciliation = {
  range: { from: string; to: string } | null;
  totals: { computed: string; reported: string; difference: string; differencePct: number | null; groups: number; matching: number };
  reasons: { reason: ReconciliationReason; groups: number; difference: string }[];
  rows: ReconciliationRow[];
  all: ReconciliationRow[];
  page: number;
  pages: number;
};

/**
 * Computed against reported cost per day, model and provider, over the rows whose export carried a cost. Reads the
 * reported-cost rollup (`usage_daily_reported`: only those rows, with their price-status counts), not raw usage.
 * The default range is the 90 days ending on the latest day with a reported cost.
 */
export async function getReconciliation(db: Db, workspaceId: string, p: ReconciliationParams): Promise<Reconciliation> {
  const [last] = await rows<{ last: string | null }>(db, sql`select max(day)::text as last from usage_daily_model where workspace_id = ${workspaceId} and reported_cost is not null`);
  const empty: Reconciliation = { range: null, totals: { computed: '0', reported: '0', difference: '0', differencePct: null, groups: 0, matching: 0 }, reasons: [], rows: [], all: [], page: 1, pages: 1 };
  if (!last?.last && !p.from && !p.to) return empty;
  const to = p.to ?? last?.last ?? today();
  const from = p.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
  const groups = await rows<{
    day: string; model_key: string; model: string | null; provider: string; rows: string | number; requests: string; input: string; cached: string; output: string;
    computed: string | null; reported: string; no_price: string | number; unmapped: string | number; backdated: string | number; cost_only: string | number; batch: string | number;
    difference: string; difference_pct: string | null; matches: boolean;
  }>(db, sql`
    select g.day, g.model_key, g.model, g.provider, g.rows, g.requests, g.input, g.cached, g.output, g.computed::text as computed, g.reported::text as reported,
      g.no_price, g.unmapped, g.backdated, g.cost_only, g.batch, round(coalesce(computed, 0) - reported, 6)::text as difference,
      case when reported = 0 then null else round((coalesce(computed, 0) - reported) / reported * 100, 2)::text end as difference_pct,
      (${sql.raw(MATCH_SQL)}) as matches
    from (
      select u.day::text as day, coalesce(u.model_id, u.raw_model) as model_key, max(m.name) as model, coalesce(nullif(u.provider_id, ''), '(unknown)') as provider,
        sum(u.rows) as rows, sum(u.requests)::text as requests, sum(u.input_tokens)::text as input, sum(u.cached_input_tokens)::text as cached,
        sum(u.output_tokens)::text as output, sum(u.cost) as computed, sum(u.reported_cost) as reported,
        sum(u.no_price_rows) as no_price, sum(u.unmapped_rows) as unmapped, sum(u.backdated_rows) as backdated, sum(u.cost_only_rows) as cost_only,
        sum(u.batch_rows) as batch
      from usage_daily_reported u left join models m on m.id = u.model_id
      where u.workspace_id = ${workspaceId} and u.day between ${from}::date and ${to}::date
      group by 1, 2, 4
    ) g order by 1 desc, 2, 4`);
  const all = groups.map((g) => reconcile({
    day: g.day, modelKey: g.model_key, model: g.model ?? (g.model_key || '(no model)'), provider: g.provider, rows: Number(g.rows), requests: Number(g.requests),
    input: Number(g.input), cached: Number(g.cached), output: Number(g.output), computed: trimDecimal(g.computed), reported: trimDecimal(g.reported) ?? '0',
    noPrice: Number(g.no_price), unmapped: Number(g.unmapped), backdated: Number(g.backdated), costOnly: Number(g.cost_only), batch: Number(g.batch),
  }, { difference: trimDecimal(g.difference)!, differencePct: g.difference_pct === null ? null : Number(g.difference_pct), matches: g.matches }));
  const computed = all.reduce((s, r) => s.plus(r.computed ?? 0), new D(0));
  const reported = all.reduce((s, r) => s.plus(r.reported), new D(0));
  const byReason = new Map<ReconciliationReason, { groups: number; difference: InstanceType<typeof D> }>();
  for (const r of all) for (const reason of r.reasons) {
    const x = byReason.get(reason) ?? { groups: 0, difference: new D(0) };
    byReason.set(reason, { groups: x.groups + 1, difference: x.difference.plus(r.difference) });
  }
  const shown = p.only === 'diff' ? all.filter((r) => !r.reasons.includes('matches')) : all;
  const pages = Math.max(1, Math.ceil(shown.length / RECONCILIATION_PAGE_SIZE));
  const page = Math.min(p.page, pages);
  return {
    range: { from, to },
    totals: {
      computed: toDecimalString(computed, 6), reported: toDecimalString(reported, 6), difference: toDecimalString(computed.minus(reported), 6),
      differencePct: reported.isZero() ? null : Number(computed.minus(reported).div(reported).times(100).toFixed(2)),
      groups: all.length, matching: all.filter((r) => r.reasons.includes('matches')).length,
    },
    reasons: [...byReason.entries()].map(([reason, x]) => ({ reason, groups: x.groups, difference: toDecimalString(x.difference, 6) })).sort((a, b) => b.groups - a.groups),
    rows: shown.slice((page - 1) * RECONCILIATION_PAGE_SIZE, page * RECONCILIATION_PAGE_SIZE),
    all: shown,
    page,
    pages,
  };
}
