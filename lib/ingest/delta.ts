import type { BatchResult } from '@/db/queries/ingest-sql';
import { dailyRollupLayouts, DELTA_COLUMNS, RECONCILIATION_MEASURES } from '@/db/rollups';
import { decimal12 } from './costing';

/**
 * The upload's rollup delta added up in Node: the rows of `ingest_delta` (db/rollups.ts) for the batches COPYed straight
 * into usage, grouped by every dimension any rollup has (and whether the row carried a reported cost), as deltaInsert
 * groups an INSERT's RETURNING rows in SQL. The stager (stage-row.ts) fills a batch's groups; PendingDelta holds them
 * across batches until their days are over.
 */

/** What a group needs of its model: the raw string and both as CSV fields. */
export type GroupModel = { rawModel: string; rawCsv: string; modelCsv: string };

export type Group = {
  day: string; provider: string; model: GroupModel; project: string; apiKey: string; userRef: string; hasReported: boolean;
  rows: number; requests: number; inputTokens: number; cachedInputTokens: number; outputTokens: number; reported: bigint | null;
  /** Whether any row had a cost; the sum at 12 decimals, plus `units` of 10^-(unitScale + 6) not yet added in (costUnits). */
  costed: boolean; cost: bigint; units: number; unitScale: number;
  unpriced: number; noPrice: number; unmapped: number; backdated: number; costOnly: number; batchRows: number;
};

/**
 * The delta's measures as db/rollups.ts declares them, each with how a group here holds it. When the declaration
 * changes (a new measure, a different aggregate), batches go the SQL way (deltaInsert) until this table follows.
 */
const MEASURES: Record<string, (g: Held) => string> = {
  'rows:count(*)': (g) => String(g.rows),
  'requests:sum(requests)': (g) => String(g.requests),
  'input_tokens:sum(input_tokens)': (g) => String(g.inputTokens),
  'cached_input_tokens:sum(cached_input_tokens)': (g) => String(g.cachedInputTokens),
  'output_tokens:sum(output_tokens)': (g) => String(g.outputTokens),
  'cost:sum(cost)': (g) => (g.cost === null ? '' : decimal12(g.cost)),
  'reported_cost:sum(reported_cost)': (g) => (g.reported === null ? '' : decimal12(g.reported)),
  "unpriced_rows:count(*) filter (where price_status in ('no_price', 'unmapped'))": (g) => String(g.unpriced),
  "no_price_rows:count(*) filter (where price_status = 'no_price')": (g) => String(g.noPrice),
  "unmapped_rows:count(*) filter (where price_status = 'unmapped')": (g) => String(g.unmapped),
  "backdated_rows:count(*) filter (where price_status = 'backdated')": (g) => String(g.backdated),
  "cost_only_rows:count(*) filter (where price_status in ('cost_only', 'not_usage'))": (g) => String(g.costOnly),
  'batch_rows:count(*) filter (where batch)': (g) => String(g.batchRows),
};
/** Each measure column as its writer, if this file holds it as db/rollups.ts aggregates it. */
const WRITER_OF = new Map(RECONCILIATION_MEASURES.map((m) => [m.col, MEASURES[`${m.col}:${m.agg}`]]));
/** Each dimension column of ingest_delta as a CSV field of a held group. */
const DELTA_DIM_FIELDS: Record<string, (g: Held) => string> = {
  day: (g) => g.day, provider_id: (g) => csvText(g.provider), raw_model: (g) => g.model.rawCsv, model_id: (g) => g.model.modelCsv,
  project: (g) => csvText(g.project), api_key: (g) => csvText(g.apiKey), user_ref: (g) => csvText(g.userRef), has_reported: (g) => (g.hasReported ? 't' : 'f'),
};
/** Every column of ingest_delta, in the order db/rollups.ts declares them, as a writer (undefined: one this file does not know). */
const deltaWriters = DELTA_COLUMNS.map((c) => DELTA_DIM_FIELDS[c] ?? WRITER_OF.get(c));
/** Whether this file can write every delta column, each aggregated exactly as db/rollups.ts's deltaInsert does. */
export const NODE_DELTA = deltaWriters.every(Boolean);

/** A group's cost at 12 decimals. */
export function groupCost(g: Group): bigint {
  return g.units === 0 ? g.cost : g.cost + BigInt(g.units) * 10n ** BigInt(6 - g.unitScale);
}

/** The batch's totals from its groups; null (and no groups) when a sum left the exact range of a double. */
export function summarize(groups: Group[]): { groups: Group[] | null; result: BatchResult | null } {
  if (!NODE_DELTA) return { groups: null, result: null };
  let inserted = 0;
  let requests = 0n;
  let inputTokens = 0n;
  let cachedInputTokens = 0n;
  let outputTokens = 0n;
  let cost: bigint | null = null;
  let reported: bigint | null = null;
  let first: string | null = null;
  let last: string | null = null;
  let backdated = 0;
  const unmapped = new Map<string, number>();
  const unpriced = new Map<string, { rawModel: string; providerId: string | null; rows: number }>();
  for (const g of groups) {
    // Integer sums in a double are exact while they stay below 2^53 (each step rounds up if anything did).
    if (Math.max(g.requests, g.inputTokens, g.cachedInputTokens, g.outputTokens) > Number.MAX_SAFE_INTEGER) return { groups: null, result: null };
    inserted += g.rows;
    requests += BigInt(g.requests);
    inputTokens += BigInt(g.inputTokens);
    cachedInputTokens += BigInt(g.cachedInputTokens);
    outputTokens += BigInt(g.outputTokens);
    if (g.costed) cost = (cost ?? 0n) + groupCost(g);
    if (g.reported !== null) reported = reported === null ? g.reported : reported + g.reported;
    if (first === null || g.day < first) first = g.day;
    if (last === null || g.day > last) last = g.day;
    backdated += g.backdated;
    if (g.unmapped) unmapped.set(g.model.rawModel, (unmapped.get(g.model.rawModel) ?? 0) + g.unmapped);
    if (g.noPrice) {
      const key = `${g.model.rawModel}\u0000${g.provider}`;
      const had = unpriced.get(key);
      if (had) had.rows += g.noPrice;
      else unpriced.set(key, { rawModel: g.model.rawModel, providerId: g.provider || null, rows: g.noPrice });
    }
  }
  return {
    groups,
    result: {
      inserted, requests: String(requests), input_tokens: String(inputTokens), cached_input_tokens: String(cachedInputTokens), output_tokens: String(outputTokens),
      cost: cost === null ? null : decimal12(cost), reported_cost: reported === null ? null : decimal12(reported), first_day: first, last_day: last, backdated,
      unmapped: [...unmapped].map(([rawModel, rows]) => ({ rawModel, rows })), unpriced: [...unpriced.values()],
    },
  };
}

/** A delta row held across batches: sums in BigInt (many batches add up), the cost at 12 decimals. */
export type Held = {
  day: string; provider: string; model: GroupModel; project: string; apiKey: string; userRef: string; hasReported: boolean;
  rows: number; requests: bigint; inputTokens: bigint; cachedInputTokens: bigint; outputTokens: bigint; cost: bigint | null; reported: bigint | null;
  unpriced: number; noPrice: number; unmapped: number; backdated: number; costOnly: number; batchRows: number;
};

/**
 * The rollup delta of the batches already in usage, held until their days are over (exports come in time order) and
 * then written for `ingest_delta`: a group that spans several batches becomes one delta row instead of one per batch,
 * and the rollups at the end of the upload have that much less to add. Holds about a day of groups.
 */
export class PendingDelta {
  private held = new Map<string, Held>();

  add(groups: readonly Group[]): void {
    for (const g of groups) {
      const key = `${g.day}\u0000${g.provider}\u0000${g.model.rawModel}\u0000${g.project}\u0000${g.apiKey}\u0000${g.userRef}\u0000${g.hasReported}`;
      const h = this.held.get(key);
      if (!h) this.held.set(key, held(g));
      else addInto(h, held(g));
    }
  }

  /** The held groups of days before `day`, or all; they are no longer held. */
  take(before?: string): Held[] {
    const out: Held[] = [];
    for (const [key, g] of this.held) {
      if (before !== undefined && g.day >= before) continue;
      out.push(g);
      this.held.delete(key);
    }
    return out;
  }
}

function held(g: Group): Held {
  return {
    day: g.day, provider: g.provider, model: g.model, project: g.project, apiKey: g.apiKey, userRef: g.userRef, hasReported: g.hasReported,
    rows: g.rows, requests: BigInt(g.requests), inputTokens: BigInt(g.inputTokens), cachedInputTokens: BigInt(g.cachedInputTokens),
    outputTokens: BigInt(g.outputTokens), cost: g.costed ? groupCost(g) : null, reported: g.reported, unpriced: g.unpriced, noPrice: g.noPrice,
    unmapped: g.unmapped, backdated: g.backdated, costOnly: g.costOnly, batchRows: g.batchRows,
  };
}

/** Adds `g` into `h` (a null money sum stays null only while both are). */
function addInto(h: Held, g: Held): void {
  h.rows += g.rows;
  h.requests += g.requests;
  h.inputTokens += g.inputTokens;
  h.cachedInputTokens += g.cachedInputTokens;
  h.outputTokens += g.outputTokens;
  if (g.cost !== null) h.cost = (h.cost ?? 0n) + g.cost;
  if (g.reported !== null) h.reported = (h.reported ?? 0n) + g.reported;
  h.unpriced += g.unpriced;
  h.noPrice += g.noPrice;
  h.unmapped += g.unmapped;
  h.backdated += g.backdated;
  h.costOnly += g.costOnly;
  h.batchRows += g.batchRows;
}

/** Held groups as rows of `ingest_delta` (DELTA_COLUMNS), CSV. */
export function deltaCsv(groups: readonly Held[]): string {
  let out = '';
  for (const g of groups) out += `${deltaWriters.map((w) => w!(g)).join(',')}\n`;
  return out;
}

const DIM_OF: Record<string, (g: Held) => string> = {
  provider_id: (g) => g.provider, raw_model: (g) => g.model.rawModel, project: (g) => g.project, api_key: (g) => g.apiKey, user_ref: (g) => g.userRef,
};
const LAYOUTS = dailyRollupLayouts();

/**
 * Held groups of days that had no usage before this upload, as the rows of every daily rollup (CSV for COPY, one entry
 * per table): nothing there can conflict, so no upsert is needed. Each rollup's rows are the groups summed by its own
 * dimensions, as applyDeltaSql sums the delta.
 */
export function dailyRollupRows(workspaceId: string, groups: readonly Held[]): { table: string; columns: string[]; csv: string }[] {
  return LAYOUTS.map((l) => {
    const sums = new Map<string, Held>();
    const dims = l.dims.map((d) => DIM_OF[d]!);
    for (const g of groups) {
      if (l.onlyReported && !g.hasReported) continue;
      let key = g.day;
      for (const d of dims) key += `\u0000${d(g)}`;
      const h = sums.get(key);
      if (h) addInto(h, g);
      else sums.set(key, { ...g });
    }
    const writers = l.measures.map((c) => WRITER_OF.get(c)!);
    let csv = '';
    for (const g of sums.values()) {
      csv += `${workspaceId},${g.day}`;
      for (const d of dims) csv += `,${csvText(d(g))}`;
      if (l.hasModel) csv += `,${g.model.modelCsv}`;
      for (const w of writers) csv += `,${w(g)}`;
      csv += '\n';
    }
    return { table: l.table, columns: l.columns, csv };
  }).filter((p) => p.csv !== '');
}

/** A text field for COPY csv: NULL is empty and unquoted, every string is quoted (so '' stays an empty string). */
export function csvText(v: string | null): string {
  if (v === null) return '';
  return v.indexOf('"') < 0 ? `"${v}"` : `"${v.replace(/"/g, '""')}"`;
}
