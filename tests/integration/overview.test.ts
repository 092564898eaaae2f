import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { loadDemoUsage } from '@/db/queries/demo';
import { getOverview } from '@/db/queries/get-overview';
import { buildOverviewSnapshot } from '@/lib/reports/build-overview';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';

describe.each(testEngines())('overview on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'demo', name: 'Demo' })).id;
    await loadDemoUsage(t.db, ws, '2026-10-20');
  });
  afterAll(async () => t?.destroy());

  test('month to date, last month to the same day, forecast and top model agree with the raw rows', async () => {
    const o = await getOverview(t.db, ws, { groupBy: 'model' });
    expect(o.asOf).toBe('2026-10-20');
    const [x] = await rows<{ mtd: string; same: string; whole: string; req: string }>(t.db, sql`select
      round((select sum(cost) from usage where workspace_id = ${ws} and day between '2026-10-01' and '2026-10-20'), 2)::text as mtd,
      round((select sum(cost) from usage where workspace_id = ${ws} and day between '2026-09-01' and '2026-09-20'), 2)::text as same,
      round((select sum(cost) from usage where workspace_id = ${ws} and day between '2026-09-01' and '2026-09-30'), 2)::text as whole,
      (select sum(requests) from usage where workspace_id = ${ws} and day between '2026-10-01' and '2026-10-20')::text as req`);
    expect(o.month.spend).toBe(x!.mtd);
    expect(o.lastMonthSameDays).toBe(x!.same);
    expect(o.lastMonth).toBe(x!.whole);
    expect(o.month.requests).toBe(Number(x!.req));
    // 11 days left at the recent daily rate: the forecast lies above what is spent, inside its own range.
    expect(o.forecast!.daysLeft).toBe(11);
    expect(Number(o.forecast!.spend)).toBeGreaterThan(Number(o.month.spend));
    expect(Number(o.forecast!.low)).toBeLessThanOrEqual(Number(o.forecast!.spend));
    expect(Number(o.forecast!.high)).toBeGreaterThanOrEqual(Number(o.forecast!.spend));
    const [top] = await rows<{ name: string }>(t.db, sql`select m.name from usage u join models m on m.id = u.model_id
      where u.workspace_id = ${ws} and u.day between '2026-10-01' and '2026-10-20' group by m.name order by sum(u.cost) desc limit 1`);
    expect(o.topModel!.name).toBe(top!.name);
    expect(new Set(o.series.map((s) => s.key)).size).toBeLessThanOrEqual(7);
    expect(o.openWeightsShare).toBeGreaterThan(0);
    expect(o.openWeightsShare).toBeLessThan(1);
    const byProject = await getOverview(t.db, ws, { groupBy: 'project' });
    expect([...new Set(byProject.series.map((s) => s.key))].sort()).toEqual(['code-review', 'doc-summarizer', 'search-rag', 'support-bot']);
  });

  test('on a month\'s last day the forecast is what the month came to, and a frozen report gives no range for it', async () => {
    const done = (await createWorkspace(t.db, { slug: 'month-end', name: 'Month end' })).id;
    await loadDemoUsage(t.db, done, '2026-10-31');
    const o = await getOverview(t.db, done, { groupBy: 'model' });
    expect(o.asOf).toBe('2026-10-31');
    expect(o.forecast).toEqual({ spend: o.month.spend, low: o.month.spend, high: o.month.spend, daysLeft: 0 });
    const report = await buildOverviewSnapshot(t.db, done);
    expect(JSON.stringify(report)).not.toMatch(/range \$/);
    expect(JSON.stringify(await buildOverviewSnapshot(t.db, ws))).toMatch(/range \$[\d,]+\.\d\d to \$/);
  });

  test('an empty workspace says so', async () => {
    const empty = (await createWorkspace(t.db, { slug: 'empty', name: 'Empty' })).id;
    expect((await getOverview(t.db, empty, { groupBy: 'model' })).asOf).toBeNull();
  });
});
