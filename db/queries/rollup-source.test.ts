import { describe, expect, test } from 'vitest';
import { chooseFamily, planSource, splitRange } from './rollup-source';

describe('splitRange: whole months from the monthly rollup, the ends from the daily one', () => {
  test.each([
    ['2025-11-01', '2026-10-31', { months: { from: '2025-11-01', to: '2026-10-01' }, days: [] }],
    ['2026-10-01', '2026-10-31', { months: { from: '2026-10-01', to: '2026-10-01' }, days: [] }],
    ['2026-10-02', '2026-10-31', { months: null, days: [{ from: '2026-10-02', to: '2026-10-31' }] }],
    ['2026-08-03', '2026-10-31', { months: { from: '2026-09-01', to: '2026-10-01' }, days: [{ from: '2026-08-03', to: '2026-08-31' }] }],
    ['2026-08-01', '2026-10-30', { months: { from: '2026-08-01', to: '2026-09-01' }, days: [{ from: '2026-10-01', to: '2026-10-30' }] }],
    ['2024-02-10', '2024-03-31', { months: { from: '2024-03-01', to: '2024-03-01' }, days: [{ from: '2024-02-10', to: '2024-02-29' }] }],
    ['2025-12-15', '2026-01-10', { months: null, days: [{ from: '2025-12-15', to: '2026-01-10' }] }],
    ['2025-12-15', '2026-02-10', { months: { from: '2026-01-01', to: '2026-01-01' }, days: [{ from: '2025-12-15', to: '2025-12-31' }, { from: '2026-02-01', to: '2026-02-10' }] }],
    ['2026-10-05', '2026-10-05', { months: null, days: [{ from: '2026-10-05', to: '2026-10-05' }] }],
    ['2026-10-06', '2026-10-05', { months: null, days: [] }],
  ])('%s … %s', (from, to, expected) => {
    expect(splitRange(from, to)).toEqual(expected);
  });
});

test.each([
  [['model'], 'model'], [['provider'], 'model'], [[], 'model'], [['project'], 'key'], [['project', 'key'], 'key'],
  [['user'], 'user'], [['user', 'model'], 'user'], [['model', 'key'], 'full'], [['user', 'project'], 'userFull'], [['user', 'key', 'model', 'provider', 'project'], 'userFull'],
] as const)('the smallest rollup with %j is %s', (dims, family) => {
  expect(chooseFamily([...dims])).toBe(family);
});

test('a view that needs days reads daily rows only', () => {
  expect(planSource({ from: '2025-11-01', to: '2026-10-31' }, { dims: ['key'], grain: 'day' })).toEqual({ family: 'key', months: null, days: [{ from: '2025-11-01', to: '2026-10-31' }] });
});
