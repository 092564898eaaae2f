import { describe, expect, test } from 'vitest';
import type { Tariff } from './costing';
import { costOf, costUnits, createPricer, decimal12, scaled } from './costing';
import { record } from './values';

const row = (inputTokens: number, cachedInputTokens: number, outputTokens: number, batch = false) =>
  record({ occurredAt: new Date('2025-01-01T00:00:00Z'), rawModel: 'm', inputTokens, cachedInputTokens, outputTokens, batch });

function tariff(input: string, output: string, cached: string | null = null, discountPercent: string | null = null): Tariff {
  const pricer = createPricer({
    workspaceId: 'w', discounts: discountPercent ? [{ workspaceId: 'w', providerId: 'openai', percent: discountPercent, effectiveFrom: '2024-01-01' }] : [],
    candidates: [{ sheetId: 's', workspaceId: null, source: 'litellm', complete: true, effectiveFrom: '2024-01-01', modelId: 'm', providerId: 'openai', inputPerMtok: input, outputPerMtok: output, cachedInputPerMtok: cached, batchInputPerMtok: null, batchOutputPerMtok: null }],
  });
  return pricer('m', 'openai', '2025-01-01')!;
}

/** The exact cost both ways, as a decimal string. */
function both(t: Tariff, r: ReturnType<typeof row>): { big: string; units: string | null } {
  const big = decimal12(costOf(t, r)!);
  if (!t.units) return { big, units: null };
  const n = costUnits(t.units, r);
  return { big, units: n < 0 ? null : decimal12(BigInt(n) * 10n ** BigInt(6 - t.units.scale)) };
}

describe('ingest costing', () => {
  test.each([
    ['1.5', 18, 1_500_000_000_000_000_000n],
    ['0.0000000001', 18, 100_000_000n],
    ['12', 0, 12n],
    ['2.50', 1, 25n],
  ])('scaled(%s, %i)', (v, scale, expected) => expect(scaled(v, scale)).toBe(expected));

  test('scaled refuses to round', () => expect(() => scaled('0.125', 2)).toThrow(RangeError));

  test.each([[0n, '0'], [1n, '0.000000000001'], [3_250_000_000_000n, '3.25'], [-5n, '-0.000000000005']])('decimal12(%s)', (v, s) => expect(decimal12(v)).toBe(s));

  test.each([
    ['plain', tariff('2.5', '10', '1.25'), row(1_000_000, 200_000, 100_000), '3.25'],
    ['batch halves input and output, not cached', tariff('2.5', '10', '1.25'), row(1_000_000, 200_000, 100_000, true), '1.75'],
    ['no cached price: the input price', tariff('0.15', '0.6'), row(1000, 1000, 0), '0.00015'],
    ['rounded at 12 decimals', tariff('0.0000000005', '0'), row(1, 0, 0), '0'], // 5e-16
    ['an exact half rounds up', tariff('0.0000000005', '0'), row(1000, 0, 0), '0.000000000001'], // 5e-13
    ['a discount of 12.3457%', tariff('2.5', '10', '1.25', '12.3457'), row(3, 1, 7), '0.000066836404'], // 66.83640375e-6
    ['a price of 10 decimals', tariff('7.1234567891', '0.0000000007'), row(999_983, 0, 1), '7.123335690335'], // 7.123335690334586
    ['tokens near 2^53 go to BigInt', tariff('2.5', '10'), row(Number.MAX_SAFE_INTEGER, 0, 0), '22517998136.8524775'],
  ])('%s', (_name, t, r, expected) => {
    const { big, units } = both(t, r);
    expect(big).toBe(expected);
    if (units !== null) expect(units).toBe(big);
  });
});
