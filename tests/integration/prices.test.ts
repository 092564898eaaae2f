import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { getUsageSummary } from '@/db/queries/get-usage-summary';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { addCatalogModel, importPriceFile, mapModel, previewReprice, repriceWorkspace, setDiscount, setOverride } from '@/lib/pricing/service';
import { ingestBytes } from './helpers/ingest';
import { getUnmappedModels } from '@/db/queries/price-book';

const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,batch,input_tokens,output_tokens';
const row = (d: string, model: string, input: number, output: number) => {
  const s = Date.parse(`${d}T00:00:00Z`) / 1000;
  return `${s},${s + 86400},,,p,1,${model},FALSE,${input},${output}`;
};
const actor = { label: 'test@example.com' };

describe.each(testEngines())('price book on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let other = '';
  const total = async (w: string) => (await getUsageSummary(t.db, w, {})).totals.computedCostUsd;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'acme', name: 'Acme' })).id;
    other = (await createWorkspace(t.db, { slug: 'other', name: 'Other' })).id;
    const csv = [HEADER, row('2024-07-01', 'gpt-3.5-turbo-0125', 1_000_000, 500_000)].join('\n');
    expect(await ingestBytes(t, ws, 'a.csv', csv)).toMatchObject({ status: 'ingested', computedCostUsd: '1.25' });
    expect(await ingestBytes(t, other, 'a.csv', csv)).toMatchObject({ status: 'ingested', computedCostUsd: '1.25' });
  });
  afterAll(async () => t?.destroy());

  test('a discount is previewed, changes nothing until applied, then re-prices exactly', async () => {
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
    await setDiscount(t, ws, actor, { providerId: 'openai', percent: '20', effectiveFrom: '2024-01-01' });
    expect(await previewReprice(t, ws)).toEqual({ rows: 1, days: 1, models: ['gpt-3.5-turbo-0125'], oldTotalUsd: '1.25', newTotalUsd: '1', deltaUsd: '-0.25' });
    expect(await total(ws)).toBe('1.25'); // never silently
    expect(await repriceWorkspace(t, ws, actor)).toMatchObject({ rows: 1, days: 1, oldTotalUsd: '1.25', newTotalUsd: '1' });
    expect(await total(ws)).toBe('1');
    expect(await total(other)).toBe('1.25'); // another workspace's prices are its own
  });

  test('a negotiated override beats the (discounted) reference price from its date', async () => {
    await setOverride(t, ws, actor, { modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '0.3', outputPerMtok: '1.0', effectiveFrom: '2024-06-01' });
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 1, oldTotalUsd: '1', newTotalUsd: '0.8', deltaUsd: '-0.2' });
    await repriceWorkspace(t, ws, actor);
    expect(await total(ws)).toBe('0.8');
    // An override dated after the usage does not apply to it... except as the only price, which it is not here.
    await setOverride(t, ws, actor, { modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '9', outputPerMtok: '9', effectiveFrom: '2024-08-01' });
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0 });
    await expect(setOverride(t, ws, actor, { modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '-1', outputPerMtok: '1', effectiveFrom: '2024-06-01' })).rejects.toThrow(/cannot be negative/);
    await expect(setOverride(t, ws, actor, { modelId: 'nope', providerId: 'openai', inputPerMtok: '1', outputPerMtok: '1', effectiveFrom: '2024-06-01' })).rejects.toThrow(/no catalog model/);
  });

  test('an unmapped model string, once mapped, is re-priced and its rollup updated; later uploads use the mapping', async () => {
    const s = await ingestBytes(t, ws, 'ft.csv', [HEADER, row('2024-07-02', 'acme-ft-35', 1_000_000, 0)].join('\n'));
    expect(s.unmappedModels).toEqual([{ rawModel: 'acme-ft-35', rows: 1 }]);
    expect(await total(ws)).toBe('0.8');
    expect((await getUnmappedModels(t.db, ws)).map((u) => [u.raw_model, u.rows, u.input_tokens, u.first_day])).toEqual([['acme-ft-35', 1, '1000000', '2024-07-02']]);
    expect(await mapModel(t, ws, actor, 'acme-ft-35', 'gpt-3.5-turbo-0125')).toEqual({ rows: 1, days: 1 });
    expect(await getUnmappedModels(t.db, ws)).toEqual([]);
    expect(await total(ws)).toBe('1.1'); // + 1M input at the override's $0.30
    const [r] = await rows<{ status: string; model: string }>(t.db, sql`select price_status as status, model_id as model from usage where workspace_id = ${ws} and raw_model = 'acme-ft-35'`);
    expect(r).toEqual({ status: 'priced', model: 'gpt-3.5-turbo-0125' });
    const next = await ingestBytes(t, ws, 'ft2.csv', [HEADER, row('2024-07-03', 'acme-ft-35', 1_000_000, 0)].join('\n'));
    expect(next).toMatchObject({ unmappedModels: [], computedCostUsd: '0.3' });
  });

  test('a model the catalog lacks gets a new entry, a negotiated price, and its usage priced', async () => {
    await ingestBytes(t, ws, 'private.csv', [HEADER, row('2024-07-04', 'acme-private-llm', 2_000_000, 0)].join('\n'));
    const id = await addCatalogModel(t, ws, { ...actor, workspaceSlug: 'acme' }, { name: 'Acme Private LLM v2', vendor: 'Acme', openWeights: false });
    expect(id).toBe(`acme-private-llm-v2.${ws.slice(0, 8)}`);
    await expect(addCatalogModel(t, ws, { ...actor, workspaceSlug: 'acme' }, { name: 'Acme Private LLM v2', vendor: 'Acme', openWeights: false })).rejects.toThrow(/already has/);
    await setOverride(t, ws, actor, { modelId: id, providerId: 'openai', inputPerMtok: '0.25', outputPerMtok: '0.5', effectiveFrom: '2024-01-01' });
    expect(await mapModel(t, ws, actor, 'acme-private-llm', id)).toEqual({ rows: 1, days: 1 });
    // The export says OpenAI served it; the negotiated price applies: 2M input at $0.25.
    const [r] = await rows<{ status: string; cost: string }>(t.db, sql`select price_status as status, cost::float8::text as cost from usage where workspace_id = ${ws} and raw_model = 'acme-private-llm'`);
    expect(r).toEqual({ status: 'priced', cost: '0.5' });
  });

  test('CSV price sheets: the workspace imports its own; bad rows are listed and nothing half-written', async () => {
    const csv = 'model,provider,input_per_mtok,output_per_mtok,cached_input_per_mtok,effective_from\n'
      + 'llama-3-70b-instruct,groq,0.59,0.79,,2024-07-25\n'
      + 'llama-3-70b-instruct,together_ai,-1,0.9,,2024-07-25\n';
    const r = await importPriceFile(t, { workspaceId: ws, filename: 'negotiated.csv', text: csv, actor });
    expect(r.sheets).toEqual([expect.objectContaining({ effectiveFrom: '2024-07-25', prices: 1 })]);
    expect(r.rejects).toEqual([{ line: 3, reason: expect.stringMatching(/negative/) }]);
    const [p] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from prices p join price_sheets s on s.id = p.sheet_id where s.workspace_id = ${ws} and p.model_id = 'llama-3-70b-instruct'`);
    expect(p!.n).toBe(1);
    await expect(importPriceFile(t, { workspaceId: ws, filename: 'bad.csv', text: 'model,provider,input_per_mtok,output_per_mtok,effective_from\nx,openai,1,1,2024-01-01\n', actor })).rejects.toThrow(/no price could be read/);
  });
});
