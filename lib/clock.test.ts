import { afterEach, describe, expect, test } from 'vitest';
import { now, today } from './clock';

describe('clock', () => {
  const saved = process.env.FRONTIER_NOW;
  afterEach(() => { if (saved === undefined) delete process.env.FRONTIER_NOW; else process.env.FRONTIER_NOW = saved; });

  test('FRONTIER_NOW pins the day: a date is noon UTC that day, a date-time is itself', () => {
    process.env.FRONTIER_NOW = '2026-12-01';
    expect(now().toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(today()).toBe('2026-12-01');
    process.env.FRONTIER_NOW = '2026-11-30T23:59:00Z';
    expect(today()).toBe('2026-11-30');
  });

  test('unset is the real clock; a value that is no date is refused, not read as today', () => {
    delete process.env.FRONTIER_NOW;
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
    process.env.FRONTIER_NOW = 'tomorrow';
    expect(() => now()).toThrow('FRONTIER_NOW is not a date: tomorrow');
  });
});
