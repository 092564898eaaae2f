import type { CsvFormat, RowOutcome } from '../types';
import { count, guard, headerIndex, money, record, text, time, ValueError } from '../values';

/**
 * Anthropic Console (console.anthropic.com / platform.claude.com → Usage / Cost → Export) CSVs.
 * Both carry names, not ids: `workspace` and `api_key` are what the person named them, and the cost export's
 * `model` is a display name (`Claude Haiku 4.5`). Dates are UTC: `YYYY-MM-DD` (daily) or `YYYY-MM-DD HH:MM` (hourly).
 */

/** Reads a cell by column name; a column the file lacks reads as undefined (blank). */
function cellReader(header: string[]) {
  const idx = headerIndex(header);
  return (fields: string[], name: string): string | undefined => {
    const i = idx(name);
    return i < 0 ? undefined : fields[i];
  };
}

/** The console writes `YYYY-MM-DD HH:MM` for hourly exports and a bare date for daily ones. */
function consoleDate(v: string | undefined): { occurredAt: Date; granularity: 'hour' | 'day' } {
  const occurredAt = time(v, 'usage_date_utc');
  return { occurredAt, granularity: /\d:\d\d/.test(v ?? '') ? 'hour' : 'day' };
}

/**
 * Values a dimension takes when the export had no such column yet (older Console exports lacked context_window,
 * inference_geo and speed; an Admin API dump has only the dimensions it was grouped by). Leaving them out of the
 * identity keeps two exports of the same usage on the same key; any other value still splits the bucket.
 */
const DEFAULT_DIMS: Record<string, string[]> = {
  usage_type: ['standard', 'message'],
  service_tier: ['standard'],
  context_window: ['≤ 200k', '<= 200k', '0-200k'],
  inference_geo: ['not_available'],
};

/** `name=value` pairs of the non-blank, non-default dimensions, `|`-joined; undefined when none. */
export function dimensionKey(pairs: [string, unknown][], always: string[] = []): string | undefined {
  const parts: string[] = [];
  for (const [name, raw] of pairs) {
    const v = text(raw);
    if (!v) continue;
    if (!always.includes(name) && DEFAULT_DIMS[name]?.includes(v.toLowerCase())) continue;
    parts.push(`${name}=${v}`);
  }
  return parts.length ? parts.join('|') : undefined;
}

export const anthropicConsoleTokens: CsvFormat = {
  id: 'anthropic-console-tokens',
  label: 'Anthropic Console token usage export (CSV)',
  family: 'anthropic-usage',
  kind: 'csv',
  detect(header) {
    if (!header.includes('usage_date_utc')) return 0;
    if (header.includes('usage_input_tokens_no_cache')) return 0.95;
    // A token-only variant without the cache columns was seen; still unmistakably the console export.
    if (header.some((h) => h.startsWith('usage_input_tokens') || h === 'usage_output_tokens')) return 0.9;
    return 0.2;
  },
  start(header) {
    const cell = cellReader(header);
    const hasNoCache = header.includes('usage_input_tokens_no_cache');
    return (fields) => guard((): RowOutcome => {
      const when = consoleDate(cell(fields, 'usage_date_utc'));
      // The token-only variant names plain input `usage_input_tokens`; it is the uncached input either way.
      const noCacheCol = hasNoCache ? 'usage_input_tokens_no_cache' : 'usage_input_tokens';
      const noCache = count(cell(fields, noCacheCol), noCacheCol);
      const write5m = count(cell(fields, 'usage_input_tokens_cache_write_5m'), 'usage_input_tokens_cache_write_5m');
      const write1h = count(cell(fields, 'usage_input_tokens_cache_write_1h'), 'usage_input_tokens_cache_write_1h');
      const read = count(cell(fields, 'usage_input_tokens_cache_read'), 'usage_input_tokens_cache_read');
      const output = count(cell(fields, 'usage_output_tokens'), 'usage_output_tokens');
      // No tokens at all (a web-search-only row, or a bucket the console filled with zeros) is nothing to record.
      if (noCache + write5m + write1h + read + output === 0) return { kind: 'skip', reason: 'empty bucket' };
      const usageType = text(cell(fields, 'usage_type'));
      return {
        kind: 'records',
        records: [record({
          occurredAt: when.occurredAt, granularity: when.granularity,
          providerId: 'anthropic',
          rawModel: text(cell(fields, 'model_version')) || '(unattributed)',
          project: text(cell(fields, 'workspace')),
          apiKey: text(cell(fields, 'api_key')),
          // Anthropic's input excludes cache reads and writes; Frontier's includes both.
          inputTokens: noCache + write5m + write1h + read,
          cachedInputTokens: read,
          outputTokens: output,
          batch: usageType.toLowerCase() === 'batch',
          keyExtra: dimensionKey([
            ['usage_type', usageType], ['context_window', cell(fields, 'context_window')],
            ['inference_geo', cell(fields, 'inference_geo')], ['speed', cell(fields, 'speed')],
          ]),
        })],
      };
    });
  },
};

export const anthropicConsoleCost: CsvFormat = {
  id: 'anthropic-console-cost',
  label: 'Anthropic Console cost export (CSV)',
  family: 'anthropic-cost',
  kind: 'csv',
  detect(header) {
    if (!header.includes('usage_date_utc')) return 0;
    if (header.includes('token_type') && header.includes('cost_usd')) return 0.95;
    return header.includes('cost_usd') ? 0.6 : 0;
  },
  start(header) {
    const cell = cellReader(header);
    // The real export repeats rows that agree on every column but the amount (two input_cache_write_5m rows for
    // the same day, model and key): each is a separate charge, so repeats get an ordinal instead of colliding.
    // Counted per day (the export lists a day's rows together) so memory stays bounded on long files.
    let seen = new Map<string, number>();
    let day = NaN;
    return (fields) => guard((): RowOutcome => {
      const when = consoleDate(cell(fields, 'usage_date_utc'));
      // A new map, not clear(): see ordinals() in openai-dashboard.ts.
      if (when.occurredAt.getTime() !== day) { seen = new Map(); day = when.occurredAt.getTime(); }
      const cost = money(cell(fields, 'cost_usd'), 'cost_usd');
      if (cost === null) throw new ValueError('cost_usd is missing');
      const usageType = text(cell(fields, 'usage_type'));
      const model = text(cell(fields, 'model'));
      const workspace = text(cell(fields, 'workspace'));
      const apiKey = text(cell(fields, 'api_key'));
      const base = dimensionKey([
        ['cost_type', cell(fields, 'cost_type')], ['token_type', cell(fields, 'token_type')], ['usage_type', usageType],
        ['context_window', cell(fields, 'context_window')], ['inference_geo', cell(fields, 'inference_geo')],
        ['speed', cell(fields, 'speed')],
      ], ['cost_type', 'token_type']) ?? 'cost';
      const identity = [when.occurredAt.toISOString(), model, workspace, apiKey, base].join('\u0000');
      const nth = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, nth);
      return {
        kind: 'records',
        records: [record({
          occurredAt: when.occurredAt, granularity: when.granularity,
          providerId: 'anthropic',
          // A display name (`Claude Haiku 4.5`); rows such as web search carry no model at all.
          rawModel: model || '(unattributed)',
          project: workspace,
          apiKey,
          batch: usageType.toLowerCase() === 'batch',
          reportedCostUsd: cost,
          keyExtra: nth === 1 ? base : `${base}#${nth}`,
        })],
      };
    });
  },
};
