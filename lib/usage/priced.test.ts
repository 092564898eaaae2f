import { describe, expect, test } from 'vitest';
import { moneyOrUnpriced, ratePer, sumPriced } from './priced';

describe('sumPriced: unpriced is null, never zero', () => {
  test.each([
    { values: [], sum: '0' },
    { values: [null], sum: null },
    { values: [null, null], sum: null },
    { values: ['1.25', null], sum: '1.25' },
    { values: ['0.1', '0.2'], sum: '0.3' },
    { values: ['0', null], sum: '0' },
  ])('$values → $sum', ({ values, sum }) => expect(sumPriced(values)).toBe(sum));
});

test('ratePer and moneyOrUnpriced keep null apart from zero', () => {
  expect(ratePer(null, 1000, 1e6, 4)).toBeNull();
  expect(ratePer('2', 2_000_000, 1e6, 4)).toBe('1');
  expect(ratePer('2', 0, 1e6, 4)).toBeNull();
  expect(moneyOrUnpriced(null, (v) => `$${v}`)).toBe('unpriced');
  expect(moneyOrUnpriced('0', (v) => `$${v}`)).toBe('$0');
});
