import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bool, count, granularityOf, isBlank, money, time, ValueError } from './values';

describe('count', () => {
  test.each([['10.0', 10], ['59200.0', 59200], ['1,234', 1234], [42, 42], ['', 0], ['--', 0]])('%j → %d', (v, n) => {
    expect(count(v, 'x')).toBe(n);
  });
  test.each([['-3', /negative/], ['1.5', /whole number/], ['abc', /not a number/], ['=HYPERLINK("x")', /not a number/]])('%j refused', (v, re) => {
    expect(() => count(v, 'input_tokens')).toThrow(re);
  });
});

describe('money', () => {
  test.each([
    ['0.34090000000000000', {}, '0.3409'],
    ['123.45', { cents: true }, '1.2345'],
    [0.000015, {}, '0.000015'],
    ['$2.50', {}, '2.5'],
    ['--', {}, null],
  ] as const)('%j %j → %j', (v, opts, out) => {
    expect(money(v, 'cost', opts)).toBe(out);
  });
});

describe('time', () => {
  test.each([
    [1759622400, '2025-10-05T00:00:00.000Z'],
    ['1759622400', '2025-10-05T00:00:00.000Z'],
    ['2025-10-05T00:00:00+00:00', '2025-10-05T00:00:00.000Z'],
    ['2025-10-05T02:00:00+02:00', '2025-10-05T00:00:00.000Z'],
    ['2026-03-31 14:00', '2026-03-31T14:00:00.000Z'],
    ['2026-02-08', '2026-02-08T00:00:00.000Z'],
    ['2024-06-17 10:11:12.345', '2024-06-17T10:11:12.345Z'],
    ['2024-07-02 09:14:03.12+00', '2024-07-02T09:14:03.120Z'],
  ])('%j', (v, iso) => {
    expect(time(v, 't').toISOString()).toBe(iso);
  });
  test.each([['2024-02-30', /not a real date/], ['2019-12-31', /out of range/], ['yesterday', /not a date/], ['2999-01-01', /out of range/]])('%j refused', (v, re) => {
    expect(() => time(v, 'date')).toThrow(re);
  });
});

test('bool and granularity', () => {
  expect(bool('FALSE')).toBe(false);
  expect(bool('true')).toBe(true);
  expect(() => bool('maybe')).toThrow(ValueError);
  const t = new Date('2025-10-05T00:00:00Z');
  expect(granularityOf(t, new Date(t.getTime() + 86_400_000))).toBe('day');
  expect(granularityOf(t, new Date(t.getTime() + 60_000))).toBe('minute');
  expect(granularityOf(t, new Date(t.getTime() + 3_600_000))).toBe('hour');
});

describe('isBlank', () => {
  const words = ['', '--', '-', 'null', 'none', 'n/a', 'na', 'nan', 'undefined'];
  const slow = (v: string) => words.includes(v.trim().toLowerCase());
  test('its shortcut agrees with the plain rule (trimmed, lower-cased, a null word) on any string', () => {
    const padded = fc.tuple(fc.constantFrom(...words, 'NULL', 'N/A', 'Undefined', 'nope', 'user-1', '-3'), fc.stringMatching(/^[ \t\r\n\u00a0\ufeff]{0,12}$/), fc.stringMatching(/^[ \t\r\n\u00a0]{0,12}$/))
      .map(([w, a, b]) => `${a}${w}${b}`);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), padded), (v) => { expect(isBlank(v)).toBe(slow(v)); }), { numRuns: 20000 });
  });
});
