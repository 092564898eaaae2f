import { D, toDecimalString } from '@/lib/money';

/**
 * Money over usage some of which may have no price. An unpriced amount is null, never zero: a sum of unpriced usage
 * is null, a sum with some priced usage is the priced part (the unpriced row count beside it says it is partial),
 * and a sum over no usage at all is 0 (nothing was spent).
 */
export function sumPriced(values: readonly (string | null)[], maxDp = 10): string | null {
  let total: InstanceType<typeof D> | null = values.length === 0 ? new D(0) : null;
  for (const v of values) if (v !== null) total = (total ?? new D(0)).plus(v);
  return total === null ? null : toDecimalString(total, maxDp);
}

/** `a / b` scaled (e.g. per 1M tokens), null when the money is unpriced or there is nothing to divide by. */
export function ratePer(spend: string | null, by: number, scale: number, maxDp: number): string | null {
  if (spend === null || !by) return null;
  return toDecimalString(new D(spend).div(by).times(scale), maxDp);
}

/** How a person reads an amount that may be unpriced, next to what formats it when it is not. */
export function moneyOrUnpriced(v: string | null, format: (v: string) => string): string {
  return v === null ? 'unpriced' : format(v);
}
