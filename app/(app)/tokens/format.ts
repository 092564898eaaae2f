import Decimal from 'decimal.js';

/** A ratio string ("0.804762") for people: four places, exact rounding of the decimal string. */
export function ratio4(s: string): string {
  return new Decimal(s).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed(4);
}

export const int = (n: number) => n.toLocaleString('en-US');

/** "19.5% fewer tokens" / "12.0% more tokens" / "the same number of tokens". */
export function changeWords(ratio: string): string {
  const pct = new Decimal(ratio).minus(1).times(100).toDecimalPlaces(1);
  if (pct.isZero()) return 'the same number of tokens';
  return `${pct.abs().toFixed(1)}% ${pct.isNeg() ? 'fewer' : 'more'} tokens`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
