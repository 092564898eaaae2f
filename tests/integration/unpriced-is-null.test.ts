import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useDatabaseForTests } from '@/db';
import { createWorkspace } from '@/db/queries/accounts';
import { getOverview } from '@/db/queries/get-overview';
import { getUsageExplorer } from '@/db/queries/get-usage-explorer';
import { getUsageSummary } from '@/db/queries/get-usage-summary';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { GET as explore } from '@/app/api/v1/usage/explore/route';
import { createApiKey } from '@/lib/auth/service';
import { parseMapSpec } from '@/lib/ingest/formats/generic-csv';
import { buildOverviewSnapshot } from '@/lib/reports/build-overview';
import { buildUsageSnapshot } from '@/lib/reports/build-usage';
import { reportToCsv } from '@/lib/reports/export-csv';
import { formatCell } from '@/lib/reports/format';
import { explorerParamsSchema } from '@/lib/usage/explorer-params';
import { ingestBytes } from './helpers/ingest';

/**
 * Issue "Every dollar right", item 7: usage without a price is null with an unpriced row count beside it, in every
 * view (usage summary, explorer and its CSV, overview, reports), as ingest reports it; never $0.
 * The file: GPT-3.5 Turbo 0125, 1M in + 1M out on 2024-07-01 at $0.50/$1.50 per 1M = $2; a model the catalog lacks,
 * 1M + 1M on 2024-07-01 and again on 2024-07-02 (two unpriced rows).
 */
const CSV = 'When,Engine,Prompt,Completion\n2024-07-01,gpt-3.5-turbo-0125,1000000,1000000\n2024-07-01,mystery-model-x,1000000,1000000\n2024-07-02,mystery-model-x,1000000,1000000\n';
const ONLY_UNPRICED = 'When,Engine,Prompt,Completion\n2024-07-02,mystery-model-x,500,500\n';
const MAP = parseMapSpec('time=when,model=engine,input=prompt,output=completion,defaultProvider=openai');

describe.each(testEngines())('unpriced usage is null, never zero, on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let only = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    ws = (await createWorkspace(t.db, { slug: 'mixed', name: 'Mixed' })).id;
    only = (await createWorkspace(t.db, { slug: 'only', name: 'Only unpriced' })).id;
    expect(await ingestBytes(t, ws, 'mixed.csv', CSV, { mapping: MAP })).toMatchObject({ status: 'ingested', rowsIngested: 3, computedCostUsd: '2' });
    expect(await ingestBytes(t, only, 'only.csv', ONLY_UNPRICED, { mapping: MAP })).toMatchObject({ status: 'ingested', rowsIngested: 1, computedCostUsd: null });
  }, 300_000);
  afterAll(async () => t?.destroy());

  test('usage summary: null where ingest says null, the priced part with the unpriced rows counted, 0 over no usage', async () => {
    expect((await getUsageSummary(t.db, only, {})).totals).toMatchObject({ inputTokens: 500, computedCostUsd: null, unpricedRows: 1 });
    const day2 = await getUsageSummary(t.db, ws, { from: '2024-07-02', to: '2024-07-02', groupBy: 'model' });
    expect(day2.totals).toMatchObject({ inputTokens: 1_000_000, computedCostUsd: null, unpricedRows: 1 });
    const both = await getUsageSummary(t.db, ws, { from: '2024-07-01', to: '2024-07-02', groupBy: 'model' });
    expect(both.totals).toMatchObject({ inputTokens: 3_000_000, computedCostUsd: '2', unpricedRows: 2 });
    expect(both.groups.map((g) => [g.key, g.computedCostUsd, g.unpricedRows])).toEqual([['gpt-3.5-turbo-0125', '2', 0], ['mystery-model-x', null, 2]]);
    expect((await getUsageSummary(t.db, ws, { from: '2023-01-01', to: '2023-01-31' })).totals).toMatchObject({ requests: 0, computedCostUsd: '0', unpricedRows: 0 });
  });

  test('usage explorer and its CSV: an unpriced group has no spend, no unit cost, and its unpriced rows', async () => {
    const r = await getUsageExplorer(t.db, ws, explorerParamsSchema.parse({ from: '2024-07-01', to: '2024-07-02', groupBy: 'model' }));
    expect(r.totalSpend).toBe('2');
    expect(r.unpricedRows).toBe(2);
    expect(r.all.map((x) => [x.key, x.spend, x.perMtok, x.unpricedRows])).toEqual([['gpt-3.5-turbo-0125', '2', '1', 0], ['mystery-model-x', null, null, 2]]);
    const o = await getUsageExplorer(t.db, only, explorerParamsSchema.parse({ from: '2024-07-01', to: '2024-07-02', groupBy: 'model' }));
    expect([o.totalSpend, o.unpricedRows]).toEqual([null, 1]);

    const k = await createApiKey(t.db, ws, { label: 't' }, { name: 'csv', role: 'viewer' });
    const res = await explore(new Request('http://frontier.test/api/v1/usage/explore?from=2024-07-01&to=2024-07-02&groupBy=model&format=csv', { headers: { authorization: `Bearer ${k.key}` } }), { params: Promise.resolve({}) } as never);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('model,spend_usd,reported_usd,requests,input_tokens,cached_input_tokens,output_tokens,usd_per_1m_tokens,usd_per_request,unpriced_rows');
    expect(lines.slice(1)).toEqual(['GPT-3.5 Turbo (0125),2,,1,1000000,0,1000000,1,2,0', 'mystery-model-x,,,2,2000000,0,2000000,,,2']);
  });

  test('overview: a month of only unpriced usage is unpriced, not $0; a mixed month is the priced part with the rest counted', async () => {
    const o = await getOverview(t.db, only, { groupBy: 'model' });
    expect(o.month).toMatchObject({ from: '2024-07-01', to: '2024-07-02', spend: null, costPer1kRequests: null, unpricedRows: 1 });
    expect(o.topModel).toEqual({ name: 'mystery-model-x', spend: null });
    expect([o.lastMonthSameDays, o.lastMonth, o.forecast]).toEqual(['0', '0', null]);
    // The chart's series: no bar (null), not a $0 one.
    expect(o.series).toEqual([{ day: '2024-07-02', key: 'mystery-model-x', spend: null }]);
    const m = await getOverview(t.db, ws, { groupBy: 'model' });
    expect(m.month).toMatchObject({ spend: '2', unpricedRows: 2 });
    expect(m.topModel).toEqual({ name: 'GPT-3.5 Turbo (0125)', spend: '2' });
    expect(m.series).toEqual([{ day: '2024-07-01', key: 'GPT-3.5 Turbo (0125)', spend: 2 }, { day: '2024-07-01', key: 'mystery-model-x', spend: null }, { day: '2024-07-02', key: 'mystery-model-x', spend: null }]);
  });

  test('reports and their CSV export: unpriced cells are empty ("—" on the page), the unpriced rows a key number', async () => {
    const u = await buildUsageSnapshot(t.db, ws, 'from=2024-07-01&to=2024-07-02&groupBy=model');
    const key = (label: string) => u.keyNumbers.find((x) => x.label === label)?.value;
    expect([key('Spend'), key('Unpriced usage rows')]).toEqual(['2', 2]);
    const rows = u.tables.find((x) => x.name === 'comparison')!.rows;
    expect(rows.map((x) => [x.name, x.spend, x.share, x.unpricedRows])).toEqual([['GPT-3.5 Turbo (0125)', '2', '1', 0], ['mystery-model-x', null, null, 2]]);
    expect(formatCell(rows[1]!.spend!, 'usd')).toBe('—');
    expect(u.summary).toMatch(/cost \$2.00 over .* 2 usage rows have no price and are not in the spend\.$/);
    expect(u.tables.find((x) => x.name === 'monthly')!.rows).toEqual([{ month: '2024-07', spend: '2', requests: 3, input: 3_000_000, output: 3_000_000 }]);

    const only2 = await buildUsageSnapshot(t.db, only, 'from=2024-07-01&to=2024-07-02&groupBy=day');
    expect(only2.keyNumbers.find((x) => x.label === 'Spend')!.value).toBeNull();
    expect(only2.tables.find((x) => x.name === 'monthly')!.rows[0]).toMatchObject({ month: '2024-07', spend: null });
    expect(reportToCsv(only2, { title: 'U', version: 1 })).toContain('\r\nSpend,,usd\r\n');

    const ov = await buildOverviewSnapshot(t.db, only);
    expect(ov.keyNumbers.find((x) => x.label === 'Spend this month to date')!.value).toBeNull();
    expect(ov.keyNumbers.find((x) => x.label === 'Unpriced usage rows this month')!.value).toBe(1);
    expect(ov.tables.find((x) => x.name === 'comparison')!.rows).toEqual([{ model: 'mystery-model-x', spend: null, before: '0', change: null, share: null, requests: 1, unpricedRows: 1 }]);
    expect(ov.summary).toMatch(/spent unpriced on 1 requests/);
  });
});

/**
 * The Overview's movers and the explorer's ordering, with a week of no usage told apart from a week of unpriced
 * usage. Two weeks ending 2024-07-14: gpt-3.5 only in the second week ($2, new: a mover from $0); gpt-4o-mini
 * priced in both ($0.75 then $1.50: a mover by $0.75); mystery-model-x unpriced in the first week and not at all in
 * the second (no mover: its change is not known).
 */
const WEEKS = 'When,Engine,Prompt,Completion\n'
  + '2024-07-12,gpt-3.5-turbo-0125,1000000,1000000\n'
  + '2024-07-02,gpt-4o-mini-2024-07-18,1000000,1000000\n2024-07-12,gpt-4o-mini-2024-07-18,2000000,2000000\n'
  + '2024-07-03,mystery-model-x,1000000,1000000\n2024-07-14,gpt-3.5-turbo-0125,0,0\n';

describe.each(testEngines())('movers and ordering with unpriced usage on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'weeks', name: 'Weeks' })).id;
    expect(await ingestBytes(t, ws, 'weeks.csv', WEEKS, { mapping: MAP })).toMatchObject({ status: 'ingested', rowsIngested: 5 });
  }, 300_000);
  afterAll(async () => t?.destroy());

  test('a model new this week moves up from $0, not from "unpriced"; a change against an unpriced week is no mover', async () => {
    const o = await getOverview(t.db, ws, { groupBy: 'model' });
    expect(o.asOf).toBe('2024-07-14');
    expect(o.movers.map((m) => [m.key, m.before, m.after, m.change])).toEqual([
      ['GPT-3.5 Turbo (0125)', '0', '2', '2'],
      ['GPT-4o mini', '0.75', '1.5', '0.75'],
    ]);
  });

  test('unpriced groups sort last in both directions of a spend sort', async () => {
    const q = (dir: string) => getUsageExplorer(t.db, ws, explorerParamsSchema.parse({ from: '2024-07-01', to: '2024-07-14', groupBy: 'model', dir }));
    expect((await q('asc')).all.map((x) => x.key).at(-1)).toBe('mystery-model-x');
    expect((await q('desc')).all.map((x) => x.key).at(-1)).toBe('mystery-model-x');
  });
});
