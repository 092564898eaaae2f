import Decimal from 'decimal.js';

/**
 * Money and prices are exact decimals end to end: `numeric` in Postgres, decimal strings on the wire,
 * Decimal in TypeScript. Floats appear only at the very edge, for a chart's coordinates.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof D>;

/** A decimal string as it should travel in JSON: no exponent, no trailing zeros past `maxDp`. */
export function toDecimalString(value: Dec | string | number, maxDp = 10): string {
  const d = new D(value);
  return d.toDecimalPlaces(maxDp).toFixed();
}

/** Parse a number written by a person or a JSON encoder (`5e-07`, `1,234.50`, `10.0`) exactly. */
export function parseDecimal(raw: string | number): Dec {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new RangeError(`not a finite number: ${raw}`);
    return new D(String(raw));
  }
  const s = raw.trim().replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) throw new RangeError(`not a number: "${raw}"`);
  return new D(s);
}

/**
 * One currency formatter for every screen (exact, without decimal.js, so pages can use it too): prices per token are
 * often fractions of a cent, so small values keep up to 4 significant digits instead of rounding to $0.00.
 */
export { formatCurrency, formatPricePair } from './format-currency';
