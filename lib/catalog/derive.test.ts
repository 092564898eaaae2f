import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CATALOG } from '@/db/seed/catalog';
import { importLiteLLMPriceMap, unmappedLiteLLMKeys } from '@/lib/pricing/litellm';
import { deriveCatalog, mergeDerived, modelPart } from './derive';
import { aliasRowsFor, createResolver } from './resolve';

const sheet = (f: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../db/seed/data', f), 'utf8'));
const curated = { models: CATALOG, aliases: aliasRowsFor(CATALOG) };

/** Import, derive entries for what no curated model claims, import again with them: what the seed does. */
function priced(file: string, effectiveFrom: string) {
  const json = sheet(file);
  const first = importLiteLLMPriceMap(json, curated, { effectiveFrom });
  const derived = mergeDerived([deriveCatalog(unmappedLiteLLMKeys(json, first.unmapped), createResolver(curated.aliases), file)]);
  const all = [...CATALOG, ...derived.models];
  const second = importLiteLLMPriceMap(json, { models: all, aliases: [...aliasRowsFor(all), ...derived.aliases.map((a) => ({ ...a, rank: 100 }))] }, { effectiveFrom });
  return { first, second, derived, price: (m: string, p: string) => second.rows.find((r) => r.modelId === m && r.providerId === p) };
}

describe('catalog entries derived from the price sheets', () => {
  test.each([
    // `openai/`, `anthropic/` read as provider prefixes: the vendor then comes from the name.
    ['openrouter/openai/gpt-oss-120b', 'gpt-oss-120b', null],
    ['fireworks_ai/accounts/fireworks/models/gpt-oss-120b', 'gpt-oss-120b', null],
    ['bedrock/us-east-1/openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 'openai'],
    ['us.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6', 'anthropic'],
    ['openrouter/anthropic/claude-opus-4.6', 'claude-opus-4-6', null],
    ['vertex_ai/claude-opus-4-6@20260205', 'claude-opus-4-6-20260205', null],
    ['deepinfra/meta-llama/Llama-2-70b-chat-hf', 'llama-2-70b-chat-hf', 'meta-llama'],
  ])('%s is the model %s (org %s)', (key, name, org) => {
    expect(modelPart(key)).toEqual({ name, org });
  });

  const late = priced('litellm-model-prices-2026-07-24.json', '2026-07-24');
  test.each([
    ['claude-opus-4-6', 'anthropic', '5', '25'],
    ['claude-opus-5', 'anthropic', '5', '25'],
    ['gpt-oss-120b', 'openrouter', '0.18', '0.8'],
  ])('the 2026-07-24 sheet prices %s on %s at %s / %s USD per 1M', (m, p, i, o) => {
    expect(late.first.rows.some((r) => r.modelId === m)).toBe(false);
    expect(late.price(m, p)).toMatchObject({ inputPerMtok: i, outputPerMtok: o });
  });

  const early = priced('litellm-model-prices-2024-06-17.json', '2024-06-17');
  test.each([
    ['gpt-3.5-turbo-16k', '3', '4'], ['gpt-3.5-turbo-instruct', '1.5', '2'], ['gpt-4-32k', '60', '120'], ['gpt-4-vision-preview', '10', '30'],
  ])('tokencost\'s test model %s is priced on OpenAI in the 2024-06-17 sheet (%s / %s USD per 1M)', (m, i, o) => {
    expect(early.price(m, 'openai')).toMatchObject({ inputPerMtok: i, outputPerMtok: o });
  });

  test('vendor, family and open weights come from the keys; no size or release date is claimed', () => {
    const m = late.derived.models.find((x) => x.id === 'gpt-oss-120b')!;
    expect(m).toMatchObject({ vendor: 'OpenAI', family: 'gpt-oss', openWeights: true, paramsB: null, releasedOn: null });
    expect(m.source).toMatch(/^derived from litellm-model-prices-2026-07-24.json: /);
    expect(late.derived.models.find((x) => x.id === 'claude-opus-5')).toMatchObject({ vendor: 'Anthropic', openWeights: false });
  });

  test('every key a sheet prices on a tracked provider maps to a model once derived; curated names are never taken', () => {
    for (const s of [early, late]) {
      // Only size buckets (`fireworks-ai-4.1b-to-16b`) are left: they price whatever fits them, not a model of their name.
      expect(s.second.unmapped.filter((k) => !/^fireworks-ai-/.test(k))).toEqual([]);
      const ids = new Set(CATALOG.map((m) => m.id));
      expect(s.derived.models.filter((m) => ids.has(m.id))).toEqual([]);
    }
    expect(late.derived.models.map((m) => m.id).filter((id) => /^(fireworks|together)-ai-/.test(id))).toEqual([]);
  });
});
