import { describe, expect, test } from 'vitest';
import type { Group } from './delta';
import { dailyRollupRows, deltaCsv, PendingDelta } from './delta';

const model = { rawModel: 'gpt-4o-2024-08-06', rawCsv: '"gpt-4o-2024-08-06"', modelCsv: '"gpt-4o-2024-08-06"' };
const group = (over: Partial<Group>): Group => ({
  day: '2026-08-01', provider: 'openai', model, project: 'p1', apiKey: 'k1', userRef: 'u1', hasReported: false, rows: 1, requests: 2, inputTokens: 100,
  cachedInputTokens: 10, outputTokens: 50, reported: null, costed: true, cost: 1_500_000_000_000n, units: 0, unitScale: 0, unpriced: 0, noPrice: 0,
  unmapped: 0, backdated: 0, costOnly: 0, batchRows: 0, ...over,
});

/** Rows of one table from dailyRollupRows, as field arrays. */
const rowsOf = (parts: ReturnType<typeof dailyRollupRows>, table: string) =>
  (parts.find((p) => p.table === table)?.csv ?? '').split('\n').filter(Boolean).map((l) => l.split(','));

describe('the rollup delta held in Node', () => {
  test('groups of the same dimensions add up across batches; take(day) hands over only the days before it', () => {
    const d = new PendingDelta();
    d.add([group({}), group({ day: '2026-08-02' })]);
    d.add([group({ rows: 3, inputTokens: 1000, cost: 2_000_000_000_000n, reported: 250_000_000_000n, hasReported: false })]);
    const first = d.take('2026-08-02');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ day: '2026-08-01', rows: 4, inputTokens: 1100n, cost: 3_500_000_000_000n, reported: 250_000_000_000n });
    expect(d.take('2026-08-02')).toEqual([]);
    const rest = d.take();
    expect(rest.map((g) => g.day)).toEqual(['2026-08-02']);
    expect(d.take()).toEqual([]);
    // The delta table's CSV: dimensions, then the measures in RECONCILIATION_MEASURES order, money at 12 decimals.
    expect(deltaCsv(first)).toBe('2026-08-01,"openai","gpt-4o-2024-08-06","gpt-4o-2024-08-06","p1","k1","u1",f,4,4,1100,20,100,3.5,0.25,0,0,0,0,0,0\n');
  });

  test('each daily rollup gets the groups summed by its own dimensions; the reported-cost rollup only rows that carried a cost', () => {
    const d = new PendingDelta();
    d.add([
      group({}),
      group({ userRef: 'u2', inputTokens: 200 }),
      group({ apiKey: 'k2', inputTokens: 400, hasReported: true, reported: 1_000_000_000_000n, unpriced: 1, noPrice: 1 }),
      group({ provider: '', model: { rawModel: 'mystery', rawCsv: '"mystery"', modelCsv: '' }, costed: false, cost: 0n, unmapped: 1, unpriced: 1 }),
    ]);
    const parts = dailyRollupRows('ws', d.take());
    // usage_daily_model: (provider, model) → two rows; the known model sums three groups (100 + 200 + 400 input).
    const byModel = rowsOf(parts, 'usage_daily_model');
    expect(byModel).toHaveLength(2);
    const gpt = byModel.find((r) => r[3] === '"gpt-4o-2024-08-06"')!;
    // workspace, day, provider, raw model, model id, rows, requests, input, cached, output, cost, reported cost, unpriced
    expect(gpt).toEqual(['ws', '2026-08-01', '"openai"', '"gpt-4o-2024-08-06"', '"gpt-4o-2024-08-06"', '3', '6', '700', '30', '150', '4.5', '1', '1']);
    // An unknown model keeps a null model id and a null cost; its provider is '' as the rollups key it.
    expect(byModel.find((r) => r[3] === '"mystery"')).toEqual(['ws', '2026-08-01', '""', '"mystery"', '', '1', '2', '100', '10', '50', '', '', '1']);
    // usage_daily_key: (project, key) → k1 (three groups, two models) and k2.
    expect(rowsOf(parts, 'usage_daily_key').map((r) => [r[3], r[6]])).toEqual([['"k1"', '400'], ['"k2"', '400']]);
    // usage_daily_user_full keeps every group apart; usage_daily_reported only the one with a reported cost.
    expect(rowsOf(parts, 'usage_daily_user_full')).toHaveLength(4);
    const reported = rowsOf(parts, 'usage_daily_reported');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.slice(5, 13)).toEqual(['1', '2', '400', '10', '50', '1.5', '1', '1']);
  });
});
