import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { D, toDecimalString } from '@/lib/money';

/**
 * Reconciliation: our computed cost against the cost the export itself reported, per day and model, and why they
 * differ. Pure: the query module hands in counts per group, this decides the reasons. Shared by page, API and CSV.
 */
export const RECONCILIATION_REASONS = ['matches', 'cost_only', 'unmapped', 'no_price', 'backdated', 'cached', 'batch', 'price_differs'] as const;
export type ReconciliationReason = (typeof RECONCILIATION_REASONS)[number];

export const REASON_LABELS: Record<ReconciliationReason, string> = {
  matches: 'Matches (within 0.5% or 1¢)',
  cost_only: 'Cost-only export rows: no tokens to price',
  unmapped: 'Model name not mapped to the catalog: not priced',
  no_price: 'No price in force for this model that day',
  backdated: 'No sheet in force on the day prices this model: priced from the earliest later sheet that does',
  cached: 'Cached input priced at the cached rate (cache writes may bill differently)',
  batch: 'Batch API discount applied',
  price_differs: 'Price book differs from the invoice (negotiated price, discount or a price change not in the book)',
};

const day = isoDay('expected YYYY-MM-DD');
export const reconciliationParamsSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  /** Only the rows that disagree. */
  only: z.enum(['all', 'diff']).default('all'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ReconciliationParams = z.infer<typeof reconciliationParamsSchema>;

export type ReconciliationGroup = {
  day: string; modelKey: string; model: string; provider: string; rows: number; requests: number; input: number; cached: number; output: number;
  computed: string | null; reported: string; noPrice: number; unmapped: number; backdated: number; costOnly: number; batch: number;
};

export type ReconciliationRow = Omit<ReconciliationGroup, 'noPrice' | 'unmapped' | 'backdated' | 'costOnly' | 'batch'> & {
  difference: string; differencePct: number | null; reasons: ReconciliationReason[];
};

/** Within half a percent or a cent: rounding on the invoice, not a disagreement. */
export function isMatch(computed: string | null, reported: string): boolean {
  return matches(new D(computed ?? 0).minus(reported).abs(), new D(reported));
}
const matches = (absDiff: InstanceType<typeof D>, reported: InstanceType<typeof D>) => absDiff.lte(0.01) || absDiff.lte(reported.abs().times(0.005));

/**
 * Runs once per (day, model) group — a year is ten thousand of them — so it builds the row field by field, and takes
 * the difference and the match from the database when the caller has them (exact numeric there, no decimal.js here).
 */
export function reconcile(g: ReconciliationGroup, exact?: { difference: string; differencePct: number | null; matches: boolean }): ReconciliationRow {
  let difference: string;
  let differencePct: number | null;
  let match: boolean;
  if (exact) ({ difference, differencePct, matches: match } = exact);
  else {
    const reported = new D(g.reported);
    const diff = new D(g.computed ?? 0).minus(reported);
    difference = toDecimalString(diff, 6);
    differencePct = reported.isZero() ? null : Number(diff.div(reported).times(100).toFixed(2));
    match = matches(diff.abs(), reported);
  }
  const reasons: ReconciliationReason[] = [];
  if (match) reasons.push('matches');
  else {
    if (g.costOnly) reasons.push('cost_only');
    if (g.unmapped) reasons.push('unmapped');
    if (g.noPrice) reasons.push('no_price');
    if (g.backdated) reasons.push('backdated');
    if (g.cached) reasons.push('cached');
    if (g.batch) reasons.push('batch');
    if (reasons.length === 0) reasons.push('price_differs');
  }
  return {
    day: g.day, modelKey: g.modelKey, model: g.model, provider: g.provider, rows: g.rows, requests: g.requests, input: g.input, cached: g.cached,
    output: g.output, computed: g.computed, reported: g.reported, difference, differencePct, reasons,
  };
}

/** The same match rule as SQL, over columns `computed` and `reported` (numeric): what the query module selects. */
export const MATCH_SQL = 'abs(coalesce(computed, 0) - reported) <= 0.01 or abs(coalesce(computed, 0) - reported) <= abs(reported) * 0.005';

/** Lenient parse for the page: a bad URL shows the default view (the API answers 400 instead). */
export function parseReconciliationParams(state: Record<string, string>): ReconciliationParams {
  const parsed = reconciliationParamsSchema.safeParse(state);
  return parsed.success ? parsed.data : reconciliationParamsSchema.parse({});
}
