import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { loadDemoUsage } from '@/db/queries/demo';
import { getUsageExplorer } from '@/db/queries/get-usage-explorer';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { explorerParamsSchema } from '@/lib/usage/explorer-params';

describe.each(testEngines())('usage explorer on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'demo', name: 'Demo' })).id;
    await loadDemoUsage(t.db, ws, '2026-10-20');
  });
  afterAll(async () => t?.destroy());
  const params = (q: Record<string, string>) => explorerParamsSchema.parse(q);

  test('grouped totals over a range match the raw rows exactly, filters combine', async () => {
    const r = await getUsageExplorer(t.db, ws, params({ from: '2026-10-01', to: '2026-10-20', groupBy: 'project' }));
    const raw = await rows<{ project: string; spend: string }>(t.db, sql`select project, round(sum(cost), 2)::text as spend from usage
      where workspace_id = ${ws} and day between '2026-10-01' and '2026-10-20' group by 1 order by 1`);
    expect(r.all.map((x) => [x.label, Number(x.spend).toFixed(2)]).sort()).toEqual(raw.map((x) => [x.project, x.spend]));
    expect(r.all[0]!.label).toBe(raw.sort((a, b) => Number(b.spend) - Number(a.spend))[0]!.project); // sorted by spend, desc
    const f = await getUsageExplorer(t.db, ws, params({ from: '2026-10-01', to: '2026-10-20', groupBy: 'model', project: 'support-bot', provider: 'openai' }));
    expect(f.all.map((x) => x.key).sort()).toEqual(['gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06']);
    const g35 = f.all.find((x) => x.key === 'gpt-3.5-turbo-0125')!;
    const [x] = await rows<{ spend: string; req: string }>(t.db, sql`select sum(cost)::text as spend, sum(requests)::text as req from usage
      where workspace_id = ${ws} and day between '2026-10-01' and '2026-10-20' and project = 'support-bot' and model_id = 'gpt-3.5-turbo-0125'`);
    expect(Number(g35.spend)).toBe(Number(x!.spend));
    expect(g35.requests).toBe(Number(x!.req));
    expect(Number(g35.perRequest)).toBeCloseTo(Number(x!.spend) / Number(x!.req), 6);
  });

  test('the chart: named groups plus Other add up to raw usage per day, and per month beyond 92 days, under filters', async () => {
    const perBucket = (series: { day: string; value: number }[]) => {
      const m = new Map<string, number>();
      for (const s of series) m.set(s.day, (m.get(s.day) ?? 0) + s.value);
      return m;
    };
    // Chart values are numbers (floats); the parts must add up to the raw total to within a millionth of a dollar.
    const expectSums = (got: Map<string, number>, want: { d: string; v: string }[]) => {
      expect([...got.keys()].sort()).toEqual(want.map((w) => w.d));
      for (const w of want) expect(got.get(w.d)).toBeCloseTo(Number(w.v), 6);
    };
    const month = await getUsageExplorer(t.db, ws, params({ from: '2026-10-01', to: '2026-10-20', groupBy: 'key', provider: 'openai' }));
    expect(month.interval).toBe('day');
    const rawDays = await rows<{ d: string; v: string }>(t.db, sql`select day::text as d, sum(cost)::text as v from usage
      where workspace_id = ${ws} and day between '2026-10-01' and '2026-10-20' and provider_id = 'openai' group by 1 order by 1`);
    expectSums(perBucket(month.series), rawDays);
    const year = await getUsageExplorer(t.db, ws, params({ preset: 'all', groupBy: 'project', metric: 'requests' }));
    expect(year.interval).toBe('month');
    // All time starts on the first day with usage, not at the earliest date usage may have.
    const [span] = await rows<{ first: string; last: string }>(t.db, sql`select min(day)::text as first, max(day)::text as last from usage where workspace_id = ${ws}`);
    expect(year.range).toEqual({ from: span!.first, to: span!.last });
    // So does a range given only its end.
    const upTo = await getUsageExplorer(t.db, ws, params({ to: span!.last, groupBy: 'project', metric: 'requests' }));
    expect(upTo.range).toEqual({ from: span!.first, to: span!.last });
    const rawMonths = await rows<{ d: string; v: string }>(t.db, sql`select date_trunc('month', day)::date::text as d, sum(requests)::text as v from usage
      where workspace_id = ${ws} group by 1 order by 1`);
    expectSums(perBucket(year.series), rawMonths);
    expect(year.series.some((s) => s.key === 'support-bot')).toBe(true);
  });

  test.each([
    ['2026-07-15', '2026-10-20', 'key'], ['2026-08-03', '2026-10-17', 'project'], ['2026-09-10', '2026-10-02', 'user'],
    ['2026-06-25', '2026-08-10', 'model'], ['2026-07-02', '2026-09-29', 'provider'],
  ])('%s … %s by %s: months added, ends added or subtracted, the same groups and sums as raw usage', async (from, to, groupBy) => {
    const q = params({ from, to, groupBy });
    const fast = await getUsageExplorer(t.db, ws, q);
    const raw = await getUsageExplorer(t.db, ws, q, { source: 'raw' });
    expect(fast.raw).toBe(false);
    expect(fast.all.length).toBeGreaterThan(0);
    expect(fast.all).toEqual(raw.all);
    expect(fast.totalSpend).toBe(raw.totalSpend);
  });

  test('presets end at the latest usage; days group and paginate', async () => {
    const r = await getUsageExplorer(t.db, ws, params({ preset: '7d', groupBy: 'day' }));
    expect(r.range).toEqual({ from: '2026-10-14', to: '2026-10-20' });
    expect(r.total).toBe(7);
    const all = await getUsageExplorer(t.db, ws, params({ preset: 'all', groupBy: 'day', page: '2' }));
    expect(all.total).toBe(120);
    expect(all.pages).toBe(3);
    expect(all.rows).toHaveLength(50);
  });
});
