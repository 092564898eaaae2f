import { describe, expect, test } from 'vitest';
import { formatCurrency, parseDecimal, toDecimalString } from './money';

describe('money', () => {
  test.each([
    [5e-7, '0.0000005'],
    ['1.5e-06', '0.0000015'],
    ['10.0', '10'],
    ['1,234.50', '1234.5'],
  ])('parseDecimal(%j)', (raw, expected) => {
    expect(toDecimalString(parseDecimal(raw))).toBe(expected);
  });

  test('per-token prices scale to per-1M exactly (no float drift)', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in decimals it is 0.3.
    expect(toDecimalString(parseDecimal('0.1').plus('0.2'))).toBe('0.3');
    expect(toDecimalString(parseDecimal(1.5e-7).times(1_000_000))).toBe('0.15');
  });

  test('rejects what is not a number', () => {
    expect(() => parseDecimal('abc')).toThrow(/not a number/);
    expect(() => parseDecimal(Number.NaN)).toThrow();
  });

  test.each([
    ['0.5', '$0.50'],
    ['0.05', '$0.05'],
    ['-0.25', '-$0.25'],
    ['1.5', '$1.50'],
    ['1234.567', '$1,234.57'],
    ['0.0575', '$0.0575'],
    ['0', '$0.00'],
  ])('formatCurrency(%s) = %s', (v, expected) => {
    expect(formatCurrency(v)).toBe(expected);
  });
});
