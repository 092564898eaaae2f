import { z } from 'zod';
import type { CsvFormat } from '../types';
import { count, guard, headerIndex, money, record, text, time } from '../values';

/**
 * Any CSV with a column mapping: which column is the time, the model, the tokens, the cost… Made in the upload
 * page's mapping step (remembered per workspace for that header) or given on the CLI as `--map`.
 */
export const MAPPING_FIELDS = [
  { key: 'time', label: 'Time', required: true },
  { key: 'model', label: 'Model', required: true },
  { key: 'provider', label: 'Provider', required: false },
  { key: 'project', label: 'Project', required: false },
  { key: 'apiKey', label: 'API key', required: false },
  { key: 'user', label: 'User', required: false },
  { key: 'inputTokens', label: 'Input tokens', required: false },
  { key: 'cachedInputTokens', label: 'Cached input tokens', required: false },
  { key: 'outputTokens', label: 'Output tokens', required: false },
  { key: 'requests', label: 'Requests', required: false },
  { key: 'cost', label: 'Cost (USD)', required: false },
] as const;

export type MappingKey = (typeof MAPPING_FIELDS)[number]['key'];

export const csvMappingSchema = z.object({
  time: z.string().min(1),
  model: z.string().min(1),
  provider: z.string().optional(),
  project: z.string().optional(),
  apiKey: z.string().optional(),
  user: z.string().optional(),
  inputTokens: z.string().optional(),
  cachedInputTokens: z.string().optional(),
  outputTokens: z.string().optional(),
  requests: z.string().optional(),
  cost: z.string().optional(),
  /** Provider for every row when the file has no provider column (`openai`, `anthropic`, …). */
  defaultProvider: z.string().optional(),
  granularity: z.enum(['request', 'minute', 'hour', 'day']).optional(),
});
export type CsvMapping = z.infer<typeof csvMappingSchema>;

const ALIASES: Record<string, string> = { input: 'inputTokens', output: 'outputTokens', cached: 'cachedInputTokens', key: 'apiKey', api_key: 'apiKey', date: 'time', timestamp: 'time' };

/** `time=date,model=model_name,input=prompt_tokens,output=completion_tokens,defaultProvider=openai` */
export function parseMapSpec(spec: string): CsvMapping {
  const obj: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new Error(`--map entries look like field=column, not "${part}"`);
    const k = part.slice(0, i).trim();
    obj[ALIASES[k] ?? k] = k === 'defaultProvider' || k === 'granularity' ? part.slice(i + 1).trim() : part.slice(i + 1).trim().toLowerCase();
  }
  const parsed = csvMappingSchema.safeParse(obj);
  if (!parsed.success) throw new Error(`--map: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  return parsed.data;
}

const GUESS: Record<Exclude<MappingKey, never>, RegExp> = {
  time: /^(time|timestamp|date|day|when|created_at|start_time|starttime|usage_date|period)$/,
  model: /^(model|model_name|model_id|modelid|engine)$/,
  provider: /^(provider|vendor|custom_llm_provider)$/,
  project: /^(project|project_id|team|team_id|app|application|workspace)$/,
  apiKey: /^(api_key|api_key_id|key|key_id)$/,
  user: /^(user|user_id|end_user|customer)$/,
  inputTokens: /^(input_tokens|prompt_tokens|tokens_in|input|prompt)$/,
  cachedInputTokens: /^(cached_tokens|cached_input_tokens|input_cached_tokens|cache_read_tokens)$/,
  outputTokens: /^(output_tokens|completion_tokens|tokens_out|output|completion)$/,
  requests: /^(requests|num_requests|request_count|calls|num_model_requests)$/,
  cost: /^(cost|cost_usd|spend|amount|total_cost|usd|dollars)$/,
};

/** A first guess at the mapping from the header's names, for the mapping step to start from. */
export function suggestMapping(header: string[]): Partial<CsvMapping> {
  const out: Partial<Record<MappingKey, string>> = {};
  for (const f of MAPPING_FIELDS) {
    const hit = header.find((h) => GUESS[f.key].test(h));
    if (hit) out[f.key] = hit;
  }
  return out;
}

export function genericCsvFormat(mapping: CsvMapping): CsvFormat {
  return {
    id: 'generic-csv',
    label: 'CSV with a column mapping',
    family: 'generic',
    kind: 'csv',
    detect: () => 0,
    start(header) {
      const at = headerIndex(header);
      const col = (name: string | undefined) => (name ? at(name.toLowerCase()) : -1);
      const idx = Object.fromEntries(MAPPING_FIELDS.map((f) => [f.key, col(mapping[f.key])])) as Record<MappingKey, number>;
      const missing = MAPPING_FIELDS.filter((f) => mapping[f.key] && idx[f.key] < 0).map((f) => `${f.label} → "${mapping[f.key]}"`);
      if (missing.length) throw new Error(`the mapping names columns this file does not have: ${missing.join(', ')}`);
      const get = (fields: string[], k: MappingKey) => (idx[k] >= 0 ? fields[idx[k]] : undefined);
      return (fields) =>
        guard(() => {
          const model = text(get(fields, 'model'));
          if (!model) return { kind: 'reject', reason: `no model in column "${mapping.model}"` };
          const input = count(get(fields, 'inputTokens'), mapping.inputTokens ?? 'input tokens');
          const cached = count(get(fields, 'cachedInputTokens'), mapping.cachedInputTokens ?? 'cached tokens');
          if (cached > input) return { kind: 'reject', reason: `cached input tokens (${cached}) exceed input tokens (${input})` };
          return {
            kind: 'records',
            records: [record({
              occurredAt: time(get(fields, 'time'), mapping.time),
              granularity: mapping.granularity ?? 'day',
              providerId: text(get(fields, 'provider')).toLowerCase() || mapping.defaultProvider || null,
              rawModel: model,
              project: text(get(fields, 'project')),
              apiKey: text(get(fields, 'apiKey')),
              userRef: text(get(fields, 'user')),
              requests: idx.requests >= 0 ? count(get(fields, 'requests'), mapping.requests ?? 'requests') : 1,
              inputTokens: input,
              cachedInputTokens: cached,
              outputTokens: count(get(fields, 'outputTokens'), mapping.outputTokens ?? 'output tokens'),
              reportedCostUsd: money(get(fields, 'cost'), mapping.cost ?? 'cost'),
              // Without an id column, a row's identity is its content: the same row again is the same usage.
              keyExtra: fields.join('\u001f'),
            })],
          };
        });
    },
  };
}
