import type { JsonFormat, RowOutcome, UsageRecord } from '../types';
import { count, guard, isBlank, money, record, text, time, ValueError } from '../values';
import { bucketTime, type Getter, isEmptyUsage, ordinals, readCost, readUsage, UNATTRIBUTED } from './openai-dashboard';

/**
 * OpenAI admin API dumps: `/v1/organization/usage/completions` (and `/usage/embeddings`, same result shape minus
 * output tokens) and `/v1/organization/costs`. Both are `{ object: "page", data: [{ object: "bucket", start_time,
 * end_time, results: [...] }] }`; a dump may be one page, an array of pages or a bare array of buckets. Every result
 * row is its own record (one per group_by combination): never sum them, never take results[0].
 * Also the deprecated `/v1/usage?date=` and `/dashboard/billing/usage` responses.
 *
 * A result is read by the same row readers as the dashboard CSVs (openai-dashboard.ts), which are flattened copies
 * of the same buckets, so a bucket exported both ways gets the same identity and counts once.
 */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const skip = (reason: string): RowOutcome => ({ kind: 'skip', reason });
const reject = (reason: string): RowOutcome => ({ kind: 'reject', reason });

function records(...rs: UsageRecord[]): RowOutcome {
  return { kind: 'records', records: rs };
}

// ---- Usage / Costs API pages ----

type ResultKind = 'usage' | 'cost' | 'other';

const USAGE_OBJECTS = new Set(['organization.usage.completions.result', 'organization.usage.embeddings.result']);

function resultKind(r: Obj): ResultKind {
  if (typeof r.object === 'string') {
    if (USAGE_OBJECTS.has(r.object)) return 'usage';
    return r.object === 'organization.costs.result' ? 'cost' : 'other';
  }
  // A dump whose tool dropped `object`: judge by the keys.
  if ('num_model_requests' in r && 'input_tokens' in r) return 'usage';
  return isObj(r.amount) ? 'cost' : 'other';
}

function bucketsOf(doc: unknown): unknown[] | null {
  const pages = Array.isArray(doc) ? doc : [doc];
  const out: unknown[] = [];
  for (const p of pages) {
    if (isObj(p) && Array.isArray(p.results)) out.push(p);
    else if (isObj(p) && Array.isArray(p.data)) out.push(...p.data);
    else return null;
  }
  return out;
}

const isBucket = (b: unknown): b is Obj => isObj(b) && 'start_time' in b && Array.isArray(b.results);

function detectPages(doc: unknown, kind: 'usage' | 'cost', emptyScore: number): number {
  // A lone result object: claim it weakly so the reader can say why it cannot be imported.
  if (isObj(doc) && !('data' in doc) && !('results' in doc)) return resultKind(doc) === kind ? 0.5 : 0;
  const buckets = bucketsOf(doc);
  if (!buckets || buckets.length === 0 || !buckets.every(isBucket)) return 0;
  for (const b of buckets) {
    const first = (b.results as unknown[]).find(isObj);
    if (first) return resultKind(first) === kind ? 0.95 : 0;
  }
  return emptyScore; // only empty buckets: nothing says usage or cost, and nothing to import either way
}

function* pageRows(doc: unknown, kind: 'usage' | 'cost'): Iterable<{ line: number; outcome: RowOutcome }> {
  const name = kind === 'usage' ? 'usage' : 'costs';
  if (isObj(doc) && !('data' in doc) && !('results' in doc)) {
    yield { line: 1, outcome: reject(`a lone ${name} result has no bucket, so no time: export the whole page (object "page" with data[] of buckets)`) };
    return;
  }
  const buckets = bucketsOf(doc);
  if (!buckets) {
    yield { line: 1, outcome: reject(`not an OpenAI ${name} page: expected { object: "page", data: [buckets] } or an array of pages`) };
    return;
  }
  const number = ordinals();
  let line = 0;
  for (const b of buckets) {
    if (!isBucket(b)) {
      yield { line: ++line, outcome: reject('bucket without start_time and results[]') };
      continue;
    }
    const results = b.results as unknown[];
    if (results.length === 0) {
      yield { line: ++line, outcome: skip('empty bucket') };
      continue;
    }
    for (const r of results) {
      yield { line: ++line, outcome: number(guard(() => readResult(r, b, kind))) };
    }
  }
}

function readResult(r: unknown, b: Obj, kind: 'usage' | 'cost'): RowOutcome {
  if (!isObj(r)) return reject('result is not an object');
  const found = resultKind(r);
  if (found !== kind) {
    if (found === 'other' && kind === 'usage') return skip(`${text(r.object) || 'unknown'} results are not completion token usage`);
    return reject(`a ${text(r.object) || `${found} result`} in an OpenAI ${kind === 'usage' ? 'usage' : 'costs'} export`);
  }
  const get: Getter = (n) => r[n];
  if (kind === 'usage') {
    if (isEmptyUsage(get)) return skip('empty bucket');
    return records(readUsage(get, bucketTime(b.start_time, b.end_time)));
  }
  if (!isObj(r.amount)) throw new ValueError('amount is missing');
  const amount = r.amount;
  const cost: Getter = (n) => (n === 'amount_value' ? amount.value : n === 'amount_currency' ? amount.currency : r[n]);
  return readCost(cost, bucketTime(b.start_time, b.end_time), 'amount.value');
}

export const openaiUsageApi: JsonFormat = {
  id: 'openai-usage-api',
  label: 'OpenAI Usage API completions pages (JSON)',
  family: 'openai-usage',
  kind: 'json',
  detect: (doc) => detectPages(doc, 'usage', 0.6),
  rows: (doc) => pageRows(doc, 'usage'),
};

export const openaiCostsApi: JsonFormat = {
  id: 'openai-costs-api',
  label: 'OpenAI Costs API pages (JSON)',
  family: 'openai-cost',
  kind: 'json',
  detect: (doc) => detectPages(doc, 'cost', 0.55),
  rows: (doc) => pageRows(doc, 'cost'),
};

// ---- Legacy /v1/usage?date= ----

/** Sections of the legacy response that are not token usage, with the reason each entry is skipped. */
const NON_TOKEN_SECTIONS: Record<string, string> = {
  ft_data: 'fine-tuning usage is not imported',
  dalle_api_data: 'DALL·E image usage is not token usage',
  whisper_api_data: 'Whisper audio usage is not token usage',
  tts_api_data: 'text-to-speech usage is not token usage',
  assistant_code_interpreter_data: 'code interpreter sessions are not token usage',
  retrieval_storage_data: 'retrieval storage is not token usage',
};

function readLegacyUsage(item: unknown): RowOutcome {
  if (!isObj(item)) return reject('entry is not an object');
  const at = item.aggregation_timestamp ?? item.timestamp;
  const reqs = item.n_requests ?? item.num_requests;
  if ([reqs, item.n_context_tokens_total, item.n_generated_tokens_total].every(isBlank)) return skip('empty bucket');
  const inputTokens = count(item.n_context_tokens_total, 'n_context_tokens_total');
  const cachedInputTokens = count(item.n_cached_context_tokens_total, 'n_cached_context_tokens_total');
  if (cachedInputTokens > inputTokens) throw new ValueError(`n_cached_context_tokens_total (${cachedInputTokens}) exceeds n_context_tokens_total (${inputTokens})`);
  const operation = text(item.operation);
  const requestType = text(item.request_type);
  const extra = [operation, requestType].filter(Boolean).join('/');
  return records(record({
    occurredAt: time(at, 'aggregation_timestamp'),
    // Legacy rows are 5-minute aggregates: the closest width we have is 'minute'.
    granularity: 'minute',
    providerId: 'openai',
    rawModel: text(item.snapshot_id) || text(item.model) || UNATTRIBUTED,
    project: text(item.project_id),
    apiKey: text(item.api_key_id),
    userRef: text(item.email) || text(item.user) || text(item.user_id),
    requests: count(reqs, 'n_requests'),
    inputTokens,
    cachedInputTokens,
    outputTokens: count(item.n_generated_tokens_total, 'n_generated_tokens_total'),
    // One snapshot can appear under several operations (completion, embeddings, …) in the same 5 minutes.
    ...(extra ? { keyExtra: extra } : {}),
  }));
}

export const openaiLegacyUsage: JsonFormat = {
  id: 'openai-legacy-usage',
  label: 'OpenAI legacy /v1/usage response (JSON)',
  family: 'openai-usage',
  kind: 'json',
  detect(doc) {
    if (!isObj(doc) || !Array.isArray(doc.data)) return 0;
    const first = doc.data.find(isObj);
    if (first) return 'n_context_tokens_total' in first || 'aggregation_timestamp' in first ? 0.95 : 0;
    return Object.keys(NON_TOKEN_SECTIONS).some((k) => Array.isArray(doc[k])) ? 0.8 : 0;
  },
  *rows(doc) {
    if (!isObj(doc) || !Array.isArray(doc.data)) {
      yield { line: 1, outcome: reject('not a legacy /v1/usage response: no data[]') };
      return;
    }
    const number = ordinals();
    let line = 0;
    for (const item of doc.data) yield { line: ++line, outcome: number(guard(() => readLegacyUsage(item))) };
    for (const [section, reason] of Object.entries(NON_TOKEN_SECTIONS)) {
      const entries = doc[section];
      if (Array.isArray(entries)) for (const _ of entries) yield { line: ++line, outcome: skip(reason) };
    }
  },
};

// ---- Legacy /dashboard/billing/usage ----

function readBillingItem(day: Obj, li: unknown): RowOutcome {
  if (!isObj(li)) return reject('line item is not an object');
  // This endpoint reports CENTS (its total_usage 443900 was a $4,439 bill).
  const cost = money(li.cost, 'cost', { cents: true });
  if (cost === null || cost === '0') return skip('no cost for this line item');
  const name = text(li.name);
  return records(record({
    occurredAt: time(day.timestamp, 'timestamp'),
    granularity: 'day',
    providerId: 'openai',
    rawModel: name || UNATTRIBUTED,
    reportedCostUsd: cost,
    ...(name ? { keyExtra: name } : {}),
  }));
}

export const openaiLegacyBilling: JsonFormat = {
  id: 'openai-legacy-billing',
  label: 'OpenAI legacy /dashboard/billing/usage response (JSON, cents)',
  family: 'openai-cost',
  kind: 'json',
  detect(doc) {
    if (!isObj(doc) || !Array.isArray(doc.daily_costs)) return 0;
    const first = doc.daily_costs.find(isObj);
    return !first || Array.isArray(first.line_items) ? 0.95 : 0;
  },
  *rows(doc) {
    if (!isObj(doc) || !Array.isArray(doc.daily_costs)) {
      yield { line: 1, outcome: reject('not a legacy billing response: no daily_costs[]') };
      return;
    }
    const number = ordinals();
    let line = 0;
    for (const day of doc.daily_costs) {
      if (!isObj(day) || !Array.isArray(day.line_items)) {
        yield { line: ++line, outcome: reject('day without timestamp and line_items[]') };
        continue;
      }
      if (day.line_items.length === 0) yield { line: ++line, outcome: skip('empty bucket') };
      for (const li of day.line_items) yield { line: ++line, outcome: number(guard(() => readBillingItem(day, li))) };
    }
  },
};
