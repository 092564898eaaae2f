import crypto from 'node:crypto';
import type { BatchResult } from '@/db/queries/ingest-sql';
import { CREATE_DELTA, RECONCILIATION_MEASURES } from '@/db/rollups';
import type { createResolver } from '@/lib/catalog/resolve';
import { FIRST_PARTY_PROVIDER } from '@/lib/catalog/types';
import type { Tariff } from './costing';
import { costOf, decimal12, scaled, statusOf } from './costing';
import type { UsageRecord } from './types';

/**
 * Usage records → COPY text for `usage` itself (costed: see costing.ts), batch by batch, with the batch's rollup delta
 * (the rows of `ingest_delta`, see db/rollups.ts) and its totals added up on the way, so that a batch that cannot
 * conflict goes into usage with one COPY and nothing is read back. This runs once per row on the hot path: model
 * resolution, the tariff and the bucket's ISO time are cached, the row key is a one-shot hash, and lines are joined
 * every 1,000 rows (a line is a tree of string pieces until flattened; keeping a batch of such trees alive made the
 * garbage collector copy and promote all of them).
 */

/** The columns of each staged line, in order: usage's own (the fallback stage table is `like usage`). */
export const USAGE_COLUMNS = [
  'workspace_id', 'upload_id', 'row_key', 'occurred_at', 'day', 'granularity', 'provider_id', 'price_provider', 'raw_model', 'model_id', 'project',
  'api_key', 'user_ref', 'batch', 'requests', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'reported_cost', 'cost', 'price_status',
] as const;

export type StagedBatch = {
  rows: number;
  /** CSV for COPY into usage (or the stage), USAGE_COLUMNS order. */
  usage: string;
  /** CSV for COPY into ingest_delta (DELTA_COLUMNS order); null when Node cannot aggregate exactly (the SQL path then does). */
  delta: string | null;
  /** What the batch adds to the upload's totals if every row goes in; null with `delta`. */
  result: BatchResult | null;
  /** The days (`YYYY-MM-DD`) of the batch's rows. */
  days: string[];
};

export type Stager = ((r: UsageRecord) => void) & { rows(): number; take(): StagedBatch };

type Model = {
  rawModel: string; modelId: string | null; vendorProvider: string | null; rawCsv: string; modelCsv: string;
  /** The last tariff looked up for this model, for (tariffDay, tariffProvider). */
  tariffDay: string; tariffProvider: string | null; tariff: Tariff | null;
};

type Group = {
  day: string; provider: string; model: Model; project: string; apiKey: string; userRef: string; hasReported: boolean;
  rows: number; requests: number; inputTokens: number; cachedInputTokens: number; outputTokens: number; cost: bigint | null; reported: bigint | null;
  unpriced: number; noPrice: number; unmapped: number; backdated: number; costOnly: number; batchRows: number;
};

/**
 * The delta's measures as db/rollups.ts declares them, each with how a group here holds it. When the declaration
 * changes (a new measure, a different aggregate), batches go the SQL way (deltaInsert) until this table follows.
 */
const MEASURES: Record<string, (g: Group) => string> = {
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
const DELTA_DIMS = ['day', 'provider_id', 'raw_model', 'model_id', 'project', 'api_key', 'user_ref', 'has_reported'];
export const DELTA_COLUMNS = [...DELTA_DIMS, ...RECONCILIATION_MEASURES.map((m) => m.col)];
const measureWriters = RECONCILIATION_MEASURES.map((m) => MEASURES[`${m.col}:${m.agg}`]);
/** Whether this file aggregates the delta exactly as db/rollups.ts's deltaInsert does. */
export const NODE_DELTA = measureWriters.every(Boolean) && CREATE_DELTA.includes(`${DELTA_DIMS.map((c) => `${c} ${c === 'day' ? 'date' : c === 'has_reported' ? 'boolean' : 'text'}`).join(', ')},`);

export type StagerOptions = {
  family: string;
  workspaceId: string;
  uploadId: string;
  resolve: ReturnType<typeof createResolver>;
  vendorOf: Map<string, string>;
  known: Set<string>;
  pricer: (modelId: string, provider: string, day: string) => Tariff | null;
};

export function createStager(o: StagerOptions): Stager {
  const { family, resolve, vendorOf, known, pricer } = o;
  const prefix = `${o.workspaceId},${o.uploadId},`;
  const models = new Map<string, Model>();
  const providers = new Map<string | null, string>();
  const providerCsv = (p: string | null) => {
    let s = providers.get(p);
    if (s === undefined) { s = csvText(p); providers.set(p, s); }
    return s;
  };
  let lines: string[] = [];
  let part: string[] = [];
  let count = 0;
  let groups = new Map<string, Group>();
  let days = new Set<string>();
  let lastTime = NaN;
  let iso = '';
  let day = '';

  const stage = (r: UsageRecord) => {
    let m = models.get(r.rawModel);
    if (!m) {
      const modelId = resolve(r.rawModel)?.modelId ?? null;
      const vendor = modelId ? vendorOf.get(modelId) : undefined;
      m = {
        rawModel: r.rawModel, modelId, vendorProvider: vendor ? FIRST_PARTY_PROVIDER[vendor] ?? null : null, rawCsv: csvText(r.rawModel),
        modelCsv: csvText(modelId), tariffDay: '', tariffProvider: null, tariff: null,
      };
      models.set(r.rawModel, m);
    }
    const provider = r.providerId !== null && known.has(r.providerId) ? r.providerId : null;
    const priceProvider = provider ?? m.vendorProvider;
    // Rows of one bucket come together: its time is formatted once.
    const time = r.occurredAt.getTime();
    if (time !== lastTime) {
      lastTime = time;
      iso = r.occurredAt.toISOString();
      const d = iso.slice(0, 10);
      if (d !== day) { day = d; days.add(d); }
    }
    if (m.tariffDay !== day || m.tariffProvider !== priceProvider) {
      m.tariffDay = day;
      m.tariffProvider = priceProvider;
      m.tariff = m.modelId !== null && priceProvider !== null ? pricer(m.modelId, priceProvider, day) : null;
    }
    const cost = costOf(m.tariff, r);
    const status = statusOf(m.tariff, m.modelId, r);
    const reported = r.reportedCostUsd;

    const gk = `${day}\u0000${provider ?? ''}\u0000${r.rawModel}\u0000${r.project}\u0000${r.apiKey}\u0000${r.userRef}\u0000${reported === null ? '' : 'r'}`;
    let g = groups.get(gk);
    if (!g) {
      g = {
        day, provider: provider ?? '', model: m, project: r.project, apiKey: r.apiKey, userRef: r.userRef, hasReported: reported !== null,
        rows: 0, requests: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, cost: null, reported: null,
        unpriced: 0, noPrice: 0, unmapped: 0, backdated: 0, costOnly: 0, batchRows: 0,
      };
      groups.set(gk, g);
    }
    g.rows++;
    g.requests += r.requests;
    g.inputTokens += r.inputTokens;
    g.cachedInputTokens += r.cachedInputTokens;
    g.outputTokens += r.outputTokens;
    if (cost !== null) g.cost = g.cost === null ? cost : g.cost + cost;
    if (reported !== null) { const v = scaled(reported, 12); g.reported = g.reported === null ? v : g.reported + v; }
    if (status !== 'priced') {
      if (status === 'no_price') { g.noPrice++; g.unpriced++; }
      else if (status === 'unmapped') { g.unmapped++; g.unpriced++; }
      else if (status === 'backdated') g.backdated++;
      else g.costOnly++;
    }
    if (r.batch) g.batchRows++;

    // A cost at 12 decimals goes as `<integer>e-12`: numeric reads it exactly, and it saves formatting a decimal.
    part.push(`${prefix}${rowKey(family, iso, r)},${iso},${day},${r.granularity},${providerCsv(provider)},${providerCsv(priceProvider)},${m.rawCsv},${m.modelCsv},${csvText(r.project)},${csvText(r.apiKey)},${csvText(r.userRef)},${r.batch ? 't' : 'f'},${r.requests},${r.inputTokens},${r.cachedInputTokens},${r.outputTokens},${reported ?? ''},${cost === null ? '' : `${cost}e-12`},${status}`);
    count++;
    if (part.length === 1000) { lines.push(part.join('\n')); part = []; }
  };

  const take = (): StagedBatch => {
    if (part.length) { lines.push(part.join('\n')); part = []; }
    const usage = lines.length ? `${lines.join('\n')}\n` : '';
    const batch = { rows: count, usage, days: [...days], ...summarize(groups) };
    lines = [];
    count = 0;
    groups = new Map();
    days = new Set();
    // A new batch starts a new day set: the bucket's time must be looked at again.
    lastTime = NaN;
    day = '';
    return batch;
  };
  return Object.assign(stage, { rows: () => count, take });
}

/** The delta rows and the batch's totals from its groups; both null when a sum left the exact range of a double. */
function summarize(groups: Map<string, Group>): { delta: string | null; result: BatchResult | null } {
  if (!NODE_DELTA) return { delta: null, result: null };
  const out: string[] = [];
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
  for (const g of groups.values()) {
    // Integer sums in a double are exact while they stay below 2^53 (each step rounds up if anything did).
    if (Math.max(g.requests, g.inputTokens, g.cachedInputTokens, g.outputTokens) > Number.MAX_SAFE_INTEGER) return { delta: null, result: null };
    out.push(`${g.day},${csvText(g.provider)},${g.model.rawCsv},${g.model.modelCsv},${csvText(g.project)},${csvText(g.apiKey)},${csvText(g.userRef)},${g.hasReported ? 't' : 'f'},${measureWriters.map((w) => w!(g)).join(',')}`);
    inserted += g.rows;
    requests += BigInt(g.requests);
    inputTokens += BigInt(g.inputTokens);
    cachedInputTokens += BigInt(g.cachedInputTokens);
    outputTokens += BigInt(g.outputTokens);
    if (g.cost !== null) cost = cost === null ? g.cost : cost + g.cost;
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
    delta: out.length ? `${out.join('\n')}\n` : '',
    result: {
      inserted, requests: String(requests), input_tokens: String(inputTokens), cached_input_tokens: String(cachedInputTokens), output_tokens: String(outputTokens),
      cost: cost === null ? null : decimal12(cost), reported_cost: reported === null ? null : decimal12(reported), first_day: first, last_day: last, backdated,
      unmapped: [...unmapped].map(([rawModel, rows]) => ({ rawModel, rows })), unpriced: [...unpriced.values()],
    },
  };
}

/**
 * The bucket's identity within its format family: 128 bits of a SHA-256 of its dimensions, as a uuid. Changing this
 * changes every row key, and overlapping uploads would then count twice: keep it stable.
 */
export function rowKey(family: string, iso: string, r: UsageRecord): string {
  const h = crypto.hash('sha256', `${family}\u001f${iso}\u001f${r.granularity}\u001f${r.providerId ?? ''}\u001f${r.rawModel}\u001f${r.project}\u001f${r.apiKey}\u001f${r.userRef}\u001f${r.batch ? 'b' : ''}\u001f${r.keyExtra ?? ''}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A text field for COPY csv: NULL is empty and unquoted, every string is quoted (so '' stays an empty string). */
export function csvText(v: string | null): string {
  if (v === null) return '';
  return v.indexOf('"') < 0 ? `"${v}"` : `"${v.replace(/"/g, '""')}"`;
}
