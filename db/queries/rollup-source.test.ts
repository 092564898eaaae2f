import { describe, expect, test } from 'vitest';
import { chooseFamily, planSource, splitRange } from './rollup-source';

describe('splitRange: months from the monthly rollup, days from the daily one, a mostly covered month as the month minus its other days', () => {
  test.each([
    ['2025-11-01', '2026-10-31', { months: { from: '2025-11-01', to: '2026-10-01' }, days: [], minus: [] }],
    ['2026-10-01', '2026-10-31', { months: { from: '2026-10-01', to: '2026-10-01' }, days: [], minus: [] }],
    // The last 30 days of October: the month minus its first day.
    ['2026-10-02', '2026-10-31', { months: { from: '2026-10-01', to: '2026-10-01' }, days: [], minus: [{ from: '2026-10-01', to: '2026-10-01' }] }],
    // 90 days: most of August (the month minus two days), then September and October.
    ['2026-08-03', '2026-10-31', { months: { from: '2026-08-01', to: '2026-10-01' }, days: [], minus: [{ from: '2026-08-01', to: '2026-08-02' }] }],
    ['2026-08-01', '2026-10-30', { months: { from: '2026-08-01', to: '2026-10-01' }, days: [], minus: [{ from: '2026-10-31', to: '2026-10-31' }] }],
    // A few days of a month stay days.
    ['2026-08-25', '2026-10-05', { months: { from: '2026-09-01', to: '2026-09-01' }, days: [{ from: '2026-08-25', to: '2026-08-31' }, { from: '2026-10-01', to: '2026-10-05' }], minus: [] }],
    ['2024-02-10', '2024-03-31', { months: { from: '2024-02-01', to: '2024-03-01' }, days: [], minus: [{ from: '2024-02-01', to: '2024-02-09' }] }],
    ['2024-02-16', '2024-03-31', { months: { from: '2024-03-01', to: '2024-03-01' }, days: [{ from: '2024-02-16', to: '2024-02-29' }], minus: [] }],
    ['2025-12-15', '2026-01-10', { months: { from: '2025-12-01', to: '2025-12-01' }, days: [{ from: '2026-01-01', to: '2026-01-10' }], minus: [{ from: '2025-12-01', to: '2025-12-14' }] }],
    ['2025-12-17', '2026-01-10', { months: null, days: [{ from: '2025-12-17', to: '2025-12-31' }, { from: '2026-01-01', to: '2026-01-10' }], minus: [] }],
    ['2025-12-20', '2026-01-25', { months: { from: '2026-01-01', to: '2026-01-01' }, days: [{ from: '2025-12-20', to: '2025-12-31' }], minus: [{ from: '2026-01-26', to: '2026-01-31' }] }],
    ['2026-10-05', '2026-10-05', { months: null, days: [{ from: '2026-10-05', to: '2026-10-05' }], minus: [] }],
    ['2026-10-03', '2026-10-29', { months: { from: '2026-10-01', to: '2026-10-01' }, days: [], minus: [{ from: '2026-10-01', to: '2026-10-02' }, { from: '2026-10-30', to: '2026-10-31' }] }],
    ['2026-10-06', '2026-10-05', { months: null, days: [], minus: [] }],
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
  expect(planSource({ from: '2025-11-01', to: '2026-10-31' }, { dims: ['key'], grain: 'day' })).toEqual({ family: 'key', months: null, days: [{ from: '2025-11-01', to: '2026-10-31' }], minus: [] });
});
