import type { CsvFormat, RowOutcome, UsageFormat } from '../types';
import { count, guard, headerIndex, isBlank, money, record, text, time, ValueError } from '../values';

/**
 * OpenRouter exports. OpenRouter bills every request itself, so providerId is 'openrouter' whichever upstream
 * served it, and rawModel is the OpenRouter slug. Costs are USD dollars (credits).
 */

function cellReader(header: string[]) {
  const idx = headerIndex(header);
  return (fields: string[], name: string): string | undefined => {
    const i = idx(name);
    return i < 0 ? undefined : fields[i];
  };
}

/**
 * Activity page → Export: one row per generation. Header (real export): generation_id, created_at
 * (`YYYY-MM-DD HH:MM:SS.mmm`, UTC), cost_total, cost_web_search, cost_cache, cost_file_processing,
 * byok_usage_inference, tokens_prompt, tokens_completion, tokens_reasoning, tokens_cached, model_permaslug,
 * provider_name, variant, cancelled, streamed, user, finish_reason_*, generation_time_ms, time_to_first_token_ms,
 * api_key_disabled, api_key_name, app_name. Older exports had one column fewer, so everything is read by name.
 */
export const openrouterLogs: CsvFormat = {
  id: 'openrouter-logs',
  label: 'OpenRouter activity log export (CSV, one row per generation)',
  family: 'openrouter-logs',
  kind: 'csv',
  detect(header) {
    if (!header.includes('generation_id')) return 0;
    if (header.includes('created_at') && header.includes('cost_total')) return 0.95;
    return header.includes('created_at') ? 0.6 : 0.3;
  },
  start(header) {
    const cell = cellReader(header);
    // native_tokens_* are the upstream provider's tokenizer counts (what it billed); tokens_* are OpenRouter's
    // normalized counts. The activity CSV has only tokens_*, but prefer native ones where an export has them.
    const col = (name: string) => (header.includes(`native_${name}`) ? `native_${name}` : name);
    const promptCol = col('tokens_prompt');
    const completionCol = col('tokens_completion');
    const cachedCol = col('tokens_cached');
    return (fields) => guard((): RowOutcome => {
      if (fields.every((f) => isBlank(f))) return { kind: 'skip', reason: 'empty row' };
      const id = text(cell(fields, 'generation_id'));
      if (!id) throw new ValueError('generation_id is missing');
      const occurredAt = time(cell(fields, 'created_at'), 'created_at');
      // OpenAI semantics: prompt includes cached, completion includes reasoning; neither is added again.
      const input = count(cell(fields, promptCol), promptCol);
      const cached = count(cell(fields, cachedCol), cachedCol);
      const output = count(cell(fields, completionCol), completionCol);
      if (cached > input) throw new ValueError(`${cachedCol} (${cached}) exceeds ${promptCol} (${input})`);
      const model = text(cell(fields, 'model_permaslug')) || text(cell(fields, 'model'));
      return {
        kind: 'records',
        records: [record({
          occurredAt,
          granularity: 'request',
          providerId: 'openrouter',
          rawModel: model || '(unattributed)',
          // OpenRouter has no projects; the calling app (X-Title / referer) is the closest grouping.
          project: text(cell(fields, 'app_name')),
          apiKey: text(cell(fields, 'api_key_name')),
          userRef: text(cell(fields, 'user')),
          requests: 1,
          inputTokens: input,
          cachedInputTokens: cached,
          outputTokens: output,
          // What OpenRouter charged in credits; for BYOK requests the upstream bill (byok_usage_inference) is
          // paid to the provider directly and is not included.
          reportedCostUsd: money(cell(fields, 'cost_total'), 'cost_total'),
          keyExtra: id,
        })],
      };
    });
  },
};

/**
 * The per-day per-model activity export: `Date,Slug,Usage,BYOK Usage,Requests[,Prompt Tokens,Completion Tokens,
 * Reasoning Tokens]`, all quoted, Date like `2026-05-12 00:00:00`. Usage is dollars. Token columns are read when
 * present (completion already includes reasoning).
 */
export const openrouterDaily: CsvFormat = {
  id: 'openrouter-daily',
  label: 'OpenRouter daily usage by model (CSV)',
  family: 'openrouter-daily',
  kind: 'csv',
  detect(header) {
    if (!header.includes('slug') || !header.includes('usage')) return 0;
    if (header.includes('date') && header.includes('requests')) return header.includes('byok usage') ? 0.95 : 0.9;
    return 0.4;
  },
  start(header) {
    const cell = cellReader(header);
    return (fields) => guard((): RowOutcome => {
      const occurredAt = time(cell(fields, 'date'), 'Date');
      const cost = money(cell(fields, 'usage'), 'Usage');
      const requests = count(cell(fields, 'requests'), 'Requests');
      const input = count(cell(fields, 'prompt tokens'), 'Prompt Tokens');
      const output = count(cell(fields, 'completion tokens'), 'Completion Tokens');
      const byok = money(cell(fields, 'byok usage'), 'BYOK Usage');
      const slug = text(cell(fields, 'slug'));
      const zero = (v: string | null) => v === null || /^0(\.0*)?$/.test(v);
      if (requests + input + output === 0 && zero(cost) && zero(byok)) return { kind: 'skip', reason: 'empty bucket' };
      return {
        kind: 'records',
        records: [record({
          occurredAt,
          granularity: 'day',
          providerId: 'openrouter',
          rawModel: slug || '(unattributed)',
          requests,
          inputTokens: input,
          outputTokens: output,
          reportedCostUsd: cost,
        })],
      };
    });
  },
};

export const OPENROUTER_FORMATS: UsageFormat[] = [openrouterLogs, openrouterDaily];
