import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { mapModel, previewReprice } from '@/lib/pricing/service';
import { ingestBytes } from './helpers/ingest';

/**
 * "Every dollar right", items 5 and 6: an undated name is costed as what it meant that day, and every model a shipped
 * sheet prices is priceable. Each upload is re-priced right after (SQL) and must not change: both paths agree.
 */
const OPENAI = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
const openaiRow = (day: string, model: string, input = 1_000_000, output = 1_000_000) => {
  const s = Date.parse(`${day}T00:00:00Z`) / 1000;
  return [s, s + 86400, `${day}T00:00:00+00:00`, '', 'p', '1.0', 'u', 'k', model, 'FALSE', 'default', `${input}.0`, `${output}.0`, '0.0'].join(',');
};

describe.each(testEngines())('undated names and sheet-derived models on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
  });
  afterAll(async () => t?.destroy());

  const costs = async (ws: string) => rows<{ day: string; raw_model: string; model_id: string | null; price_status: string; cost: string | null }>(t.db, sql`
    select day::text as day, raw_model, model_id, price_status, cost::text as cost from usage where workspace_id = ${ws} order by day, raw_model`);
  const money = (v: string | null) => (v === null ? null : Number(v));

  test('gpt-4o used on 2024-07-01 is gpt-4o-2024-05-13 at the 2024-06-17 price ($20 for 1M in + 1M out); from 2024-10-02 it is 2024-08-06', async () => {
    const ws = (await createWorkspace(t.db, { slug: 'moving', name: 'moving' })).id;
    const csv = [OPENAI, openaiRow('2024-07-01', 'gpt-4o'), openaiRow('2024-10-01', 'gpt-4o'), openaiRow('2024-11-01', 'gpt-4o'), openaiRow('2024-07-01', 'gpt-3.5-turbo'), openaiRow('2024-07-01', 'gpt-4o-2024-08-06')].join('\n');
    expect(await ingestBytes(t, ws, 'moving.csv', csv)).toMatchObject({ status: 'ingested', rowsRejected: 0 });
    const got = (await costs(ws)).map((r) => ({ ...r, cost: money(r.cost) }));
    expect(got).toEqual([
      // gpt-3.5-turbo meant 0125 since 2024-02-16: $0.50 + $1.50, not the sheet's stale $1.50 / $2.00 for the plain name.
      { day: '2024-07-01', raw_model: 'gpt-3.5-turbo', model_id: 'gpt-3.5-turbo-0125', price_status: 'priced', cost: 2 },
      { day: '2024-07-01', raw_model: 'gpt-4o', model_id: 'gpt-4o-2024-05-13', price_status: 'priced', cost: 20 },
      // Naming the later snapshot outright before it existed is still that snapshot (priced from a later sheet).
      { day: '2024-07-01', raw_model: 'gpt-4o-2024-08-06', model_id: 'gpt-4o-2024-08-06', price_status: 'backdated', cost: 12.5 },
      { day: '2024-10-01', raw_model: 'gpt-4o', model_id: 'gpt-4o-2024-05-13', price_status: 'priced', cost: 20 },
      { day: '2024-11-01', raw_model: 'gpt-4o', model_id: 'gpt-4o-2024-08-06', price_status: 'backdated', cost: 12.5 },
    ]);
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
  });

  test('a workspace that maps gpt-4o itself keeps its mapping on every day', async () => {
    const ws = (await createWorkspace(t.db, { slug: 'own-map', name: 'own-map' })).id;
    await ingestBytes(t, ws, 'unmapped.csv', [OPENAI, openaiRow('2024-07-01', 'acme-gpt')].join('\n'));
    await mapModel(t, ws, { label: 't' }, 'acme-gpt', 'gpt-4o-2024-08-06');
    await mapModel(t, ws, { label: 't' }, 'gpt-4o', 'gpt-4o-2024-11-20');
    await ingestBytes(t, ws, 'own.csv', [OPENAI, openaiRow('2024-12-01', 'gpt-4o'), openaiRow('2024-07-01', 'gpt-4o')].join('\n'));
    expect((await costs(ws)).filter((r) => r.raw_model === 'gpt-4o').map((r) => r.model_id)).toEqual(['gpt-4o-2024-11-20', 'gpt-4o-2024-11-20']);
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
  });

  test('models only the sheets know are priced: Claude Opus 4.6 and 5, gpt-oss-120b via OpenRouter, tokencost\'s test models', async () => {
    const ws = (await createWorkspace(t.db, { slug: 'derived', name: 'derived' })).id;
    const claude = ['usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed',
      ...['claude-opus-4-6', 'claude-opus-5'].map((m) => `2026-08-01 02:00,${m},k,Default,standard,≤ 200k,1000000,0,0,0,1000000,0,not_available,`)].join('\n');
    expect(await ingestBytes(t, ws, 'claude_api_tokens.csv', claude)).toMatchObject({ status: 'ingested', rowsRejected: 0 });
    const csv = [OPENAI, ...['gpt-3.5-turbo-16k', 'gpt-3.5-turbo-instruct', 'gpt-4-32k', 'gpt-4-vision-preview'].map((m) => openaiRow('2024-07-01', m))].join('\n');
    expect(await ingestBytes(t, ws, 'derived.csv', csv)).toMatchObject({ status: 'ingested', rowsRejected: 0 });
    const router = 'Date,Slug,Usage,BYOK Usage,Requests,Prompt Tokens,Completion Tokens,Reasoning Tokens\n"2026-08-01 00:00:00","openai/gpt-oss-120b","0.98","0","10","1000000","1000000","0"\n';
    expect(await ingestBytes(t, ws, 'openrouter.csv', router)).toMatchObject({ status: 'ingested', rowsRejected: 0 });
    const got = Object.fromEntries((await costs(ws)).map((r) => [r.raw_model, [r.model_id, r.price_status, money(r.cost)]]));
    expect(got).toEqual({
      // Anthropic's list price in the 2026-07-24 sheet: $5 / $25 per 1M.
      'claude-opus-4-6': ['claude-opus-4-6', 'priced', 30],
      'claude-opus-5': ['claude-opus-5', 'priced', 30],
      'openai/gpt-oss-120b': ['gpt-oss-120b', 'priced', 0.98],
      'gpt-3.5-turbo-16k': ['gpt-3.5-turbo-16k', 'priced', 7],
      'gpt-3.5-turbo-instruct': ['gpt-3.5-turbo-instruct', 'priced', 3.5],
      'gpt-4-32k': ['gpt-4-32k', 'priced', 180],
      'gpt-4-vision-preview': ['gpt-4-vision-preview', 'priced', 40],
    });
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
  });

  test('derived entries say so; the curated ones keep their names and Arena mapping', async () => {
    const m = await rows<{ id: string; name: string; origin: string; vendor: string; open_weights: boolean }>(t.db, sql`
      select id, name, origin, vendor, open_weights from models where id in ('gpt-oss-120b', 'claude-opus-4-6', 'gpt-4o-2024-05-13') order by id`);
    expect(m).toEqual([
      { id: 'claude-opus-4-6', name: 'claude-opus-4-6', origin: 'derived', vendor: 'Anthropic', open_weights: false },
      { id: 'gpt-4o-2024-05-13', name: 'GPT-4o (2024-05-13)', origin: 'curated', vendor: 'OpenAI', open_weights: false },
      { id: 'gpt-oss-120b', name: 'gpt-oss-120b', origin: 'derived', vendor: 'OpenAI', open_weights: true },
    ]);
  });
});
