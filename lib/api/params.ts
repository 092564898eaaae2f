import { z } from 'zod';

/**
 * Parameter types shaped by what the database will take, so a value the schema accepts cannot fail there (a 500)
 * instead of being refused here (a 400): a date that is on the calendar, an int that fits Postgres' `integer`, a
 * decimal that fits its `numeric(p, s)` column.
 */
export const INT4_MAX = 2_147_483_647;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` naming a real day from year 1 to 9999 (Postgres has no year 0; 2025-02-30 is no day at all). */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** A calendar day as `YYYY-MM-DD`. */
export const isoDay = (message = 'expected a date as YYYY-MM-DD') => z.string().refine(isCalendarDay, message);

/** A positive whole number from a query string that fits an `integer` column (a version, a page). */
export const queryInt = (min = 1, max = INT4_MAX) => z.coerce.number().int().min(min).max(max);

/** The same from JSON. */
export const jsonInt = (min = 1, max = INT4_MAX) => z.number().int().min(min).max(max);

/**
 * A non-negative decimal string for a `numeric(precision, scale)` column: at most precision - scale digits before
 * the point (more overflow the column). Digits after it beyond the scale are rounded by Postgres, up to 20 taken.
 */
export function decimalString(precision: number, scale: number, message: string) {
  const whole = precision - scale;
  return z.string().regex(new RegExp(`^0*\\d{1,${whole}}(\\.\\d{1,20})?$`), `${message} (at most ${whole} digits before the point)`);
}
