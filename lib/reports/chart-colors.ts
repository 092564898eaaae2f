import { optionColor } from '@/lib/models/colors';
import type { ReportScatterChart, ReportSeriesChart } from './types';

/**
 * Colours of a snapshot's series and points, shared by the report page (Recharts) and the share page and PDF
 * (lib/reports/print-charts.ts), so an option keeps the colour it had on What-if: its position in the scenario
 * (`options`/`option`, recorded when the snapshot was built). Older snapshots without it fall back to list order.
 */
export function seriesColor(chart: ReportSeriesChart, i: number): string {
  return optionColor(chart.options?.[i] ?? i);
}

export const TODAY_COLOR = 'var(--muted)';

export function pointColor(chart: ReportScatterChart, i: number): string {
  const p = chart.points[i]!;
  if (p.current) return TODAY_COLOR;
  return optionColor(p.option ?? chart.points.slice(0, i).filter((q) => !q.current).length);
}
