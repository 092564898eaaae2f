import type { CsvFormat, Granularity, RowOutcome, UsageRecord } from '../types';
import { bool, count, granularityOf, guard, headerIndex, isBlank, money, record, text, time, ValueError } from '../values';

/**
 * The platform.openai.com/usage "Export" CSVs: flattened copies of the admin API buckets (API field names, `amount`
 * flattened to `amount_value`/`amount_currency`, plus `start_time_iso`/`end_time_iso`). Real files come through
 * spreadsheets (`10.0`, `FALSE`, `0.34090000000000000`), gain columns over time and write empty buckets as rows with
 * only the time columns.
 *
 * The row readers below work on these column names and are shared with the admin API pages (openai-api.ts, which
 * maps `amount.value` to `amount_value`): both shapes share a family, and must derive identity the same way so a
 * bucket exported both ways counts once.
 */

/** Reads one field by its CSV column name. */
export type Getter = (name: string) => unknown;

export const UNATTRIBUTED = '(unattributed)';

/** `bool` with the field named in its message. */
function flag(v: unknown, field: string): boolean {
  try {
    return bool(v);
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`${field} is ${e.message}`);
    throw e;
  }
}

/** Bucket start and width; an end before the start is a broken row, not a per-request row. */
export function bucketTime(start: unknown, end: unknown): { occurredAt: Date; granularity: Granularity } {
  const occurredAt = time(start, 'start_time');
  const until = isBlank(end) ? null : time(end, 'end_time');
  if (until && until.getTime() <= occurredAt.getTime()) throw new ValueError(`end_time ${until.toISOString()} is not after start_time ${occurredAt.toISOString()}`);
  return { occurredAt, granularity: granularityOf(occurredAt, until) };
}

const USAGE_METRICS = ['num_model_requests', 'input_tokens', 'output_tokens', 'input_cached_tokens'];

/** The dashboard writes empty buckets as rows with only the time columns filled. */
export function isEmptyUsage(get: Getter): boolean {
  for (const m of USAGE_METRICS) if (!isBlank(get(m))) return false;
  return true;
}

/** isEmptyUsage by column position (USAGE_METRICS' columns in `header`, -1 when absent), for the CSV reader. */
function emptyUsageAt(header: (name: string) => number): (field: (i: number) => unknown) => boolean {
  const cols = USAGE_METRICS.map(header);
  return (field) => {
    for (const c of cols) if (!isBlank(field(c))) return false;
    return true;
  };
}

/** The last service tier seen and its key extra: one string per tier, not per row. */
let lastTier = '';
let lastTierExtra: string | undefined;

/** One usage result (API) or row (dashboard CSV). `input_tokens` already includes the cached ones. */
export function readUsage(get: Getter, when: { occurredAt: Date; granularity: Granularity }): UsageRecord {
  return usageOf(get('input_tokens'), get('input_cached_tokens'), get('service_tier'), get('model'), get('project_id'), get('api_key_id'), get('user_id'),
    get('num_model_requests'), get('output_tokens'), get('batch'), when);
}

/** readUsage over the values themselves: the CSV reader passes them by column position, with no lookup by name per row. */
function usageOf(
  input: unknown, cached: unknown, serviceTier: unknown, model: unknown, projectId: unknown, apiKeyId: unknown, userId: unknown, numRequests: unknown,
  output: unknown, isBatch: unknown, when: { occurredAt: Date; granularity: Granularity },
): UsageRecord {
  const inputTokens = count(input, 'input_tokens');
  const cachedInputTokens = count(cached, 'input_cached_tokens');
  if (cachedInputTokens > inputTokens) throw new ValueError(`input_cached_tokens (${cachedInputTokens}) exceeds input_tokens (${inputTokens})`);
  const tier = text(serviceTier);
  // With group_by=service_tier one bucket holds a row per tier that is otherwise identical.
  if (tier !== lastTier) { lastTier = tier; lastTierExtra = tier ? `service_tier=${tier}` : undefined; }
  const rawModel = text(model) || UNATTRIBUTED;
  const project = text(projectId);
  const apiKey = text(apiKeyId);
  const userRef = text(userId);
  const requests = count(numRequests, 'num_model_requests');
  const outputTokens = count(output, 'output_tokens');
  const batch = flag(isBatch, 'batch');
  // The record written out in full, in record()'s field order (not record() over a literal with a spread): this runs
  // once per row of multi-million-row exports.
  return {
    occurredAt: when.occurredAt, granularity: when.granularity, providerId: 'openai', rawModel, project, apiKey, userRef, requests, inputTokens,
    cachedInputTokens, outputTokens, batch, reportedCostUsd: null, keyExtra: lastTierExtra,
  };
}

/**
 * Cost rows carry no model. Line items like `gpt-4o-2024-08-06, input` start with the model id the export wrote,
 * so that part is the model; anything else (`input_tokens`, `web search tool calls`) stays as written.
 */
export function costModel(lineItem: string): string {
  const m = /^([^\s,]+),\s*\S/.exec(lineItem);
  return m ? m[1]! : lineItem || UNATTRIBUTED;
}

/** One cost result (API) or row (dashboard CSV): dollars, one record per line item. Null amount = empty bucket. */
export function readCost(get: Getter, when: { occurredAt: Date; granularity: Granularity }, amountField: string): RowOutcome {
  const amount = money(get('amount_value'), amountField);
  if (amount === null) return { kind: 'skip', reason: 'empty bucket' };
  const currency = text(get('amount_currency')).toLowerCase();
  if (currency && currency !== 'usd') throw new ValueError(`currency is "${currency}": only US dollars are supported`);
  const lineItem = text(get('line_item'));
  return { kind: 'records', records: [record({
    occurredAt: when.occurredAt, granularity: when.granularity,
    providerId: 'openai',
    rawModel: costModel(lineItem),
    project: text(get('project_id')),
    apiKey: text(get('api_key_id')),
    userRef: text(get('user_id')),
    reportedCostUsd: amount,
    // Several line items share a bucket; they are different money, not overlapping copies.
    ...(lineItem ? { keyExtra: lineItem } : {}),
  })] };
}

/**
 * Numbers records whose identity repeats within one export. The real dashboard export has two rows for the same
 * day, model, project, key and user (the grouping that split them is not exported); they are different usage, and
 * the ordinal keeps them apart while a re-import of the same data still yields the same keys.
 */
export function ordinals(): (outcome: RowOutcome) => RowOutcome {
  // Exports list a bucket's rows together, so repeats are counted per bucket: memory stays bounded by one bucket's
  // rows instead of growing with the file. Most rows repeat nothing: a 30-bit hash of the identity, made without a
  // string, finds them; only a row whose hash was seen in the bucket (a repeat, or a collision) builds the identity
  // string and is counted exactly.
  let firstByHash = new Map<number, UsageRecord>();
  let seen = new Map<string, number>();
  let bucket = NaN;
  const number = (r: UsageRecord): UsageRecord => {
    const t = r.occurredAt.getTime();
    // New maps, not clear(): V8 links a cleared Map's old table to its new one (for iterators still open on it), so
    // once one old table has been promoted to the old generation it keeps the next one alive, and that one the next:
    // every bucket's records and the text they were sliced from were promoted, a second of collection per million
    // rows and ~100 MB of heap, in most runs (measured by `npm run bench -- parse`).
    if (t !== bucket) { firstByHash = new Map(); seen = new Map(); bucket = t; }
    const h = identityHash(r);
    const first = firstByHash.get(h);
    if (first === undefined) { firstByHash.set(h, r); return r; }
    const firstId = identity(first);
    if (!seen.has(firstId)) seen.set(firstId, 1);
    const id = identity(r);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? r : { ...r, keyExtra: `${r.keyExtra ?? ''}#${n}` };
  };
  return (outcome) => {
    if (outcome.kind !== 'records') return outcome;
    // One record per row is the common case: no new arrays or outcome objects for it.
    if (outcome.records.length === 1) {
      const r = outcome.records[0]!;
      const numbered = number(r);
      return numbered === r ? outcome : { kind: 'records', records: [numbered] };
    }
    return { kind: 'records', records: outcome.records.map(number) };
  };
}

const identity = (r: UsageRecord) => `${r.granularity}\u0000${r.providerId}\u0000${r.rawModel}\u0000${r.project}\u0000${r.apiKey}\u0000${r.userRef}\u0000${r.batch}\u0000${r.keyExtra ?? ''}`;

/** FNV-1a over the identity's parts (a separator after each), kept to 30 bits (a small integer: no allocation). */
export function identityHash(r: UsageRecord): number {
  let h = 0x811c9dc5;
  h = mix(h, r.granularity);
  h = mix(h, r.providerId);
  h = mix(h, r.rawModel);
  h = mix(h, r.project);
  h = mix(h, r.apiKey);
  h = mix(h, r.userRef);
  h = Math.imul(h ^ (r.batch ? 1 : 2), 0x01000193);
  h = mix(h, r.keyExtra);
  return h & 0x3fffffff;
}

function mix(h: number, s: string | null | undefined): number {
  if (s) for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x1f, 0x01000193);
}

// ---- The CSV formats ----

const TIME_COLUMNS = ['start_time', 'end_time', 'start_time_iso', 'end_time_iso'];

/** Exactly the four time columns: what the dashboard exports when there was no usage at all. */
function onlyTimeColumns(header: string[]): boolean {
  const named = header.filter((h) => h !== '');
  return named.length === TIME_COLUMNS.length && TIME_COLUMNS.every((c) => named.includes(c));
}

/**
 * A reader's view of its current CSV row: `get` by column name (a missing column reads as blank) over the fields
 * `at(fields)` was last given, and the bucket's time. One of each per reader, not per row: this runs per row of
 * multi-million-row files. Rows of one bucket come together, so its time is parsed once, not per row.
 */
function rowView(header: string[]) {
  const index = headerIndex(header);
  const col = (name: string) => index(name);
  const [startCol, endCol, startIsoCol, endIsoCol] = [col('start_time'), col('end_time'), col('start_time_iso'), col('end_time_iso')];
  let fields: string[] = [];
  const field = (i: number) => (i < 0 ? undefined : fields[i]);
  const get: Getter = (name) => field(index(name));
  let lastStart: unknown = null;
  let lastEnd: unknown = null;
  let last: { occurredAt: Date; granularity: Granularity } | null = null;
  /** The unix-seconds column when filled, else its ISO twin (either may be what a person kept). */
  const when = () => {
    const s = field(startCol);
    const e = field(endCol);
    const start = isBlank(s) ? field(startIsoCol) : s;
    const end = isBlank(e) ? field(endIsoCol) : e;
    if (last === null || start !== lastStart || end !== lastEnd) {
      last = null;
      last = bucketTime(start, end);
      lastStart = start;
      lastEnd = end;
    }
    return last;
  };
  return { at: (f: string[]) => { fields = f; }, get, field, col, when };
}

export const openaiDashboardUsage: CsvFormat = {
  id: 'openai-dashboard-usage',
  label: 'OpenAI dashboard usage export (CSV)',
  family: 'openai-usage',
  kind: 'csv',
  detect(header) {
    const has = (c: string) => header.includes(c);
    if (!has('start_time') && !has('start_time_iso')) return 0;
    if (has('amount_value')) return 0;
    if (has('num_model_requests')) return 0.95;
    if (has('end_time') && (has('input_tokens') || has('output_tokens'))) return 0.8;
    // A no-usage export: nothing says usage or cost, and every row is an empty bucket either way.
    return onlyTimeColumns(header) ? 0.6 : 0;
  },
  start(header) {
    const { at, field, col, when } = rowView(header);
    const number = ordinals();
    // Every column read per row, found once: a row is read by position.
    const [input, cached, tier, model, project, apiKey, user, requests, output, batch] = ['input_tokens', 'input_cached_tokens', 'service_tier', 'model',
      'project_id', 'api_key_id', 'user_id', 'num_model_requests', 'output_tokens', 'batch'].map(col) as number[];
    const isEmpty = emptyUsageAt(col);
    const read = (): RowOutcome => {
      if (isEmpty(field)) return { kind: 'skip', reason: 'empty bucket' };
      return { kind: 'records', records: [usageOf(field(input!), field(cached!), field(tier!), field(model!), field(project!), field(apiKey!), field(user!),
        field(requests!), field(output!), field(batch!), when())] };
    };
    return (fields): RowOutcome => {
      at(fields);
      return number(guard(read));
    };
  },
};

export const openaiDashboardCost: CsvFormat = {
  id: 'openai-dashboard-cost',
  label: 'OpenAI dashboard cost export (CSV)',
  family: 'openai-cost',
  kind: 'csv',
  detect(header) {
    if (!header.includes('start_time') && !header.includes('start_time_iso')) return 0;
    if (!header.includes('amount_value')) return 0;
    return header.includes('amount_currency') ? 0.95 : 0.85;
  },
  start(header) {
    const { at, get, when } = rowView(header);
    const number = ordinals();
    const read = (): RowOutcome => {
      // Empty buckets carry only the time columns; check before reading the time.
      if (isBlank(get('amount_value'))) return { kind: 'skip', reason: 'empty bucket' };
      return readCost(get, when(), 'amount_value');
    };
    return (fields): RowOutcome => {
      at(fields);
      return number(guard(read));
    };
  },
};
