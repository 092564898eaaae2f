import type { JsonFormat, RowOutcome } from '../types';
import { count, granularityOf, guard, isBlank, money, record, text, time, ValueError } from '../values';
import { dimensionKey } from './anthropic-console';

/**
 * Anthropic Admin API dumps: `/v1/organizations/usage_report/messages` and `/v1/organizations/cost_report`
 * (and the newer `/analytics/…` twins, which add `requests`, `product`, `speed`). Both are
 * `{ data: [{ starting_at, ending_at, results: [...] }], has_more, next_page }`; a dump may also be an array of
 * such pages, or a bare array of buckets. Every result row is its own record: one bucket holds one row per
 * group_by combination, never sum them and never take results[0].
 */

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The buckets of a page, an array of pages, or a bare array of buckets; null if the document is none of these. */
function bucketsOf(doc: unknown): unknown[] | null {
  if (isObj(doc)) return Array.isArray(doc.data) ? doc.data : null;
  if (!Array.isArray(doc)) return null;
  const out: unknown[] = [];
  for (const el of doc) {
    if (isObj(el) && Array.isArray(el.data)) out.push(...el.data);
    else out.push(el);
  }
  return out;
}

function isBucket(v: unknown): v is Obj {
  return isObj(v) && 'starting_at' in v && Array.isArray(v.results);
}

/** Scores a document by its first bucket that has results: `resultTest` decides usage vs cost. */
function detectWith(doc: unknown, resultTest: (r: Obj) => boolean, emptyScore: number): number {
  const buckets = bucketsOf(doc);
  if (!buckets || buckets.length === 0 || !buckets.every(isBucket)) return 0;
  for (const b of buckets) {
    const first = (b.results as unknown[]).find(isObj);
    if (first) return resultTest(first) ? 0.95 : 0;
  }
  // Only empty buckets: it is an Anthropic report, but nothing says which; there is nothing to import either way.
  return emptyScore;
}

/** Walks buckets and their results, numbering every unit 1-based; an empty bucket is one skipped unit. */
function* walk(doc: unknown, readResult: (r: unknown, bucket: Obj) => RowOutcome) {
  const buckets = bucketsOf(doc);
  if (!buckets) {
    yield { line: 1, outcome: { kind: 'reject', reason: 'not an Anthropic report: no data[] of buckets' } as RowOutcome };
    return;
  }
  let line = 0;
  for (const b of buckets) {
    if (!isBucket(b)) {
      yield { line: ++line, outcome: { kind: 'reject', reason: 'bucket without starting_at and results[]' } as RowOutcome };
      continue;
    }
    const results = b.results as unknown[];
    if (results.length === 0) {
      yield { line: ++line, outcome: { kind: 'skip', reason: 'empty bucket' } as RowOutcome };
      continue;
    }
    for (const r of results) yield { line: ++line, outcome: guard(() => readResult(r, b)) };
  }
}

function bucketTime(bucket: Obj) {
  const occurredAt = time(bucket.starting_at, 'starting_at');
  const end = isBlank(bucket.ending_at) ? null : time(bucket.ending_at, 'ending_at');
  if (end && end.getTime() <= occurredAt.getTime()) throw new ValueError('ending_at is not after starting_at');
  return { occurredAt, granularity: granularityOf(occurredAt, end) };
}

/** Dimensions that split a bucket besides model, workspace, key and account (null unless grouped by them). */
function dims(r: Obj, extra: [string, unknown][] = [], always: string[] = []) {
  return dimensionKey([
    ...extra,
    ['service_tier', r.service_tier], ['context_window', r.context_window], ['inference_geo', r.inference_geo],
    ['speed', r.speed], ['product', r.product],
  ], always);
}

function readUsage(raw: unknown, bucket: Obj): RowOutcome {
  if (!isObj(raw)) throw new ValueError('result is not an object');
  const when = bucketTime(bucket);
  const uncached = count(raw.uncached_input_tokens, 'uncached_input_tokens');
  const cc = raw.cache_creation;
  let write5m = 0;
  let write1h = 0;
  if (isObj(cc)) {
    write5m = count(cc.ephemeral_5m_input_tokens, 'cache_creation.ephemeral_5m_input_tokens');
    write1h = count(cc.ephemeral_1h_input_tokens, 'cache_creation.ephemeral_1h_input_tokens');
  } else if (!isBlank(cc)) {
    // Some clients flatten the split away and leave the total; it is still cache writes.
    write5m = count(cc, 'cache_creation');
  }
  const read = count(raw.cache_read_input_tokens, 'cache_read_input_tokens');
  const output = count(raw.output_tokens, 'output_tokens');
  const requests = count(raw.requests, 'requests');
  if (uncached + write5m + write1h + read + output + requests === 0) return { kind: 'skip', reason: 'empty bucket' };
  return {
    kind: 'records',
    records: [record({
      occurredAt: when.occurredAt, granularity: when.granularity,
      providerId: 'anthropic',
      rawModel: text(raw.model) || '(unattributed)',
      // Null when not grouped by it, or for the default workspace / Console (Workbench) usage.
      project: text(raw.workspace_id),
      apiKey: text(raw.api_key_id),
      userRef: text(raw.account_id) || text(raw.service_account_id),
      requests,
      // Anthropic's uncached input excludes cache reads and writes; Frontier's input includes both.
      inputTokens: uncached + write5m + write1h + read,
      cachedInputTokens: read,
      outputTokens: output,
      batch: text(raw.service_tier).toLowerCase() === 'batch',
      keyExtra: dims(raw),
    })],
  };
}

function readCost(raw: unknown, bucket: Obj): RowOutcome {
  if (!isObj(raw)) throw new ValueError('result is not an object');
  const when = bucketTime(bucket);
  const currency = text(raw.currency);
  if (currency && currency.toUpperCase() !== 'USD') throw new ValueError(`currency is ${currency}, not USD`);
  // Cents as a decimal string, fractional cents included ("123.78912" = $1.2378912).
  const cost = money(raw.amount, 'amount', { cents: true });
  if (cost === null) throw new ValueError('amount is missing');
  const description = text(raw.description);
  return {
    kind: 'records',
    records: [record({
      occurredAt: when.occurredAt, granularity: when.granularity,
      providerId: 'anthropic',
      rawModel: text(raw.model) || description || '(unattributed)',
      project: text(raw.workspace_id),
      requests: count(raw.requests, 'requests'),
      batch: text(raw.service_tier).toLowerCase() === 'batch',
      reportedCostUsd: cost,
      // Without group_by=description a bucket holds one total row per workspace, so 'cost' is identity enough.
      keyExtra: dims(raw, [['description', description], ['cost_type', raw.cost_type], ['token_type', raw.token_type]],
        ['description', 'cost_type', 'token_type']) ?? 'cost',
    })],
  };
}

export const anthropicUsageReport: JsonFormat = {
  id: 'anthropic-usage-report',
  label: 'Anthropic Admin API usage report (JSON)',
  family: 'anthropic-usage',
  kind: 'json',
  detect: (doc) => detectWith(doc, (r) => 'uncached_input_tokens' in r || 'cache_creation' in r || 'cache_read_input_tokens' in r, 0.3),
  rows: (doc) => walk(doc, readUsage),
};

export const anthropicCostReport: JsonFormat = {
  id: 'anthropic-cost-report',
  label: 'Anthropic Admin API cost report (JSON, amounts in cents)',
  family: 'anthropic-cost',
  kind: 'json',
  detect: (doc) => detectWith(doc, (r) => 'amount' in r && 'currency' in r && !('uncached_input_tokens' in r), 0.2),
  rows: (doc) => walk(doc, readCost),
};
