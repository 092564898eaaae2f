import { PROVIDERS } from '@/lib/catalog/types';
import type { AliasRow } from '@/lib/catalog/resolve';
import { createResolver, normalizeModelString } from '@/lib/catalog/resolve';
import { parseCsv } from '@/lib/csv';
import type { Dec } from '@/lib/money';
import { parseDecimal, toDecimalString } from '@/lib/money';
import { mapLiteLLMProvider } from './litellm';
import type { PriceRow } from './types';

/**
 * Importer for a price sheet kept as CSV, USD per 1M tokens:
 *   `model,provider,input_per_mtok,output_per_mtok,cached_input_per_mtok,effective_from[,currency]`
 * (header case-insensitive, any order; cached and currency optional; batch_input_per_mtok / batch_output_per_mtok
 * are read too when present), or the reference layout of fixtures/prices/api-prices-2024.csv:
 *   `model,provider,litellm_key,usd_per_1m_input,usd_per_1m_output,max_input_tokens,price_date,source`.
 * One CSV may carry several dates; it becomes one sheet per date. Every row is kept or rejected with its line and
 * every reason it failed, so a person can fix the file in one pass.
 */

export type PriceCsvImport = {
  sheets: { effectiveFrom: string; rows: PriceRow[] }[];
  rejects: { line: number; reason: string }[];
  /** Model names (as written) that match no catalog model: candidates for new aliases. */
  unmapped: string[];
};

export class PriceCsvFormatError extends Error {}

/** Each field and the header names that carry it, first the canonical one. */
const COLUMNS = {
  model: ['model'],
  provider: ['provider'],
  litellmKey: ['litellm_key'],
  input: ['input_per_mtok', 'usd_per_1m_input'],
  output: ['output_per_mtok', 'usd_per_1m_output'],
  cached: ['cached_input_per_mtok', 'usd_per_1m_cached_input'],
  batchInput: ['batch_input_per_mtok'],
  batchOutput: ['batch_output_per_mtok'],
  date: ['effective_from', 'price_date'],
  currency: ['currency'],
} as const;
type Field = keyof typeof COLUMNS;

/**
 * Provider names people write, normalized (lower case, runs of space, `-` and `.` as `_`), to PROVIDERS ids.
 * Frontier's own ids, their display names and LiteLLM's provider slugs are accepted as well (see providerId).
 */
const PROVIDER_ALIASES: Record<string, string> = {
  together: 'together_ai', togetherai: 'together_ai', together_computer: 'together_ai',
  fireworks: 'fireworks_ai', fireworksai: 'fireworks_ai',
  aws: 'bedrock', aws_bedrock: 'bedrock', amazon_bedrock: 'bedrock', bedrock_converse: 'bedrock',
  gemini: 'google', google_ai: 'google', google_ai_studio: 'google', gemini_api: 'google', google_gemini: 'google',
  vertex: 'vertex_ai', vertexai: 'vertex_ai', google_vertex: 'vertex_ai', google_vertex_ai: 'vertex_ai', gcp: 'vertex_ai',
  azure_openai: 'azure', azure_ai: 'azure', microsoft_azure: 'azure',
  mistral_ai: 'mistral', mistralai: 'mistral', deep_infra: 'deepinfra', x_ai: 'xai', grok: 'xai',
  self_host: 'self_hosted', selfhosted: 'self_hosted',
};
const PROVIDER_IDS = new Set<string>(PROVIDERS.map((p) => p.id));
for (const p of PROVIDERS) PROVIDER_ALIASES[normalizeProvider(p.name)] ??= p.id;

/** Lower case, a trailing note in parentheses dropped (`bedrock (us-east-1/us-west-2)`), separators as `_`. */
function normalizeProvider(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s*\([^)]*\)\s*$/, '').trim().replace(/[\s.\-]+/g, '_');
}

/** Frontier's provider id for a provider as a sheet writes it, or null when it is not one Frontier tracks. */
export function providerId(raw: string): string | null {
  const key = normalizeProvider(raw);
  if (!key) return null;
  if (PROVIDER_IDS.has(key)) return key;
  if (PROVIDER_ALIASES[key]) return PROVIDER_ALIASES[key]!;
  // LiteLLM slugs keep their hyphens (`text-completion-openai`, `vertex_ai-language-models`).
  const slug = raw.trim().toLowerCase().replace(/\s*\([^)]*\)\s*$/, '');
  const viaLiteLLM = mapLiteLLMProvider(slug) ?? mapLiteLLMProvider(key);
  return viaLiteLLM && PROVIDER_IDS.has(viaLiteLLM) ? viaLiteLLM : null;
}

function tryDecimal(raw: string): Dec | null {
  try { return parseDecimal(raw); } catch { return null; }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Null when `s` is a real calendar day written YYYY-MM-DD, else why not. */
export function dateProblem(s: string): string | null {
  const m = ISO_DATE.exec(s);
  if (!m) return 'is not a YYYY-MM-DD date';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2024-02-30 over to March: a round trip that changes the day means the day does not exist.
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return 'does not exist';
  return null;
}

function headerIndex(header: string[]): Record<Field, number> {
  const keys = header.map((h) => h.trim().toLowerCase());
  const idx = {} as Record<Field, number>;
  for (const [field, names] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
    const found = names.filter((n) => keys.includes(n));
    if (found.length > 1) throw new PriceCsvFormatError(`columns ${found.map((f) => `"${f}"`).join(' and ')} both give the ${field} price or field: keep one`);
    idx[field] = found[0] === undefined ? -1 : keys.indexOf(found[0]);
  }
  return idx;
}

export function importPriceCsv(
  text: string,
  catalog: { models: readonly { id: string }[]; aliases: readonly AliasRow[] },
  opts: { effectiveFrom?: string } = {},
): PriceCsvImport {
  if (opts.effectiveFrom !== undefined) {
    const bad = dateProblem(opts.effectiveFrom);
    if (bad) throw new RangeError(`effectiveFrom "${opts.effectiveFrom}" ${bad}`);
  }
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) throw new PriceCsvFormatError('empty price sheet: expected a header row');
  const col = headerIndex(header.fields);
  const missing = (['model', 'provider', 'input', 'output'] as const).filter((f) => col[f] < 0).map((f) => COLUMNS[f][0]);
  if (missing.length > 0) {
    throw new PriceCsvFormatError(
      `not a price sheet: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected model,provider,input_per_mtok,output_per_mtok,cached_input_per_mtok,effective_from[,currency])`,
    );
  }
  if (col.date < 0 && opts.effectiveFrom === undefined) {
    throw new PriceCsvFormatError('no effective_from (or price_date) column and no effective date given for the sheet');
  }

  const resolve = createResolver(catalog.aliases);
  const modelIds = new Set(catalog.models.map((m) => m.id));
  const findModel = (raw: string): string | null => {
    if (!raw) return null;
    const norm = normalizeModelString(raw);
    if (modelIds.has(norm)) return norm;
    const hit = resolve(raw);
    return hit && modelIds.has(hit.modelId) ? hit.modelId : null;
  };

  const byDate = new Map<string, PriceRow[]>();
  const seen = new Map<string, number>();
  const rejects: PriceCsvImport['rejects'] = [];
  const unmapped = new Set<string>();

  for (const { line, fields } of rows) {
    const cell = (f: Field): string => (col[f] < 0 ? '' : (fields[col[f]] ?? '').trim());
    // A spreadsheet saved as CSV often ends in rows of empty cells: nothing to import, nothing to reject.
    if (fields.every((f) => f.trim() === '')) continue;
    const reasons: string[] = [];

    const rawModel = cell('model');
    const rawKey = cell('litellmKey');
    // The model column is the name a person reads; the LiteLLM key is the fallback when it is annotated
    // (`gpt-4o (alias, current)`) or a display name the catalog does not alias.
    const modelId = findModel(rawModel) ?? findModel(rawKey);
    if (!modelId) {
      const name = rawModel || rawKey;
      if (name) { unmapped.add(name); reasons.push(`unknown model "${name}"`); } else reasons.push('no model');
    }

    const rawProvider = cell('provider');
    const provider = providerId(rawProvider);
    if (!provider) reasons.push(rawProvider ? `unknown provider "${rawProvider}"` : 'no provider');

    const price = (f: Field, label: string, required: boolean): string | null => {
      const raw = cell(f);
      if (raw === '') { if (required) reasons.push(`no ${label} price`); return null; }
      const d = tryDecimal(raw);
      if (!d) { reasons.push(`${label} price "${raw}" is not a number`); return null; }
      if (d.isNeg()) { reasons.push(`${label} price ${raw} is negative`); return null; }
      return toDecimalString(d);
    };
    const input = price('input', 'input', true);
    const output = price('output', 'output', true);
    const cached = price('cached', 'cached input', false);
    const batchInput = price('batchInput', 'batch input', false);
    const batchOutput = price('batchOutput', 'batch output', false);

    const rawCurrency = cell('currency');
    if (rawCurrency && rawCurrency.toUpperCase() !== 'USD') reasons.push(`currency "${rawCurrency}" is not supported: only USD prices are accepted`);

    // A date the row states is more specific than the one given for the whole upload; that one fills gaps.
    const date = cell('date') || opts.effectiveFrom || '';
    const dateBad = date ? dateProblem(date) : 'is missing';
    if (dateBad) reasons.push(date ? `effective date "${date}" ${dateBad}` : 'no effective date');

    if (reasons.length > 0 || !modelId || !provider || input === null || output === null) {
      rejects.push({ line, reason: reasons.join('; ') });
      continue;
    }
    const k = `${modelId}\u0000${provider}\u0000${date}`;
    const first = seen.get(k);
    if (first !== undefined) {
      rejects.push({ line, reason: `duplicate: line ${first} already prices ${modelId} on ${provider} from ${date}` });
      continue;
    }
    seen.set(k, line);
    const row: PriceRow = {
      modelId, providerId: provider, inputPerMtok: input, outputPerMtok: output, cachedInputPerMtok: cached,
      batchInputPerMtok: batchInput, batchOutputPerMtok: batchOutput, currency: 'USD', sourceKey: `csv:${line}`,
    };
    const sheet = byDate.get(date);
    if (sheet) sheet.push(row); else byDate.set(date, [row]);
  }

  const sheets = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([effectiveFrom, r]) => ({ effectiveFrom, rows: r }));
  return { sheets, rejects, unmapped: [...unmapped] };
}
