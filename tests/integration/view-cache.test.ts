import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { getUsageSummary } from '@/db/queries/get-usage-summary';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { cachedView, clearViewCache } from '@/lib/cache/view-cache';
import { deleteUpload } from '@/lib/ingest/manage';
import { importPriceFile, setOverride } from '@/lib/pricing/service';
import { ingestBytes } from './helpers/ingest';

const csv = (day: string, input: number) => `day,model,input,project\n${day},gpt-3.5-turbo-0125,${input},a\n`;
const mapping = { time: 'day', model: 'model', inputTokens: 'input', project: 'project', defaultProvider: 'openai' };

describe.each(testEngines())('the dashboards\' result cache on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let other = '';
  let computed = 0;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'cache', name: 'Cache' })).id;
    other = (await createWorkspace(t.db, { slug: 'other', name: 'Other' })).id;
  });
  afterAll(async () => t?.destroy());
  afterEach(() => { delete process.env.FRONTIER_VIEW_CACHE; });
  const view = () => cachedView(t.db, ws, 'usage-summary', { groupBy: 'project' }, async () => {
    computed++;
    return getUsageSummary(t.db, ws, { groupBy: 'project' });
  });
  const version = async (scope: string) => Number((await rows<{ v: string }>(t.db, sql`select version::text as v from data_versions where scope = ${scope}::uuid`))[0]?.v ?? 0);

  test('a view is computed once per version of the data; every kind of change makes a new one', async () => {
    clearViewCache();
    computed = 0;
    const a = await ingestBytes(t, ws, 'a.csv', csv('2024-07-01', 1_000_000), { mapping });
    expect(a.status).toBe('ingested');
    expect((await view()).totals.inputTokens).toBe(1_000_000);
    expect((await view()).totals.inputTokens).toBe(1_000_000);
    expect(computed).toBe(1);
    // Two concurrent first requests share one computation.
    await ingestBytes(t, ws, 'b.csv', csv('2024-07-02', 500_000), { mapping });
    const [x, y] = await Promise.all([view(), view()]);
    expect(x.totals.inputTokens).toBe(1_500_000);
    expect(y).toBe(x);
    expect(computed).toBe(2);
    // Another workspace's upload leaves this workspace's entry alone.
    const before = await version(ws);
    await ingestBytes(t, other, 'o.csv', csv('2024-07-03', 7), { mapping });
    expect(await version(ws)).toBe(before);
    await view();
    expect(computed).toBe(2);
    // A negotiated price (this workspace's sheet), a re-priced cost, a reference sheet, a deleted upload: each is new data.
    await setOverride(t, ws, { label: 'test' }, { modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '9', outputPerMtok: '9', effectiveFrom: '2024-01-01' });
    await view();
    expect(computed).toBe(3);
    const nil = await version('00000000-0000-0000-0000-000000000000');
    await importPriceFile(t, { workspaceId: null, filename: 'p.csv', text: 'model,provider,input_per_mtok,output_per_mtok,effective_from\ngpt-4o-2024-08-06,openai,2.5,10,2026-11-30\n', actor: { label: 'test' } });
    expect(await version('00000000-0000-0000-0000-000000000000')).toBeGreaterThan(nil);
    await view();
    expect(computed).toBe(4);
    expect(await deleteUpload(t, ws, a.uploadId)).toMatchObject({ deleted: true });
    expect((await view()).totals.inputTokens).toBe(500_000);
    expect(computed).toBe(5);
    expect((await view()).totals.inputTokens).toBe(500_000);
    expect(computed).toBe(5);
  });

  test('FRONTIER_VIEW_CACHE=off computes every time', async () => {
    process.env.FRONTIER_VIEW_CACHE = 'off';
    computed = 0;
    await view();
    await view();
    expect(computed).toBe(2);
  });
});
