import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { loadDemoUsage } from '@/db/queries/demo';
import { getEloPriceView } from '@/db/queries/get-elo-price';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { blendedPrice } from '@/lib/quality/frontier';

describe.each(testEngines())('Models on your own mix on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'demo', name: 'Demo' })).id;
    await loadDemoUsage(t.db, ws, '2024-07-20');
  });
  afterAll(async () => t?.destroy());

  test('spend per model over the period, the actual input:output mix, prices blended at it', async () => {
    const v = await getEloPriceView(t.db, { elo: '2024-06-19', prices: '2024-06-17', usage: '1', period: '30d' }, ws);
    const [x] = await rows<{ spend: string; input: string; output: string }>(t.db, sql`select round(sum(cost), 2)::text as spend,
      sum(input_tokens)::text as input, sum(output_tokens)::text as output from usage
      where workspace_id = ${ws} and model_id is not null and day between '2024-06-21' and '2024-07-20'`);
    expect(v.usage).toMatchObject({ from: '2024-06-21', to: '2024-07-20', total: x!.spend });
    const ratio = Math.round((Number(x!.input) / Number(x!.output)) * 100) / 100;
    expect(v.usage!.mix).toEqual({ input: ratio, output: 1 });
    expect(v.mix).toEqual({ input: ratio, output: 1 });
    const byModel = await rows<{ model_id: string; spend: string }>(t.db, sql`select model_id, round(sum(cost), 2)::text as spend from usage
      where workspace_id = ${ws} and model_id is not null and day between '2024-06-21' and '2024-07-20' group by 1 order by sum(cost) desc`);
    expect(v.usage!.models.map((m) => [m.modelId, m.spend])).toEqual(byModel.map((r) => [r.model_id, r.spend]));
    expect(v.usage!.models.reduce((s, m) => s + (m.share ?? 0), 0)).toBeCloseTo(1, 3);
    // GPT-3.5 Turbo 0125 is in the 2024-06-19 Arena snapshot: on the chart, blended at your mix.
    const g = v.points.find((p) => p.modelId === 'gpt-3.5-turbo-0125')!;
    expect(v.usage!.models.find((m) => m.modelId === 'gpt-3.5-turbo-0125')!.onChart).toBe(true);
    expect(g.blendedPerMtok).toBe(blendedPrice(g.inputPerMtok, g.outputPerMtok, { input: ratio, output: 1 }));
    // A mix chosen in the URL wins over yours; without the toggle nothing of your usage is read.
    expect((await getEloPriceView(t.db, { elo: '2024-06-19', prices: '2024-06-17', usage: '1', mix: '1:1' }, ws)).mix).toEqual({ input: 1, output: 1 });
    expect((await getEloPriceView(t.db, { elo: '2024-06-19', prices: '2024-06-17' }, ws)).usage).toBeNull();
  });
});
