import { describe, expect, test } from 'vitest';
import { optionColor } from '@/lib/models/colors';
import { pointColor, seriesColor, TODAY_COLOR } from './chart-colors';
import { lineChart, scatterChart } from './print-charts';
import type { ReportScatterChart, ReportSeriesChart } from './types';

// A scenario of four options where the second has no price: it is missing from the cumulative chart and the
// scatter, yet options 3 and 4 keep the colours What-if gives them (optionColor of their scenario position).
const cumulative: ReportSeriesChart = {
  title: 'Cumulative savings', xLabel: 'Month', unit: 'usd', series: ['A', 'C', 'D'], options: [0, 2, 3],
  points: [{ x: '1', values: { A: '1', C: '2', D: '3' } }, { x: '2', values: { A: '2', C: '3', D: '4' } }],
};
const scatter: ReportScatterChart = {
  title: 'Cost against quality',
  points: [
    { label: 'Today', monthlyCost: '1000', elo: 1100, eloLower: null, eloUpper: null, current: true },
    { label: 'A', monthlyCost: '900', elo: 1150, eloLower: null, eloUpper: null, option: 0 },
    { label: 'C', monthlyCost: '700', elo: 1050, eloLower: null, eloUpper: null, option: 2 },
    { label: 'D', monthlyCost: '500', elo: 1000, eloLower: null, eloUpper: null, option: 3 },
  ],
};

describe('an option has one colour on What-if, the report, the share page and the PDF', () => {
  test.each([[0, 0], [1, 2], [2, 3]])('series %i (option %i)', (i, option) => {
    expect(seriesColor(cumulative, i)).toBe(optionColor(option));
    expect(lineChart(cumulative)).toContain(`stroke="${optionColor(option)}"`);
  });

  test.each([[1, 0], [2, 2], [3, 3]])('scatter point %i (option %i); today is grey', (i, option) => {
    expect(pointColor(scatter, i)).toBe(optionColor(option));
    expect(pointColor(scatter, 0)).toBe(TODAY_COLOR);
    expect(scatterChart(scatter, '')).toContain(`fill="${optionColor(option)}"`);
  });

  test('a snapshot saved before options were recorded falls back to list order, today excluded', () => {
    const old: ReportScatterChart = { ...scatter, points: scatter.points.map(({ option: _, ...p }) => p) };
    expect([1, 2, 3].map((i) => pointColor(old, i))).toEqual([0, 1, 2].map(optionColor));
    expect(seriesColor({ ...cumulative, options: undefined }, 1)).toBe(optionColor(1));
  });
});
