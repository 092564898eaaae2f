import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { getEloPriceView } from '@/db/queries/get-elo-price';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { seedReference } from '.';

describe.each(testEngines())('reference seed on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  test('loads the catalog, both LiteLLM sheets and three Arena snapshots; a second run adds nothing', async () => {
    const first = await seedReference(t.db);
    expect(first.skipped).toBe(false);
    expect(first.models).toBeGreaterThanOrEqual(40);
    expect(first.priceSheets.map((s) => s.name)).toEqual(['LiteLLM price map (2024-06-17)', 'LiteLLM price map (2026-07-24)']);
    expect(first.snapshots.map((s) => s.name)).toEqual(['Chatbot Arena (2024-06-19)', 'Chatbot Arena (2024-07-31)', 'LMArena text (2025-08-04)']);
    const count = async () => (await rows<{ n: number }>(t.db, sql`select (select count(*) from prices) + (select count(*) from quality_scores) + (select count(*) from models) as n`))[0]!.n;
    const before = await count();
    expect(typeof before).toBe('number'); // int8 normalized to a number on both drivers
    expect((await seedReference(t.db)).skipped).toBe(true);
    await seedReference(t.db, { force: true });
    expect(await count()).toBe(before);
  });

  test('GPT-3.5 Turbo 0125 is priced $0.50 / $1.50 on 2024-06-17 and Llama 3 70B has Elo 1207 on 2024-06-19', async () => {
    const [p] = await rows<{ input_per_mtok: string; output_per_mtok: string }>(t.db, sql`
      select p.input_per_mtok, p.output_per_mtok from prices p join price_sheets s on s.id = p.sheet_id
      where p.model_id = 'gpt-3.5-turbo-0125' and p.provider_id = 'openai' and s.effective_from = '2024-06-17'`);
    expect(p).toEqual({ input_per_mtok: '0.5000000000', output_per_mtok: '1.5000000000' });
    const [q] = await rows<{ elo: string; ci_lower: string; ci_upper: string }>(t.db, sql`
      select q.elo, q.ci_lower, q.ci_upper from quality_scores q join quality_snapshots s on s.id = q.snapshot_id
      where q.model_id = 'llama-3-70b-instruct' and s.as_of = '2024-06-19'`);
    expect(q).toEqual({ elo: '1207.000', ci_lower: '1205.000', ci_upper: '1210.000' });
  });

  test('prices cover the providers that matter for Llama 3 and the big labs', async () => {
    const providers = await rows<{ provider_id: string }>(t.db, sql`select distinct provider_id from prices order by 1`);
    expect(providers.map((r) => r.provider_id)).toEqual(expect.arrayContaining(['openai', 'anthropic', 'together_ai', 'groq', 'fireworks_ai', 'deepinfra', 'bedrock', 'mistral']));
  });

  test('the 2024 view shows what the motivating article saw', async () => {
    const view = await getEloPriceView(t.db, { elo: '2024-06-19', prices: '2024-06-17' });
    expect(view.snapshot?.asOf).toBe('2024-06-19');
    const pt = (id: string) => view.points.find((p) => p.modelId === id)!;
    const llama70 = pt('llama-3-70b-instruct');
    const llama8 = pt('llama-3-8b-instruct');
    const gpt35 = pt('gpt-3.5-turbo-0125');
    const gpt4 = pt('gpt-4-0613');
    const gpt4t = pt('gpt-4-turbo-2024-04-09');
    expect(llama70).toMatchObject({ elo: 1207, providerId: 'deepinfra', blendedPerMtok: '0.64' });
    expect(gpt35).toMatchObject({ elo: 1104, blendedPerMtok: '0.75' });
    expect(llama8.elo).toBe(1153);
    // Llama 3 70B is above GPT-4 (0613) and within 50 Elo of GPT-4 Turbo, at under 1/20 of their blended price.
    expect(llama70.elo).toBeGreaterThan(gpt4.elo);
    expect(gpt4t.elo - llama70.elo).toBeLessThan(55);
    expect(Number(llama70.blendedPerMtok) * 20).toBeLessThan(Number(gpt4t.blendedPerMtok));
    // Llama 3 8B is above GPT-3.5 Turbo at a lower price, and on the frontier.
    expect(llama8.elo).toBeGreaterThan(gpt35.elo);
    expect(Number(llama8.blendedPerMtok)).toBeLessThan(Number(gpt35.blendedPerMtok));
    expect(llama8.onFrontier).toBe(true);
    expect(gpt35.onFrontier).toBe(false);
  });

  test('GPU prices and throughput for self-hosting what-ifs, each with its source', async () => {
    const g = await rows<{ hourly_usd: string; source: string }>(t.db, sql`select hourly_usd::text as hourly_usd, source from gpu_prices where workspace_id is null and offering like '%8-GPU node%' and gpu = 'H100 SXM5'`);
    expect(g).toEqual([{ hourly_usd: '2.9900', source: expect.stringContaining('8x H100 SXM5 at $23.92/h') }]);
    const [tp] = await rows<{ tps: number }>(t.db, sql`select output_tokens_per_second as tps from gpu_throughput where model_id = 'llama-3.1-70b-instruct' and gpus = 2 and gpu = 'H100 SXM5'`);
    expect(tp!.tps).toBe(1728);
  });

  test('mix and provider choice move the blended price', async () => {
    const even = await getEloPriceView(t.db, { elo: '2024-06-19', prices: '2024-06-17', mix: '1:1' });
    expect(even.points.find((p) => p.modelId === 'gpt-3.5-turbo-0125')!.blendedPerMtok).toBe('1');
    const bedrock = await getEloPriceView(t.db, { elo: '2024-06-19', prices: '2024-06-17', p: 'llama-3-70b-instruct:bedrock' });
    expect(bedrock.points.find((p) => p.modelId === 'llama-3-70b-instruct')).toMatchObject({ providerId: 'bedrock', blendedPerMtok: '2.8625' });
  });
});
