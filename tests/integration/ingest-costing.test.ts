import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { previewReprice, setDiscount, setOverride } from '@/lib/pricing/service';
import { ingestBytes } from './helpers/ingest';
import { rollupDrift } from './helpers/rollups';

/**
 * The ingest path costs rows in TypeScript (lib/ingest/costing.ts); re-pricing costs them in SQL (costExpr over
 * frontier_price_in_force). Right after an upload, re-pricing must find nothing to change: the same price, status and
 * cost to the last of 12 decimals, through discounts with awkward percents, overrides, batch and cached prices,
 * backdated days, unmapped models and models without a price.
 */
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
const MODELS = ['gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-4.1-2025-04-14', 'gpt-3.5-turbo-0613', 'mystery-model-x', 'llama-3-70b-instruct'];
const DAYS = ['2023-05-01', '2024-06-16', '2024-06-17', '2024-08-31', '2024-09-01', '2025-01-01', '2026-07-23', '2026-07-24'];

function file(seed: number): string {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const lines = [HEADER];
  let n = 0;
  for (const d of DAYS) {
    const s = Date.parse(`${d}T00:00:00Z`) / 1000;
    for (const model of MODELS) {
      for (const batch of [false, true]) {
        const input = rnd() < 0.05 ? 0 : Math.floor(rnd() * 3_000_007);
        const cached = rnd() < 0.05 ? 0 : Math.floor(input * rnd() * 0.5);
        const output = rnd() < 0.1 ? 0 : Math.floor(rnd() * 999_983);
        lines.push([s, s + 86400, `${d}T00:00:00+00:00`, '', `proj_${n % 3}`, `${1 + (n % 7)}.0`, `user-${n % 4}`, `key_${n % 5}`, model, batch ? 'TRUE' : 'FALSE', 'default', `${input}.0`, `${output}.0`, `${cached}.0`].join(','));
        n++;
      }
    }
  }
  lines.push([1750000000, 1750086400, '', '', 'proj_z', '1.0', 'user-z', 'key_z', MODELS[0], 'FALSE', 'default', '0.0', '0.0', '0.0'].join(','));
  return lines.join('\n');
}

describe.each(testEngines())('costs computed on ingest equal SQL re-pricing on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
  });
  afterAll(async () => t?.destroy());

  test('reference prices only', async () => {
    const ws = (await createWorkspace(t.db, { slug: 'plain', name: 'plain' })).id;
    const s = await ingestBytes(t, ws, 'a.csv', file(1), { batchRows: 17 });
    expect(s).toMatchObject({ status: 'ingested', rowsRejected: 0 });
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
    expect(await rollupDrift(t.db, ws)).toEqual({});
  });

  test('discounts with four decimals, an override, batch and cached prices', async () => {
    const ws = (await createWorkspace(t.db, { slug: 'deal', name: 'deal' })).id;
    const actor = { label: 't' };
    await setDiscount(t, ws, actor, { providerId: 'openai', percent: '12.3457', effectiveFrom: '2024-06-17' });
    await setDiscount(t, ws, actor, { providerId: 'openai', percent: '33.3333', effectiveFrom: '2025-01-01' });
    await setOverride(t, ws, actor, { modelId: 'gpt-4o-2024-08-06', providerId: 'openai', inputPerMtok: '2.0000000003', outputPerMtok: '7.1234567891', cachedInputPerMtok: '0.0000000007', effectiveFrom: '2024-09-01' });
    const s = await ingestBytes(t, ws, 'b.csv', file(2), { batchRows: 40 });
    expect(s).toMatchObject({ status: 'ingested', rowsRejected: 0 });
    const statuses = await rows<{ price_status: string }>(t.db, sql`select distinct price_status from usage where workspace_id = ${ws} order by 1`);
    expect(statuses.map((r) => r.price_status)).toEqual(['backdated', 'cost_only', 'no_price', 'priced', 'unmapped']);
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
    // The summary's total is the rows' total.
    const [u] = await rows<{ cost: string }>(t.db, sql`select sum(cost)::text as cost from usage where workspace_id = ${ws}`);
    expect(s.computedCostUsd).toBe(u!.cost.replace(/\.?0+$/, ''));
    expect(await rollupDrift(t.db, ws)).toEqual({});
  });

  // Half of 2.0000000003 is 1.00000000015 per 1M: 1,023,333 batch tokens cost exactly 1.02333300015349995, 1.023333000153
  // to 12 decimals. SQL used to divide by 1,000,000 (rounding to 16 decimals) and then round again, giving …154.
  test('a batch row at half an 11-decimal price rounds once, in SQL as in TypeScript', async () => {
    const ws = (await createWorkspace(t.db, { slug: 'half', name: 'half' })).id;
    await setOverride(t, ws, { label: 't' }, { modelId: 'gpt-4o-2024-08-06', providerId: 'openai', inputPerMtok: '2.0000000003', outputPerMtok: '8', effectiveFrom: '2024-09-01' });
    const s0 = Date.parse('2024-09-02T00:00:00Z') / 1000;
    const csv = [HEADER, [s0, s0 + 86400, '2024-09-02T00:00:00+00:00', '', 'p', '1.0', 'u', 'k', 'gpt-4o-2024-08-06', 'TRUE', 'default', '1023333.0', '0.0', '0.0'].join(',')].join('\n');
    expect(await ingestBytes(t, ws, 'half.csv', csv)).toMatchObject({ status: 'ingested', rowsIngested: 1, computedCostUsd: '1.023333000153' });
    expect(await previewReprice(t, ws)).toMatchObject({ rows: 0, deltaUsd: '0' });
  });
});
