import { describe, expect, it, test } from 'vitest';
import { axisLabelIndexes, placeLabels } from './chart-labels';
import { headerGroups, planTable, PRINT_WIDTH_PX, tableWidth } from './print-layout';
import type { ReportColumn, ReportTable } from './types';

const usd = (key: string, label: string): ReportColumn => ({ key, label, unit: 'usd' });
const table = (columns: ReportColumn[], rows = 12): ReportTable => ({
  name: 't', title: 'T', columns,
  rows: Array.from({ length: rows }, (_, i) => Object.fromEntries(columns.map((c, j) => [c.key, j === 0 ? `Option ${i} on a provider` : String(-12345.67 * (i + 1))]))),
});
const months = (targets: number) => table([{ key: 'm', label: 'Month', unit: 'integer' }, usd('b', 'Today (with growth)'),
  ...Array.from({ length: targets }, (_, i) => [usd(`p${i}`, `Llama 3 70B on host ${i}: total cost`), usd(`c${i}`, `Llama 3 70B on host ${i}: cumulative savings`)]).flat()]);

describe('print layout', () => {
  it('puts `Group: column` headers under one heading, and leaves a lone prefixed column alone', () => {
    const g = headerGroups(months(2).columns);
    expect(g.map((x) => [x.label, x.columns.map((c) => c.short)])).toEqual([
      [null, ['Month']], [null, ['Today (with growth)']],
      ['Llama 3 70B on host 0', ['total cost', 'cumulative savings']], ['Llama 3 70B on host 1', ['total cost', 'cumulative savings']],
    ]);
    expect(headerGroups([usd('a', 'A: only')])).toEqual([{ label: null, columns: [{ ...usd('a', 'A: only'), short: 'A: only' }] }]);
  });

  test.each([
    [2, 'portrait', 1],
    [4, 'landscape', 1],
    [8, 'landscape', 2],
  ] as const)('a month-by-month table with %i targets prints %s in %i part(s), each part inside its page', (targets, orientation, parts) => {
    const t = months(targets);
    const plan = planTable(t);
    expect(plan.orientation).toBe(orientation);
    expect(plan.parts).toHaveLength(parts);
    for (const p of plan.parts) {
      expect(p[0]!.columns[0]!.key).toBe('m'); // every part starts with the row's name
      expect(tableWidth(t, p, plan.compact)).toBeLessThanOrEqual(PRINT_WIDTH_PX[plan.orientation]);
    }
    expect(plan.parts.flatMap((p) => p.flatMap((g) => g.columns.map((c) => c.key))).filter((k) => k !== 'm')).toEqual(t.columns.slice(1).map((c) => c.key));
  });
});

describe('chart labels', () => {
  it('places labels of points that sit together without overlap, falling back to the number', () => {
    const area = { l: 0, t: 0, r: 400, b: 200 };
    const pts = [100, 104, 108].map((x, i) => ({ x, y: 100, texts: [`${i + 1} A long option name number ${i + 1}`, String(i + 1)] }));
    const placed = placeLabels(pts, area, pts.map((p) => ({ l: p.x - 6, r: p.x + 6, t: p.y - 6, b: p.y + 6 })), 11.5);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!.box; const b = placed[j]!.box;
        expect(a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b, `${placed[i]!.text} / ${placed[j]!.text}`).toBe(false);
      }
    }
    expect(placed.some((p) => /^\d$/.test(p.text))).toBe(true);
  });

  it('shows the last axis label and drops the one that would touch it', () => {
    expect(axisLabelIndexes(20, 30, 60)).toEqual([0, 3, 6, 9, 12, 15, 19]);
    expect(axisLabelIndexes(18, 30, 60)).toEqual([0, 3, 6, 9, 12, 17]);
    expect(axisLabelIndexes(1, 30, 60)).toEqual([0]);
  });
});
