import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { aliasRowsFor } from '@/lib/catalog/resolve';
import { importLiteLLMPriceMap } from './litellm';

const fixture = (f: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../db/seed/data', f), 'utf8'));

const models = [
  { id: 'gpt-3.5-turbo-0125', openWeights: false, paramsB: null, aliases: ['gpt-3.5-turbo'] },
  { id: 'gpt-4o-2024-05-13', openWeights: false, paramsB: null, aliases: ['gpt-4o'] },
  { id: 'llama-3-70b-instruct', openWeights: true, paramsB: 70, aliases: ['llama3-70b-8192', 'meta-llama/Meta-Llama-3-70B-Instruct', 'meta.llama3-70b-instruct-v1:0', '*meta.llama3-70b-instruct-v1:0'] },
  { id: 'llama-3-8b-instruct', openWeights: true, paramsB: 8, aliases: ['llama3-8b-8192'] },
  { id: 'mixtral-8x22b-instruct', openWeights: true, paramsB: 141, aliases: ['open-mixtral-8x22b'] },
];
const catalog = { models, aliases: aliasRowsFor(models) };

describe('LiteLLM price map importer', () => {
  const sheet = importLiteLLMPriceMap(fixture('litellm-model-prices-2024-06-17.json'), catalog);
  const price = (model: string, provider: string) => sheet.rows.find((r) => r.modelId === model && r.providerId === provider);

  test('GPT-3.5 Turbo 0125 costs $0.50 / $1.50 per 1M on 2024-06-17 (dated key beats the stale plain alias)', () => {
    expect(price('gpt-3.5-turbo-0125', 'openai')).toMatchObject({ inputPerMtok: '0.5', outputPerMtok: '1.5', sourceKey: 'gpt-3.5-turbo-0125' });
    expect(sheet.skipped).toContainEqual({ key: 'gpt-3.5-turbo', reason: 'superseded by gpt-3.5-turbo-0125' });
  });

  test.each([
    ['groq', '0.64', '0.8', 'groq/llama3-70b-8192'],
    ['deepinfra', '0.59', '0.79', 'deepinfra/meta-llama/Meta-Llama-3-70B-Instruct'],
    ['bedrock', '2.65', '3.5', 'meta.llama3-70b-instruct-v1:0'],
    ['together_ai', '0.9', '0.9', 'together-ai-41.1b-80b'],
  ])('Llama 3 70B on %s: $%s / $%s (from %s)', (provider, input, output, key) => {
    expect(price('llama-3-70b-instruct', provider)).toMatchObject({ inputPerMtok: input, outputPerMtok: output, sourceKey: key });
  });

  test('Together tiers skip models released after the sheet and families Together does not host', () => {
    const later = { id: 'llama-3.1-8b-instruct', vendor: 'Meta', openWeights: true, paramsB: 8, releasedOn: '2024-07-23', aliases: [] };
    const cohere = { id: 'command-r', vendor: 'Cohere', openWeights: true, paramsB: 35, releasedOn: '2024-03-11', aliases: [] };
    const all = [...models, later, cohere];
    const s2 = importLiteLLMPriceMap(fixture('litellm-model-prices-2024-06-17.json'), { models: all, aliases: aliasRowsFor(all) }, { effectiveFrom: '2024-06-17' });
    expect(s2.rows.filter((r) => r.providerId === 'together_ai').map((r) => r.modelId)).not.toContain('llama-3.1-8b-instruct');
    expect(s2.rows.filter((r) => r.providerId === 'together_ai').map((r) => r.modelId)).not.toContain('command-r');
  });

  test('an undated alias does not give an older sheet\'s price to a later snapshot', () => {
    const ms = [
      { id: 'gpt-4o-2024-05-13', openWeights: false, paramsB: null, releasedOn: '2024-05-13', aliases: [] },
      { id: 'gpt-4o-2024-08-06', openWeights: false, paramsB: null, releasedOn: '2024-08-06', aliases: ['gpt-4o'] },
    ];
    const s4 = importLiteLLMPriceMap(fixture('litellm-model-prices-2024-06-17.json'), { models: ms, aliases: aliasRowsFor(ms) }, { effectiveFrom: '2024-06-17' });
    expect([...new Set(s4.rows.map((r) => r.modelId))]).toEqual(['gpt-4o-2024-05-13']);
    expect(s4.skipped).toContainEqual({ key: 'gpt-4o', reason: 'gpt-4o-2024-08-06 was released 2024-08-06, after this sheet' });
  });

  test('Vertex AI Gemini 1.x per-character prices of 2024 are kept out, with the reason', () => {
    const gem = [{ id: 'gemini-1.5-flash-001', vendor: 'Google', openWeights: false, paramsB: null, aliases: ['gemini-1.5-flash-latest'] }];
    const s3 = importLiteLLMPriceMap(fixture('litellm-model-prices-2024-06-17.json'), { models: gem, aliases: aliasRowsFor(gem) }, { effectiveFrom: '2024-06-17' });
    expect(s3.rows).toEqual([expect.objectContaining({ providerId: 'google', inputPerMtok: '0.35', outputPerMtok: '1.05' })]);
    expect(s3.skipped.find((x) => x.key === 'gemini-1.5-flash-001')?.reason).toMatch(/per character/);
  });

  test('Together size tiers price open models by parameter count, and only those', () => {
    expect(price('llama-3-8b-instruct', 'together_ai')).toMatchObject({ inputPerMtok: '0.2', sourceKey: 'together-ai-4.1b-8b' });
    expect(price('mixtral-8x22b-instruct', 'together_ai')).toBeUndefined();
    expect(price('gpt-4o-2024-05-13', 'together_ai')).toBeUndefined();
  });

  test('non-chat modes are skipped with a reason; unknown chat keys are listed as unmapped', () => {
    expect(sheet.skipped.find((s) => s.key === 'text-embedding-3-large')?.reason).toBe('mode embedding');
    expect(sheet.unmapped).toContain('claude-3-opus-20240229');
  });

  test('the 2026 sheet prices Llama 3 70B on Fireworks; Groq no longer lists it', () => {
    const newer = importLiteLLMPriceMap(fixture('litellm-model-prices-2026-07-24.json'), catalog);
    const row = (p: string) => newer.rows.find((r) => r.modelId === 'llama-3-70b-instruct' && r.providerId === p);
    expect(row('fireworks_ai')).toBeUndefined(); // not aliased in this small test catalog
    expect(row('bedrock')).toMatchObject({ inputPerMtok: '2.65', outputPerMtok: '3.5' });
    expect(row('groq')).toBeUndefined();
  });

  test('cached-input and batch prices come along; all-zero prices are skipped', () => {
    const sheet2 = importLiteLLMPriceMap({
      'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5, cache_read_input_token_cost: 1.25e-6, input_cost_per_token_batches: 1.25e-6, output_cost_per_token_batches: 5e-6 },
      'vertex_ai/meta/llama3-70b-instruct-maas': { litellm_provider: 'vertex_ai-llama_models', mode: 'chat', input_cost_per_token: 0, output_cost_per_token: 0 },
    }, { models, aliases: [...catalog.aliases, { pattern: 'meta/llama3-70b-instruct-maas', modelId: 'llama-3-70b-instruct', rank: 9 }] });
    expect(sheet2.rows).toEqual([{
      modelId: 'gpt-4o-2024-05-13', providerId: 'openai', inputPerMtok: '2.5', outputPerMtok: '10', cachedInputPerMtok: '1.25',
      batchInputPerMtok: '1.25', batchOutputPerMtok: '5', currency: 'USD', sourceKey: 'gpt-4o',
    }]);
    expect(sheet2.skipped).toContainEqual({ key: 'vertex_ai/meta/llama3-70b-instruct-maas', reason: 'zero price' });
  });

  test('rejects what is not a price map', () => {
    expect(() => importLiteLLMPriceMap([1, 2], catalog)).toThrow(/not a LiteLLM price map/);
  });
});

describe('names that moved, read on the sheet\'s date', () => {
  test('the 2024-06-17 sheet\'s gpt-4o is what gpt-4o meant then (2024-05-13), not a later snapshot skipped', () => {
    const ms = [
      { id: 'gpt-4o-2024-05-13', openWeights: false, paramsB: null, releasedOn: '2024-05-13', aliases: [] },
      { id: 'gpt-4o-2024-08-06', openWeights: false, paramsB: null, releasedOn: '2024-08-06', aliases: ['gpt-4o'] },
    ];
    const periods = [
      { pattern: 'gpt-4o', modelId: 'gpt-4o-2024-05-13', rank: 0, from: '2024-05-13' },
      { pattern: 'gpt-4o', modelId: 'gpt-4o-2024-08-06', rank: 0, from: '2024-10-02' },
    ];
    const s = importLiteLLMPriceMap(fixture('litellm-model-prices-2024-06-17.json'), { models: ms, aliases: [...aliasRowsFor(ms), ...periods] }, { effectiveFrom: '2024-06-17' });
    expect(s.rows.filter((r) => r.providerId === 'openai')).toEqual([expect.objectContaining({ modelId: 'gpt-4o-2024-05-13', inputPerMtok: '5', outputPerMtok: '15' })]);
    expect(s.skipped).toContainEqual({ key: 'gpt-4o', reason: 'superseded by gpt-4o-2024-05-13' });
  });
});
