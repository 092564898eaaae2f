import type { BatchResult } from '@/db/queries/ingest-sql';
import type { Dec } from '@/lib/money';
import { D } from '@/lib/money';
import type { IngestSummary } from './summary';
import { trimDecimal } from './summary';

/**
 * An upload's totals, added up batch by batch as the batches go into usage: counts as bigint, money exact
 * (decimal.js on the numeric sums Postgres returns), model lists merged by name.
 */
export type BatchTotals = { add(t: BatchResult): void; fill(summary: IngestSummary): void };

const LIST_MAX = 100;

export function createBatchTotals(): BatchTotals {
  let inserted = 0;
  let requests = 0n;
  let inputTokens = 0n;
  let cachedInputTokens = 0n;
  let outputTokens = 0n;
  let cost: Dec | null = null;
  let reported: Dec | null = null;
  let from: string | null = null;
  let to: string | null = null;
  let backdated = 0;
  const unmapped = new Map<string, number>();
  const unpriced = new Map<string, { rawModel: string; providerId: string | null; rows: number }>();
  const plus = (sum: Dec | null, v: string | null) => (v === null ? sum : sum === null ? new D(v) : sum.plus(v));
  return {
    add(t) {
      inserted += t.inserted;
      requests += BigInt(t.requests);
      inputTokens += BigInt(t.input_tokens);
      cachedInputTokens += BigInt(t.cached_input_tokens);
      outputTokens += BigInt(t.output_tokens);
      cost = plus(cost, t.cost);
      reported = plus(reported, t.reported_cost);
      if (t.first_day !== null && (from === null || t.first_day < from)) from = t.first_day;
      if (t.last_day !== null && (to === null || t.last_day > to)) to = t.last_day;
      backdated += Number(t.backdated);
      // json comes back parsed from pg and PGlite alike, but be lenient with text.
      const um: { rawModel: string; rows: number }[] = typeof t.unmapped === 'string' ? JSON.parse(t.unmapped) : t.unmapped;
      for (const u of um) unmapped.set(u.rawModel, (unmapped.get(u.rawModel) ?? 0) + u.rows);
      const up: { rawModel: string; providerId: string | null; rows: number }[] = typeof t.unpriced === 'string' ? JSON.parse(t.unpriced) : t.unpriced;
      for (const u of up) {
        const key = `${u.rawModel}\u0000${u.providerId ?? ''}`;
        const had = unpriced.get(key);
        if (had) had.rows += u.rows;
        else unpriced.set(key, { ...u });
      }
    },
    fill(summary) {
      summary.rowsIngested = inserted;
      summary.duplicateRows = summary.rowsStaged - inserted;
      summary.requests = Number(requests);
      summary.inputTokens = Number(inputTokens);
      summary.cachedInputTokens = Number(cachedInputTokens);
      summary.outputTokens = Number(outputTokens);
      summary.computedCostUsd = trimDecimal(cost === null ? null : (cost as Dec).toFixed());
      summary.reportedCostUsd = trimDecimal(reported === null ? null : (reported as Dec).toFixed());
      summary.from = from;
      summary.to = to;
      summary.backdatedRows = backdated;
      summary.unmappedModels = [...unmapped].map(([rawModel, rows]) => ({ rawModel, rows })).sort(byRowsThenName).slice(0, LIST_MAX);
      summary.unpricedModels = [...unpriced.values()].sort(byRowsThenName).slice(0, LIST_MAX);
    },
  };
}

function byRowsThenName(a: { rawModel: string; rows: number }, b: { rawModel: string; rows: number }): number {
  return b.rows - a.rows || (a.rawModel < b.rawModel ? -1 : a.rawModel > b.rawModel ? 1 : 0);
}
