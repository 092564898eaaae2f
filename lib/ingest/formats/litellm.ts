import { mapLiteLLMProvider } from '@/lib/pricing/litellm';
import type { CsvFormat, JsonFormat, RowOutcome, UsageFormat, UsageRecord } from '../types';
import { count, guard, headerIndex, isBlank, isObject, jsonObject, money, record, text, time, ValueError } from '../values';

/**
 * LiteLLM proxy exports. `spend` is USD dollars (a float in the database); `prompt_tokens` follows OpenAI
 * semantics (cache reads included: LiteLLM folds Anthropic's cache_read_input_tokens into it), and cache counts
 * live only inside `metadata`.
 */

type Get = (name: string) => unknown;

/** Reads an object's keys case-insensitively, so the CSV header (lower-cased) and JSON (`startTime`) share one reader. */
function objectGetter(obj: Record<string, unknown>): Get {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) map.set(k.toLowerCase(), v);
  return (name) => map.get(name);
}

/** `metadata` is a JSON string in a table dump and an object in the API; anything unreadable is ignored (it only adds detail). */
const parseMetadata = jsonObject;

function dig(obj: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Where LiteLLM versions have put the cache-read count inside metadata, most specific first. */
const CACHED_PATHS = [
  ['usage_object', 'prompt_tokens_details', 'cached_tokens'],
  ['usage_object', 'cache_read_input_tokens'],
  ['additional_usage_values', 'cache_read_input_tokens'],
  ['additional_usage_values', 'prompt_tokens_details', 'cached_tokens'],
];

function cachedFromMetadata(meta: Record<string, unknown>): number {
  for (const path of CACHED_PATHS) {
    const v = dig(meta, path);
    if (!isBlank(v)) return count(v, `metadata.${path.join('.')}`);
  }
  return 0;
}

/**
 * Call types that are not text generation (embeddings, images, audio, moderation, rerank, search, MCP tools, file
 * and fine-tuning management) are skipped even when they carry tokens and spend, as a chat dashboard skips an
 * embeddings line. Batch retrievals are kept: LiteLLM logs a finished batch's tokens and spend on them.
 */
const NON_GENERATION = /embed|image|transcri|speech|moderat|rerank|ocr|video|vector_store|search|mcp|file|fine_tun/;

function providerOf(get: Get, model: string): string | null {
  const p = text(get('custom_llm_provider')).toLowerCase();
  if (p) return mapLiteLLMProvider(p);
  // Without the column, LiteLLM's own `provider/model` prefix is the provider it routed to.
  const slash = model.indexOf('/');
  return slash > 0 ? mapLiteLLMProvider(model.slice(0, slash).toLowerCase()) : null;
}

function readSpendLog(get: Get): RowOutcome {
  const requestId = text(get('request_id'));
  if (!requestId) throw new ValueError('request_id is missing');
  const callType = text(get('call_type')).toLowerCase();
  if (NON_GENERATION.test(callType)) return { kind: 'skip', reason: `${callType} call (not text generation)` };
  // A LiteLLM cache hit never reached the provider: its tokens are the original response's, and nothing was billed.
  if (text(get('cache_hit')).toLowerCase() === 'true') return { kind: 'skip', reason: 'served from the LiteLLM response cache' };

  const input = count(get('prompt_tokens'), 'prompt_tokens');
  const output = count(get('completion_tokens'), 'completion_tokens');
  const cost = money(get('spend'), 'spend');
  const occurredAt = time(get('starttime') ?? get('start_time'), 'startTime');
  if (input === 0 && output === 0 && (cost === null || cost === '0')) {
    return { kind: 'skip', reason: text(get('status')).toLowerCase() === 'failure' ? 'failed request, no usage' : 'no usage' };
  }
  const meta = parseMetadata(get('metadata'));
  const cached = cachedFromMetadata(meta);
  if (cached > input) throw new ValueError(`cached tokens in metadata (${cached}) exceed prompt_tokens (${input})`);

  // `model` is what the provider was called with (and billed for); model_group is the proxy's public alias.
  const model = text(get('model')) || text(get('model_group'));
  const rec: UsageRecord = record({
    occurredAt,
    granularity: 'request',
    providerId: providerOf(get, model),
    rawModel: model || '(unattributed)',
    // Team id, not its alias: the table dump has only the id, and both shapes must key the same request alike.
    project: text(get('team_id')) || text(meta.user_api_key_team_id) || text(meta.user_api_key_team_alias),
    apiKey: text(get('api_key')) || text(meta.user_api_key),
    userRef: text(get('user')) || text(get('end_user')) || text(meta.user_api_key_user_id),
    requests: 1,
    inputTokens: input,
    cachedInputTokens: cached,
    outputTokens: output,
    batch: callType.includes('batch'),
    reportedCostUsd: cost,
    keyExtra: requestId,
  });
  return { kind: 'records', records: [rec] };
}

/** `psql \copy "LiteLLM_SpendLogs" to … csv header` (there is no built-in CSV export). */
export const litellmSpendLogsCsv: CsvFormat = {
  id: 'litellm-spendlogs',
  label: 'LiteLLM spend logs (LiteLLM_SpendLogs table dump, CSV)',
  family: 'litellm',
  kind: 'csv',
  detect(header) {
    const has = (n: string) => header.includes(n);
    if (!has('request_id') || !has('spend')) return 0;
    if (has('call_type') && (has('starttime') || has('start_time'))) return 0.95;
    return has('call_type') ? 0.8 : 0.3;
  },
  start(header) {
    const idx = headerIndex(header);
    return (fields) => guard(() => {
      if (fields.every((f) => isBlank(f))) return { kind: 'skip', reason: 'empty row' };
      return readSpendLog((name) => {
        const i = idx(name);
        return i < 0 ? undefined : fields[i];
      });
    });
  },
};

/** `/spend/logs` returns an array of rows; `/spend/logs/v2` wraps them as `{data: […], total, page, …}`. */
function spendLogRows(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc.data)) return doc.data;
  return null;
}

export const litellmSpendLogsJson: JsonFormat = {
  id: 'litellm-spendlogs-json',
  label: 'LiteLLM spend logs (/spend/logs JSON)',
  family: 'litellm',
  kind: 'json',
  detect(doc) {
    const rows = spendLogRows(doc);
    const first = rows?.[0];
    if (!isObject(first)) return 0;
    const get = objectGetter(first);
    if (get('request_id') === undefined || get('spend') === undefined) return 0;
    return get('call_type') !== undefined ? 0.95 : 0.5;
  },
  *rows(doc) {
    const rows = spendLogRows(doc) ?? [];
    for (const [i, row] of rows.entries()) {
      const outcome = isObject(row)
        ? guard(() => readSpendLog(objectGetter(row)))
        : { kind: 'reject' as const, reason: 'spend log entry is not an object' };
      yield { line: i + 1, outcome };
    }
  },
};

/** One metrics object: the nested `{metrics: {...}}` of current versions, or the flat one of v1.65-era docs. */
function metricsOf(entry: Record<string, unknown>): Record<string, unknown> {
  return isObject(entry.metrics) ? entry.metrics : entry;
}

type Dims = { rawModel: string; providerId: string | null; apiKey: string; project: string };

function dailyRecord(date: Date, m: Record<string, unknown>, dims: Dims, where: string): UsageRecord | null {
  const input = count(m.prompt_tokens, `${where} prompt_tokens`);
  const cached = count(m.cache_read_input_tokens, `${where} cache_read_input_tokens`);
  const output = count(m.completion_tokens, `${where} completion_tokens`);
  const requests = isBlank(m.api_requests)
    ? count(m.successful_requests, `${where} successful_requests`) + count(m.failed_requests, `${where} failed_requests`)
    : count(m.api_requests, `${where} api_requests`);
  const cost = money(m.spend, `${where} spend`);
  if (cached > input) throw new ValueError(`${where} cache_read_input_tokens (${cached}) exceed prompt_tokens (${input})`);
  if (input === 0 && output === 0 && requests === 0 && (cost === null || cost === '0')) return null;
  return record({
    occurredAt: date, granularity: 'day', requests, inputTokens: input, cachedInputTokens: cached,
    outputTokens: output, reportedCostUsd: cost, ...dims,
  });
}

/**
 * The day's provider, when the providers breakdown names exactly one: then every model that day went through it.
 * With several providers the models breakdown does not say which served which, so providerId stays null.
 */
function soleProvider(breakdown: Record<string, unknown>): string | null {
  const providers = isObject(breakdown.providers) ? Object.keys(breakdown.providers) : [];
  return providers.length === 1 ? mapLiteLLMProvider(providers[0]!.toLowerCase()) : null;
}

function readDay(result: unknown): RowOutcome {
  if (!isObject(result)) throw new ValueError('result is not an object');
  const date = time(result.date, 'date');
  const breakdown = isObject(result.breakdown) ? result.breakdown : {};
  const models = isObject(breakdown.models) ? breakdown.models : {};
  const providerId = soleProvider(breakdown);
  const records: UsageRecord[] = [];
  for (const [model, entry] of Object.entries(models)) {
    if (!isObject(entry)) throw new ValueError(`breakdown.models["${model}"] is not an object`);
    const rawModel = model.trim() || '(unattributed)';
    const keys = isObject(entry.api_key_breakdown) ? Object.entries(entry.api_key_breakdown) : [];
    if (keys.length === 0) {
      const r = dailyRecord(date, metricsOf(entry), { rawModel, providerId, apiKey: '', project: '' }, `models["${model}"]`);
      if (r) records.push(r);
      continue;
    }
    // Broken down per key: one record each (the model's own metrics are their sum, so they are not added too).
    for (const [key, kb] of keys) {
      if (!isObject(kb)) throw new ValueError(`models["${model}"].api_key_breakdown["${key}"] is not an object`);
      const meta = isObject(kb.metadata) ? kb.metadata : {};
      const dims = { rawModel, providerId, apiKey: key.trim(), project: text(meta.team_id) };
      const r = dailyRecord(date, metricsOf(kb), dims, `models["${model}"].api_key_breakdown["${key}"]`);
      if (r) records.push(r);
    }
  }
  if (Object.keys(models).length === 0 && isObject(result.metrics)) {
    // A day with totals but no per-model breakdown: keep the usage, without inventing a model.
    const r = dailyRecord(date, result.metrics, { rawModel: '(unattributed)', providerId, apiKey: '', project: '' }, 'metrics');
    if (r) records.push(r);
  }
  return records.length ? { kind: 'records', records } : { kind: 'skip', reason: 'empty bucket' };
}

/**
 * `GET /user/daily/activity` (also `/team/…`, `/tag/…`): `{results: [{date, metrics, breakdown: {models, providers,
 * api_keys, …}}], metadata}`. One record per day × model (× API key when the model is broken down by key).
 * Tag views count a request once per tag, so they overlap; import user or team views.
 */
export const litellmDailyActivity: JsonFormat = {
  id: 'litellm-daily-activity',
  label: 'LiteLLM daily activity (/user/daily/activity JSON)',
  family: 'litellm-daily',
  kind: 'json',
  detect(doc) {
    if (!isObject(doc) || !Array.isArray(doc.results)) return 0;
    const first: unknown = doc.results[0];
    if (first === undefined) return isObject(doc.metadata) && 'total_spend' in doc.metadata ? 0.9 : 0;
    if (!isObject(first) || typeof first.date !== 'string') return 0;
    return isObject(first.breakdown) || (isObject(first.metrics) && 'api_requests' in first.metrics) ? 0.95 : 0;
  },
  *rows(doc) {
    const results = isObject(doc) && Array.isArray(doc.results) ? doc.results : [];
    for (const [i, result] of results.entries()) yield { line: i + 1, outcome: guard(() => readDay(result)) };
  },
};

export const LITELLM_FORMATS: UsageFormat[] = [litellmSpendLogsCsv, litellmSpendLogsJson, litellmDailyActivity];
