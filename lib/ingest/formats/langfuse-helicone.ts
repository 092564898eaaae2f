import { D, toDecimalString } from '@/lib/money';
import type { CsvFormat, JsonFormat, JsonlFormat, RowOutcome, UsageFormat } from '../types';
import { count, guard, headerIndex, isBlank, isObject, jsonObject, money, record, text, time, ValueError } from '../values';

/** Observability tools that log each LLM call: Langfuse (generation observations) and Helicone (proxied requests). */

type Obj = Record<string, unknown>;


/** A document as a list of entries: an array, `{data: […]}` (both tools' APIs), or one object that `single` accepts. */
function entriesOf(doc: unknown, single: (o: Obj) => boolean): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc.data)) return doc.data;
  return isObject(doc) && single(doc) ? [doc] : [];
}

function* jsonRows(doc: unknown, single: (o: Obj) => boolean, read: (o: unknown) => RowOutcome) {
  for (const [i, entry] of entriesOf(doc, single).entries()) yield { line: i + 1, outcome: guard(() => read(entry)) };
}

// ---------------------------------------------------------------------------------------------------- Langfuse

/**
 * Provider hints Langfuse records without a provider field of its own: the Vercel AI SDK's provider id in
 * modelParameters.system (`google.generative-ai`, `openai.chat`), LangChain's `ls_provider`, OpenTelemetry's
 * `gen_ai.system` (`aws.bedrock`, `az.ai.openai`, `gcp.vertex_ai`). Checked in order: azure before openai,
 * vertex before google.
 */
const PROVIDER_HINTS: [RegExp, string][] = [
  [/azure|^az\./, 'azure'], [/bedrock/, 'bedrock'], [/vertex/, 'vertex_ai'], [/^(google|gemini|gcp\.gemini|gcp\.gen_ai)/, 'google'],
  [/^openai/, 'openai'], [/^anthropic/, 'anthropic'], [/^groq/, 'groq'], [/^mistral/, 'mistral'], [/^together/, 'together_ai'],
  [/^fireworks/, 'fireworks_ai'], [/^deepinfra/, 'deepinfra'], [/^cohere/, 'cohere'], [/^openrouter/, 'openrouter'],
  [/^deepseek/, 'deepseek'], [/^xai/, 'xai'], [/^perplexity/, 'perplexity'],
];

function providerFromHint(v: unknown): string | null {
  const s = text(v).toLowerCase();
  // An identifier only: modelParameters.system could also hold a system prompt.
  if (!/^[a-z0-9_.\-]+$/.test(s)) return null;
  return PROVIDER_HINTS.find(([re]) => re.test(s))?.[1] ?? null;
}

function langfuseProvider(o: Obj): string | null {
  const params = isObject(o.modelParameters) ? o.modelParameters : {};
  const meta = jsonObject(o.metadata);
  for (const hint of [o.provider, params.provider, params.system, meta.ls_provider, meta.provider, meta['gen_ai.system']]) {
    const p = providerFromHint(hint);
    if (p) return p;
  }
  return null;
}

type Tokens = { input: number; cached: number; output: number };

/**
 * Langfuse usage keys are disjoint and priced one by one: `input` is the uncached part, `input_cached_tokens` /
 * `cache_read_input_tokens` the cache reads, `output` excludes `output_reasoning_tokens`, and `total` is their sum.
 * As Langfuse's own inputUsage/outputUsage do, every key naming input (output) is added up.
 */
function langfuseTokens(o: Obj): Tokens | { skip: string } {
  const details = isObject(o.usageDetails) && Object.keys(o.usageDetails).length ? o.usageDetails : null;
  if (details) {
    const t = { input: 0, cached: 0, output: 0 };
    for (const [key, v] of Object.entries(details)) {
      const k = key.toLowerCase();
      if (k.includes('total')) continue;
      const n = count(v, `usageDetails.${key}`);
      if (k.includes('input')) {
        t.input += n;
        if (/cached|cache_read/.test(k)) t.cached += n;
      } else if (k.includes('output')) t.output += n;
    }
    return t;
  }
  if (isObject(o.usage)) {
    // Legacy v1 API: input/output are already the sums; older Vertex generations were counted in characters.
    const unit = text(o.usage.unit).toUpperCase();
    if (unit && unit !== 'TOKENS') return { skip: `usage measured in ${unit.toLowerCase()}, not tokens` };
    return { input: count(o.usage.input, 'usage.input'), cached: 0, output: count(o.usage.output, 'usage.output') };
  }
  if (!isBlank(o.inputUsage) || !isBlank(o.outputUsage)) {
    return { input: count(o.inputUsage, 'inputUsage'), cached: 0, output: count(o.outputUsage, 'outputUsage') };
  }
  return { input: count(o.promptTokens, 'promptTokens'), cached: 0, output: count(o.completionTokens, 'completionTokens') };
}

/**
 * costDetails (USD; `total` is the sum of the parts) wins; an empty costDetails means Langfuse knew no price, so a
 * zero totalCost beside it is "unknown", not free. Legacy objects carry calculatedTotalCost instead.
 */
function langfuseCost(o: Obj): string | null {
  const cd = o.costDetails;
  if (isObject(cd) && Object.keys(cd).length) {
    if (!isBlank(cd.total)) return money(cd.total, 'costDetails.total');
    let sum = new D(0);
    for (const [k, v] of Object.entries(cd)) sum = sum.plus(money(v, `costDetails.${k}`) ?? 0);
    return toDecimalString(sum, 12);
  }
  const fallback = money(isBlank(o.totalCost) ? o.calculatedTotalCost : o.totalCost, 'totalCost');
  return isObject(cd) && fallback !== null && new D(fallback).isZero() ? null : fallback;
}

function readObservation(entry: unknown): RowOutcome {
  if (!isObject(entry)) throw new ValueError('observation is not an object');
  const type = text(entry.type).toUpperCase();
  // Spans, events, tools, embeddings…: only generations are LLM calls.
  if (type && type !== 'GENERATION') return { kind: 'skip', reason: `${type} observation (not a generation)` };
  const id = text(entry.id);
  if (!id) throw new ValueError('id is missing');
  const occurredAt = time(entry.startTime, 'startTime');
  const tokens = langfuseTokens(entry);
  if ('skip' in tokens) return { kind: 'skip', reason: tokens.skip };
  const cost = langfuseCost(entry);
  if (tokens.input === 0 && tokens.output === 0 && (cost === null || new D(cost).isZero())) return { kind: 'skip', reason: 'no usage' };
  return {
    kind: 'records',
    records: [record({
      occurredAt,
      granularity: 'request',
      providerId: langfuseProvider(entry),
      rawModel: text(entry.model) || '(unattributed)',
      project: text(entry.projectId),
      userRef: text(entry.userId),
      requests: 1,
      inputTokens: tokens.input,
      cachedInputTokens: tokens.cached,
      outputTokens: tokens.output,
      reportedCostUsd: cost,
      keyExtra: id,
    })],
  };
}

function looksLikeObservation(o: unknown): boolean {
  if (!isObject(o) || !('traceId' in o)) return false;
  return 'usageDetails' in o || 'costDetails' in o || 'usage' in o || 'calculatedTotalCost' in o || ('type' in o && 'startTime' in o);
}

/** Observations as the public API (`{data: […]}`, v1 or v2) or the UI export (an array, or one object) give them. */
export const langfuseObservations: JsonFormat = {
  id: 'langfuse-observations',
  label: 'Langfuse observations (JSON)',
  family: 'langfuse',
  kind: 'json',
  detect: (doc) => (looksLikeObservation(entriesOf(doc, looksLikeObservation)[0]) ? 0.95 : 0),
  rows: (doc) => jsonRows(doc, looksLikeObservation, readObservation),
};

export const langfuseObservationsJsonl: JsonlFormat = {
  id: 'langfuse-observations-jsonl',
  label: 'Langfuse observations (JSONL)',
  family: 'langfuse',
  kind: 'jsonl',
  detect: (first) => (looksLikeObservation(first) ? 0.95 : 0),
  row: (obj) => guard(() => readObservation(obj)),
};

// ---------------------------------------------------------------------------------------------------- Helicone

type Get = (name: string) => unknown;

function objectGetter(obj: Obj): Get {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) map.set(k.toLowerCase(), v);
  return (name) => map.get(name);
}

function firstOf(get: Get, names: string[]): unknown {
  for (const n of names) if (!isBlank(get(n))) return get(n);
  return undefined;
}

/** Helicone's provider names (`OPENAI`, `TOGETHER`, `AWS`…, lower-case in its newer gateway). */
const HELICONE_PROVIDERS: Record<string, string> = {
  openai: 'openai', anthropic: 'anthropic', azure: 'azure', together: 'together_ai', groq: 'groq', openrouter: 'openrouter',
  fireworks: 'fireworks_ai', deepinfra: 'deepinfra', mistral: 'mistral', google: 'google', vertex: 'vertex_ai',
  aws: 'bedrock', bedrock: 'bedrock', cohere: 'cohere', deepseek: 'deepseek', x: 'xai', xai: 'xai', perplexity: 'perplexity',
};

const NO_CACHE_REF = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

/**
 * Helicone's prompt_tokens are the fresh (uncached) input: cache reads and writes and prompt audio are separate
 * columns it prices separately. So input = prompt + cache read + cache write + audio; cached = cache read. The CLI
 * CSV has only prompt_tokens, which then undercounts input for cached requests.
 */
function readHelicone(get: Get): RowOutcome {
  const id = text(get('response_id')) || text(get('request_id'));
  if (!id) throw new ValueError('response_id is missing');
  const cacheRef = text(get('cache_reference_id'));
  if (cacheRef && !NO_CACHE_REF.test(cacheRef)) return { kind: 'skip', reason: 'served from the Helicone cache' };
  const occurredAt = time(firstOf(get, ['request_created_at', 'response_created_at']), 'request_created_at');
  const cacheRead = count(get('prompt_cache_read_tokens'), 'prompt_cache_read_tokens');
  const input = count(get('prompt_tokens'), 'prompt_tokens') + cacheRead
    + count(get('prompt_cache_write_tokens'), 'prompt_cache_write_tokens') + count(get('prompt_audio_tokens'), 'prompt_audio_tokens');
  const output = count(get('completion_tokens'), 'completion_tokens') + count(get('completion_audio_tokens'), 'completion_audio_tokens');
  // Dollars: cost_usd (CLI CSV), costUSD (API), cost (older versions of both).
  const cost = money(firstOf(get, ['cost_usd', 'costusd', 'cost']), 'cost_usd');
  if (input === 0 && output === 0 && (cost === null || new D(cost).isZero())) {
    const status = Number(text(get('response_status')));
    return { kind: 'skip', reason: status >= 400 ? `failed request (status ${status}), no usage` : 'no usage' };
  }
  // The CLI's `model` column is often empty; the request body it exports beside it names the model asked for.
  const model = text(firstOf(get, ['model', 'response_model', 'request_model', 'model_override']))
    || text(jsonObject(get('request_body')).model);
  return {
    kind: 'records',
    records: [record({
      occurredAt,
      granularity: 'request',
      providerId: HELICONE_PROVIDERS[text(get('provider')).toLowerCase()] ?? null,
      rawModel: model || '(unattributed)',
      userRef: text(get('request_user_id')),
      requests: 1,
      inputTokens: input,
      cachedInputTokens: cacheRead,
      outputTokens: output,
      reportedCostUsd: cost,
      keyExtra: id,
    })],
  };
}

/** Helicone's export CLI (`examples/export`): every value quoted, objects JSON-stringified. */
export const heliconeExportCsv: CsvFormat = {
  id: 'helicone-export',
  label: 'Helicone request export (CLI CSV)',
  family: 'helicone',
  kind: 'csv',
  detect(header) {
    if (!header.includes('response_id') || !header.includes('response_created_at')) return 0;
    return header.includes('prompt_tokens') && header.includes('completion_tokens') ? 0.95 : 0.5;
  },
  start(header) {
    const idx = headerIndex(header);
    return (fields) => guard(() => {
      if (fields.every((f) => isBlank(f))) return { kind: 'skip', reason: 'empty row' };
      return readHelicone((name) => {
        const i = idx(name);
        return i < 0 ? undefined : fields[i];
      });
    });
  },
};

function looksLikeHeliconeRequest(o: unknown): boolean {
  return isObject(o) && 'response_id' in o && 'request_created_at' in o && ('prompt_tokens' in o || 'provider' in o);
}

function readHeliconeObject(entry: unknown): RowOutcome {
  if (!isObject(entry)) throw new ValueError('request is not an object');
  return readHelicone(objectGetter(entry));
}

/** `POST /v1/request/query` (`{data: […]}`) or an array of HeliconeRequest objects. */
export const heliconeRequestsJson: JsonFormat = {
  id: 'helicone-requests',
  label: 'Helicone requests (API JSON)',
  family: 'helicone',
  kind: 'json',
  detect: (doc) => (looksLikeHeliconeRequest(entriesOf(doc, looksLikeHeliconeRequest)[0]) ? 0.9 : 0),
  rows: (doc) => jsonRows(doc, looksLikeHeliconeRequest, readHeliconeObject),
};

export const heliconeRequestsJsonl: JsonlFormat = {
  id: 'helicone-requests-jsonl',
  label: 'Helicone requests (JSONL export)',
  family: 'helicone',
  kind: 'jsonl',
  detect: (first) => (looksLikeHeliconeRequest(first) ? 0.9 : 0),
  row: (obj) => guard(() => readHeliconeObject(obj)),
};

export const OBSERVABILITY_FORMATS: UsageFormat[] = [
  langfuseObservations, langfuseObservationsJsonl, heliconeExportCsv, heliconeRequestsJson, heliconeRequestsJsonl,
];
