import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { getEloPriceView } from '@/db/queries/get-elo-price';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { importArenaFile, importJudgments } from '@/lib/quality/service';

const actor = { label: 'test@example.com' };
const judgments = (n70: number, n35: number, ties = 0) => ['model_a,model_b,winner,category',
  ...Array.from({ length: n70 }, (_, i) => `llama-3-70b-instruct,gpt-3.5-turbo-0125,model_a,${i % 2 ? 'coding' : 'chat'}`),
  ...Array.from({ length: n35 }, (_, i) => `llama-3-70b-instruct,gpt-3.5-turbo-0125,model_b,${i % 2 ? 'coding' : 'chat'}`),
  ...Array.from({ length: ties }, () => 'gpt-3.5-turbo-0125,llama-3-70b-instruct,tie (bothbad),chat'),
].join('\n');

describe.each(testEngines())('quality on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'acme', name: 'Acme' })).id;
  });
  afterAll(async () => t?.destroy());
  const ownSnapshots = async () => (await rows<{ n: number }>(t.db, sql`select count(*)::int as n from quality_snapshots where workspace_id = ${ws}`))[0]!.n;

  test('own judgments fit to Elo anchored on Arena, kept per category, and usable on the Models chart', async () => {
    const r = await importJudgments(t, { workspaceId: ws, filename: 'ab-test.csv', text: judgments(30, 10), anchor: { model: 'gpt-3.5-turbo-0125', elo: 1104 }, actor });
    expect(r.judgments).toBe(40);
    const overall = r.categories.overall!;
    // 30 wins of 40: the gap is 400·log10(3) = 190.85 Elo.
    expect(overall.find((x) => x.model === 'gpt-3.5-turbo-0125')!.elo).toBeCloseTo(1104, 6);
    expect(overall.find((x) => x.model === 'llama-3-70b-instruct')!.elo).toBeCloseTo(1104 + 400 * Math.log10(3), 3);
    expect(Object.keys(r.categories).sort()).toEqual(['chat', 'coding', 'overall']);
    expect(r.snapshots.find((s) => s.category === 'overall')).toMatchObject({ mapped: 2, scores: 2 });
    const own = r.snapshots.find((s) => s.category === 'overall')!.snapshotId;
    const view = await getEloPriceView(t.db, { elo: own, prices: '2024-06-17' }, ws);
    expect(view.snapshot).toMatchObject({ id: own, own: true });
    expect(view.points.find((p) => p.modelId === 'llama-3-70b-instruct')!.elo).toBeCloseTo(1294.85, 2);
    // Another workspace does not see it.
    const other = (await createWorkspace(t.db, { slug: 'other', name: 'Other' })).id;
    expect((await getEloPriceView(t.db, { elo: own }, other)).snapshot?.id).not.toBe(own);
  });

  test('bad judgments are refused whole, naming the line', async () => {
    const before = await ownSnapshots();
    await expect(importJudgments(t, { workspaceId: ws, filename: 'bad.csv', text: 'model_a,model_b,winner\na,b,model_a\nc,c,model_b\n', actor })).rejects.toThrow(/line 3: .*(itself|self)/i);
    await expect(importJudgments(t, { workspaceId: ws, filename: 'bad.csv', text: 'model_a,model_b,winner\na,b,\n', actor })).rejects.toThrow(/winner/);
    await expect(importJudgments(t, { workspaceId: ws, filename: 'one.csv', text: 'model_a,model_b,winner\ngpt-4o,gpt-4o,tie\n', actor })).rejects.toThrow(/only one model/);
    expect(await ownSnapshots()).toBe(before);
  });

  test('Arena imports: LMArena catalog JSON (one snapshot per category); leaderboard_table is metadata only', async () => {
    const fx = path.resolve(__dirname, '../../db/seed/data/lmarena-catalog-leaderboard-text.json');
    const r = await importArenaFile(t, { workspaceId: ws, filename: 'leaderboard-text.json', text: fs.readFileSync(fx, 'utf8'), asOf: '2025-12-01', actor });
    expect(r.snapshots.map((s) => s.category)).toEqual(['overall']); // this copy holds the 'full' category only
    const overall = r.snapshots.find((s) => s.category === 'overall')!;
    expect(overall.mapped).toBeGreaterThan(40);
    const meta = path.resolve(__dirname, '../../lib/quality/__fixtures__/leaderboard_table_20240617.csv');
    const m = await importArenaFile(t, { workspaceId: ws, filename: 'leaderboard_table_20240617.csv', text: fs.readFileSync(meta, 'utf8'), asOf: '2024-06-17', actor });
    expect(m).toMatchObject({ snapshots: [], metadataOnly: 124 });
  });
});
