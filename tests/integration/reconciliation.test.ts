import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { deleteUpload } from '@/lib/ingest/manage';
import { createWorkspace } from '@/db/queries/accounts';
import { getReconciliation } from '@/db/queries/get-reconciliation';
import { getUsageExplorer, getUsageOptions } from '@/db/queries/get-usage-explorer';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { explorerParamsSchema } from '@/lib/usage/explorer-params';
import { reconciliationParamsSchema } from '@/lib/usage/reconciliation';
import { ingestBytes, ingestFixture } from './helpers/ingest';

/**
 * An export that carries its own cost beside the tokens (a LiteLLM or gateway CSV): each row is built so that our
 * price book (gpt-3.5-turbo-0125 $0.50/$1.50 in 2024; gpt-4o-2024-08-06 $2.50/$10, cached $1.25 in 2026) gives a
 * known cost, and the reported cost disagrees in a known way.
 */
const CSV = [
  'day,model,user,input,cached,output,cost',
  '2024-07-01,gpt-3.5-turbo-0125,alice,1000000,0,500000,1.25', // computed 1.25: matches
  '2024-07-02,gpt-3.5-turbo-0125,bob,2000000,0,0,1.20', // computed 1.00: −0.20, the price book differs
  '2026-08-01,gpt-4o-2024-08-06,alice,2000000,1000000,100000,5.00', // computed 4.75: −0.25, cached-token pricing
  '2024-07-02,mystery-model-x,carol,1000,0,1000,0.02', // not priced: −0.02, unmapped
  '2023-05-01,gpt-3.5-turbo-0125,bob,1000000,0,0,0.40', // computed 0.50 at the earliest price: +0.10, backdated
  '2024-07-03,gpt-3.5-turbo-0125,alice,1000000,0,0,', // no reported cost: not reconciled; computed 0.50
].join('\n');
const MAPPING = { time: 'day', model: 'model', user: 'user', inputTokens: 'input', cachedInputTokens: 'cached', outputTokens: 'output', cost: 'cost', defaultProvider: 'openai' };

describe.each(testEngines())('reconciliation and the user filter on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'recon', name: 'Recon' })).id;
    const s = await ingestBytes(t, ws, 'gateway-costs.csv', CSV, { format: 'generic-csv', mapping: MAPPING });
    expect(s).toMatchObject({ status: 'ingested', rowsIngested: 6 });
  });

  test('the narrow model rollup agrees with raw usage per day and model, after ingest and after a delete', async () => {
    const compare = async (w: string) => {
      const raw = await rows<{ k: string; cost: string | null; input: string }>(t.db, sql`select day::text || ' ' || raw_model as k, sum(cost)::text as cost, sum(input_tokens)::text as input
        from usage where workspace_id = ${w} group by 1 order by 1`);
      const narrow = await rows<{ k: string; cost: string | null; input: string }>(t.db, sql`select day::text || ' ' || raw_model as k, sum(cost)::text as cost, sum(input_tokens)::text as input
        from usage_daily_model where workspace_id = ${w} group by 1 order by 1`);
      expect(narrow.map((r) => [r.k, r.cost === null ? null : Number(r.cost), r.input])).toEqual(raw.map((r) => [r.k, r.cost === null ? null : Number(r.cost), r.input]));
      return raw.length;
    };
    expect(await compare(ws)).toBe(6);
    const other = (await createWorkspace(t.db, { slug: 'del', name: 'Del' })).id;
    const a = await ingestBytes(t, other, 'a.csv', CSV, { format: 'generic-csv', mapping: MAPPING });
    await ingestBytes(t, other, 'b.csv', 'day,model,user,input,cached,output,cost\n2024-07-01,gpt-3.5-turbo-0125,dave,2000000,0,0,1\n', { format: 'generic-csv', mapping: MAPPING });
    await deleteUpload(t, other, a.uploadId!);
    expect(await compare(other)).toBe(1);
  });
  afterAll(async () => t?.destroy());

  test('computed against reported per day and model, with the difference, its percentage and why', async () => {
    const r = await getReconciliation(t.db, ws, reconciliationParamsSchema.parse({ from: '2023-01-01', to: '2026-12-31' }));
    expect(r.totals).toEqual({ computed: '7.5', reported: '7.87', difference: '-0.37', differencePct: -4.7, groups: 5, matching: 1 });
    const by = Object.fromEntries(r.all.map((x) => [`${x.day} ${x.modelKey}`, x]));
    expect(by['2024-07-01 gpt-3.5-turbo-0125']).toMatchObject({ computed: '1.25', reported: '1.25', difference: '0', differencePct: 0, reasons: ['matches'] });
    expect(by['2024-07-02 gpt-3.5-turbo-0125']).toMatchObject({ computed: '1', reported: '1.2', difference: '-0.2', differencePct: -16.67, reasons: ['price_differs'] });
    expect(by['2026-08-01 gpt-4o-2024-08-06']).toMatchObject({ computed: '4.75', reported: '5', difference: '-0.25', differencePct: -5, reasons: ['cached'], cached: 1_000_000 });
    expect(by['2024-07-02 mystery-model-x']).toMatchObject({ computed: null, reported: '0.02', difference: '-0.02', differencePct: -100, reasons: ['unmapped'] });
    expect(by['2023-05-01 gpt-3.5-turbo-0125']).toMatchObject({ computed: '0.5', reported: '0.4', difference: '0.1', differencePct: 25, reasons: ['backdated'] });
    expect(r.all[0]!.day).toBe('2026-08-01'); // newest first
    expect(r.reasons.find((x) => x.reason === 'cached')).toEqual({ reason: 'cached', groups: 1, difference: '-0.25' });
    const onlyDiff = await getReconciliation(t.db, ws, reconciliationParamsSchema.parse({ from: '2023-01-01', to: '2026-12-31', only: 'diff' }));
    expect(onlyDiff.all).toHaveLength(4);
    // Default range: the 90 days ending on the latest day with a reported cost.
    const d = await getReconciliation(t.db, ws, reconciliationParamsSchema.parse({}));
    expect(d.range).toEqual({ from: '2026-05-04', to: '2026-08-01' });
    expect(d.totals).toMatchObject({ computed: '4.75', reported: '5', groups: 1 });
  });

  test('a real cost-carrying export (OpenRouter daily) reconciles to its reported total', async () => {
    const or = (await createWorkspace(t.db, { slug: 'or', name: 'OR' })).id;
    await ingestFixture(t, or, 'openrouter-daily-model-export.csv');
    const r = await getReconciliation(t.db, or, reconciliationParamsSchema.parse({ from: '2026-05-01', to: '2026-05-31' }));
    expect(r.totals.reported).toBe('935.94');
    expect(r.all.map((x) => [x.day, x.reported])).toEqual([['2026-05-13', '505.87'], ['2026-05-12', '430.07']]);
    for (const x of r.all) expect(x.reasons.length).toBeGreaterThan(0);
  });

  test('users read their own rollups over any range, also with a project or key, with the same totals as raw usage', async () => {
    const p = (q: Record<string, string>) => explorerParamsSchema.parse(q);
    const byUser = await getUsageExplorer(t.db, ws, p({ from: '2024-07-01', to: '2024-07-03', groupBy: 'user' }));
    expect(byUser.raw).toBe(false);
    expect(byUser.all.map((x) => [x.key, x.spend, x.input])).toEqual([['alice', '1.75', 2_000_000], ['bob', '1', 2_000_000], ['carol', null, 1000]]);
    // carol's only usage is of a model no sheet prices: unpriced, never $0.
    expect(byUser.all.find((x) => x.key === 'carol')?.unpricedRows).toBe(1);
    const bob = await getUsageExplorer(t.db, ws, p({ from: '2024-07-01', to: '2024-07-03', user: 'bob,carol', groupBy: 'model' }));
    expect(bob.all.map((x) => [x.key, x.spend, x.requests])).toEqual([['gpt-3.5-turbo-0125', '1', 1], ['mystery-model-x', null, 1]]);
    expect((await getUsageOptions(t.db, ws, bob.range)).filter((o) => o.dim === 'user').map((o) => o.value)).toEqual(['alice', 'bob', 'carol']);
    // A long range by user reads the monthly and daily user rollups, with the same totals as raw usage.
    const long = await getUsageExplorer(t.db, ws, p({ from: '2024-06-01', to: '2024-07-31', groupBy: 'user' }));
    const longRaw = await getUsageExplorer(t.db, ws, p({ from: '2024-06-01', to: '2024-07-31', groupBy: 'user' }), { source: 'raw' });
    expect(long.raw).toBe(false);
    expect(longRaw.raw).toBe(true);
    expect(long.all).toEqual(longRaw.all);
    expect(long.all.map((x) => [x.key, x.spend])).toEqual([['alice', '1.75'], ['bob', '1'], ['carol', null]]);
    // With a project or key too: the user rollup with every dimension, over any range, the same numbers as raw usage.
    const withProject = await getUsageExplorer(t.db, ws, p({ from: '2024-06-01', to: '2024-07-31', groupBy: 'user', project: '(none)' }));
    expect(withProject.raw).toBe(false);
    expect(withProject.all).toEqual((await getUsageExplorer(t.db, ws, p({ from: '2024-06-01', to: '2024-07-31', groupBy: 'user', project: '(none)' }), { source: 'raw' })).all);
    const bobByKey = await getUsageExplorer(t.db, ws, p({ from: '2023-01-01', to: '2026-12-31', user: 'bob', groupBy: 'key' }));
    expect(bobByKey.all.map((x) => [x.key, x.spend, x.requests])).toEqual([['(none)', '1.5', 2]]);
    // Without a user, the same view reads the rollup and agrees with raw usage.
    const rollup = await getUsageExplorer(t.db, ws, p({ from: '2024-07-01', to: '2024-07-03', groupBy: 'model' }));
    expect(rollup.raw).toBe(false);
    expect(rollup.all.map((x) => [x.key, x.spend])).toEqual([['gpt-3.5-turbo-0125', '2.75'], ['mystery-model-x', null]]);
  });
});
