import { describe, expect, test } from 'vitest';
import { decimalString, INT4_MAX, isCalendarDay, isoDay, jsonInt, queryInt } from './params';

describe('isCalendarDay', () => {
  test.each(['2025-02-28', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2025-04-30', '2025-12-31'])('%s is a day', (s) => {
    expect(isCalendarDay(s)).toBe(true);
  });
  test.each(['2025-02-29', '1900-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32', '0000-01-01', '9999-99-99',
    '2025-1-1', '12025-01-01', '2025-01-01T00:00:00Z', '２０２５-０１-０１', '٢٠٢٥-٠١-٠١', ' 2025-01-01', ''])('%j is not', (s) => {
    expect(isCalendarDay(s)).toBe(false);
  });
  test('agrees with the calendar on every day of a leap and a common year', () => {
    for (const year of [2024, 2025, 2100]) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const s = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isCalendarDay(s), s).toBe(new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s);
        }
      }
    }
  });
  test('isoDay refuses with one message', () => {
    const r = isoDay('expected YYYY-MM-DD').safeParse('2025-02-30');
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['expected YYYY-MM-DD']);
  });
});

describe('ints and decimals that fit their columns', () => {
  test.each([['1', true], [String(INT4_MAX), true], [String(INT4_MAX + 1), false], ['9223372036854775808', false], ['0', false], ['-1', false], ['1.5', false], ['1e309', false], ['NaN', false]])(
    'queryInt %s: %s', (s, ok) => { expect(queryInt().safeParse(s).success).toBe(ok); },
  );
  test('jsonInt', () => {
    expect(jsonInt().safeParse(INT4_MAX).success).toBe(true);
    for (const v of [INT4_MAX + 1, 9007199254740993, 1e308, 0, 0.5, '1']) expect(jsonInt().safeParse(v).success).toBe(false);
  });
  test.each([['0.59', true], ['9999999999.9999999999', true], ['0000000000012.5', true], ['99999999999', false], ['9'.repeat(40), false], ['1e5', false], ['-1', false], ['.5', false], [`1.${'1'.repeat(21)}`, false]])(
    'decimalString(20, 10) %s: %s', (s, ok) => { expect(decimalString(20, 10, 'a price').safeParse(s).success).toBe(ok); },
  );
});
