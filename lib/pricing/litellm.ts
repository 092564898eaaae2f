import type { DeriveKey } from '@/lib/catalog/derive';
import type { AliasRow } from '@/lib/catalog/resolve';
import { createResolver } from '@/lib/catalog/resolve';
import { parseDecimal, toDecimalString } from '@/lib/money';
import type { PriceImport, PriceRow, SkippedKey } from './types';

/**
 * Importer for LiteLLM's `model_prices_and_context_window.json` (any version): USD per token → per 1M,
 * provider from `litellm_provider`, keys resolved to catalog models through the aliases. Together AI prices
 * open models by size tier (`together-ai-41.1b-80b`); a tier price applies to every open-weights catalog model
 * of that size (in the families Together hosts, released by the sheet's date) not priced explicitly on Together.
 */

const PROVIDER_MAP: Record<string, string> = {
  openai: 'openai', 'text-completion-openai': 'openai', azure: 'azure', azure_ai: 'azure',
  anthropic: 'anthropic', bedrock: 'bedrock', bedrock_converse: 'bedrock', together_ai: 'together_ai',
  groq: 'groq', fireworks_ai: 'fireworks_ai', deepinfra: 'deepinfra', mistral: 'mistral', cohere: 'cohere',
  cohere_chat: 'cohere', gemini: 'google', openrouter: 'openrouter', perplexity: 'perplexity',
  anyscale: 'anyscale', replicate: 'replicate', deepseek: 'deepseek', xai: 'xai',
};

export function mapLiteLLMProvider(litellmProvider: string): string | null {
  if (PROVIDER_MAP[litellmProvider]) return PROVIDER_MAP[litellmProvider]!;
  if (litellmProvider.startsWith('vertex_ai')) return 'vertex_ai';
  return null;
}

type Entry = Record<string, unknown>;
type ModelInfo = { id: string; vendor?: string; openWeights: boolean; paramsB: number | null; releasedOn?: string | null };

/** Together's size tiers cover the open families it hosts; other open weights (Command R, …) it never served. */
const TOGETHER_TIER_VENDORS = new Set(['Meta', 'Mistral', 'Alibaba']);

/**
 * Entries a sheet states that are known not to be the per-token list price, kept out with the reason rather
 * than charting a model many times too cheap. Vertex AI billed Gemini 1.x per character until October 2024, and
 * LiteLLM's per-token figures for them then are the per-character price divided by four; and mid-2024 LiteLLM
 * listed Gemini 1.5 Pro at Flash's price.
 */
const KNOWN_BAD: { provider: RegExp; key: RegExp; before: string; reason: string }[] = [
  {
    provider: /^vertex_ai-language-models$/, key: /^gemini-1\./, before: '2024-10-09',
    reason: 'Vertex AI billed Gemini 1.x per character before 2024-10-09; the sheet\'s per-token figure is not comparable',
  },
  {
    provider: /^gemini$/, key: /^gemini\/gemini-1\.5-pro(-latest)?$/, before: '2024-10-01',
    reason: 'the sheet lists Gemini 1.5 Pro at Gemini 1.5 Flash\'s price ($0.35/$1.05); Google\'s list price was $3.50/$10.50 up to 128k tokens',
  },
];

const TIER = /^together-ai-(?:up-to-(\d+(?:\.\d+)?)b|(\d+(?:\.\d+)?)b-(\d+(?:\.\d+)?)b)$/;

function perMtok(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'number' && typeof v !== 'string') return null;
  return toDecimalString(parseDecimal(v).times(1_000_000));
}

export function importLiteLLMPriceMap(
  json: unknown,
  catalog: { models: readonly ModelInfo[]; aliases: readonly AliasRow[] },
  opts: { effectiveFrom?: string } = {},
): PriceImport {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error('not a LiteLLM price map: expected a JSON object keyed by model name');
  }
  const resolve = createResolver(catalog.aliases);
  const releasedOn = new Map(catalog.models.map((m) => [m.id, m.releasedOn ?? null]));
  const skipped: SkippedKey[] = [];
  const unmapped: string[] = [];
  // Several keys may price the same (model, provider): keep the most canonical (exact alias, lowest rank, shortest key).
  const best = new Map<string, { row: PriceRow; score: [number, number, number] }>();
  const tiers: { lo: number; hi: number; key: string; input: string; output: string }[] = [];

  for (const [key, raw] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'sample_spec' || !raw || typeof raw !== 'object') continue;
    const e = raw as Entry;
    const mode = typeof e.mode === 'string' ? e.mode : 'chat';
    if (mode !== 'chat' && mode !== 'completion' && mode !== 'responses') { skipped.push({ key, reason: `mode ${mode}` }); continue; }
    const input = perMtok(e.input_cost_per_token);
    const output = perMtok(e.output_cost_per_token);
    if (input === null || output === null) { skipped.push({ key, reason: 'no per-token price' }); continue; }
    if (input === '0' && output === '0') { skipped.push({ key, reason: 'zero price' }); continue; }
    if (output === '0') { skipped.push({ key, reason: 'output price is zero (incomplete entry)' }); continue; }
    const litellmProvider = String(e.litellm_provider ?? '');
    const bad = KNOWN_BAD.find((b) => b.provider.test(litellmProvider) && b.key.test(key) && (!opts.effectiveFrom || opts.effectiveFrom < b.before));
    if (bad) { skipped.push({ key, reason: bad.reason }); continue; }
    const provider = mapLiteLLMProvider(String(e.litellm_provider ?? ''));
    if (!provider) { skipped.push({ key, reason: `provider not tracked: ${String(e.litellm_provider ?? 'none')}` }); continue; }

    const tier = provider === 'together_ai' ? TIER.exec(key) : null;
    if (tier) {
      const lo = tier[1] ? 0 : Number(tier[2]) - 0.1;
      const hi = Number(tier[1] ?? tier[3]);
      tiers.push({ lo, hi, key, input, output });
      continue;
    }
    // An undated name that moved (`gpt-4o`) is read as what it meant on the sheet's date (the model's periods).
    const hit = resolve(key, opts.effectiveFrom);
    if (!hit) { unmapped.push(key); skipped.push({ key, reason: 'no catalog model' }); continue; }
    // A name without periods that points at a snapshot newer than the sheet priced something older: not that snapshot.
    const released = releasedOn.get(hit.modelId);
    if (opts.effectiveFrom && released && released > opts.effectiveFrom) {
      skipped.push({ key, reason: `${hit.modelId} was released ${released}, after this sheet` });
      continue;
    }
    const row: PriceRow = {
      modelId: hit.modelId, providerId: provider, inputPerMtok: input, outputPerMtok: output,
      cachedInputPerMtok: perMtok(e.cache_read_input_token_cost),
      batchInputPerMtok: perMtok(e.input_cost_per_token_batches),
      batchOutputPerMtok: perMtok(e.output_cost_per_token_batches),
      currency: 'USD', sourceKey: key,
    };
    const score: [number, number, number] = [hit.exact ? 0 : 1, hit.rank, key.length];
    const k = `${hit.modelId}\u0000${provider}`;
    const prev = best.get(k);
    if (!prev || compare(score, prev.score) < 0) {
      if (prev) skipped.push({ key: prev.row.sourceKey, reason: `superseded by ${key}` });
      best.set(k, { row, score });
    } else {
      skipped.push({ key, reason: `superseded by ${prev.row.sourceKey}` });
    }
  }

  for (const m of catalog.models) {
    if (!m.openWeights || m.paramsB === null || best.has(`${m.id}\u0000together_ai`)) continue;
    if (m.vendor && !TOGETHER_TIER_VENDORS.has(m.vendor)) continue;
    // A sheet cannot price a model released after it.
    if (opts.effectiveFrom && m.releasedOn && m.releasedOn > opts.effectiveFrom) continue;
    const t = tiers.find((x) => m.paramsB! > x.lo && m.paramsB! <= x.hi);
    if (!t) continue;
    best.set(`${m.id}\u0000together_ai`, {
      row: {
        modelId: m.id, providerId: 'together_ai', inputPerMtok: t.input, outputPerMtok: t.output,
        cachedInputPerMtok: null, batchInputPerMtok: null, batchOutputPerMtok: null, currency: 'USD', sourceKey: t.key,
      },
      score: [2, 0, 0],
    });
  }

  const rows = [...best.values()].map((b) => b.row).sort((a, b) => a.modelId.localeCompare(b.modelId) || a.providerId.localeCompare(b.providerId));
  return { rows, skipped, unmapped };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The keys an import could not map, as lib/catalog/derive.ts reads them (provider, context window). */
export function unmappedLiteLLMKeys(json: unknown, unmapped: readonly string[]): DeriveKey[] {
  const map = json as Record<string, Entry>;
  return unmapped.map((key) => {
    const e = map[key] ?? {};
    const ctx = typeof e.max_input_tokens === 'number' ? e.max_input_tokens : null;
    return { key, provider: mapLiteLLMProvider(String(e.litellm_provider ?? '')) ?? '', contextWindow: ctx };
  });
}
