import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { D, formatCurrency, parseDecimal, toDecimalString } from './money';

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
    ['0.99996', '$1.00'],
    ['0.0000001234567', '$0.0000001235'],
    ['1e-7', '$0.0000001'],
    ['-0.000000', '$0.00'],
    ['999.995', '$1,000.00'],
    ['511306124874735.055', '$511,306,124,874,735.06'],
  ])('formatCurrency(%s) = %s', (v, expected) => {
    expect(formatCurrency(v)).toBe(expected);
  });

  // The formatter pages use has no decimal.js: it must say exactly what the decimal.js statement of the rule says.
  test('formatCurrency agrees with decimal.js on generated amounts', () => {
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const reference = (value: string, exact = false) => {
      const d = new D(value);
      if (exact || d.abs().gte(1) || d.isZero()) return usd.format(Number(d.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed()));
      const sig = d.toSignificantDigits(4).abs();
      return `${d.isNeg() ? '-' : ''}$${sig.decimalPlaces() < 2 ? sig.toFixed(2) : sig.toFixed()}`;
    };
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.integer({ min: 0, max: 14 }), fc.boolean(), (n, scale, exact) => {
      const s = scale === 0 ? n.toString() : `${n < 0n ? '-' : ''}${(n < 0n ? -n : n).toString().padStart(scale + 1, '0').replace(new RegExp(`(\\d{${scale}})$`), '.$1')}`;
      expect(formatCurrency(s, { exact })).toBe(reference(s, exact));
    }), { numRuns: 5000, seed: 7 });
  });
});
