'use client';

import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { pointColor, seriesColor } from '@/lib/reports/chart-colors';
import { formatCurrency } from '@/lib/format-currency';
import { formatCell } from '@/lib/reports/format';
import type { ReportScatterChart, ReportSeriesChart } from '@/lib/reports/types';
import { SnapshotTable } from './snapshot-table';

/** Charts of a frozen snapshot; each has its numbers as a table under "Show as table" (and for screen readers). */
export function CumulativeChart({ chart }: { chart: ReportSeriesChart }) {
  const data = chart.points.map((p) => ({ x: p.x, ...Object.fromEntries(chart.series.map((s) => [s, p.values[s] === null || p.values[s] === undefined ? null : Number(p.values[s])])) }));
  const money = chart.unit === 'usd';
  return (
    <div>
      <div className="h-72" role="img" aria-label={`${chart.title}: ${chart.series.join(' and ')} over ${chart.points.length} ${chart.xLabel.toLowerCase()} points`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" stroke="var(--muted)" fontSize={11} minTickGap={20} />
            <YAxis stroke="var(--muted)" fontSize={11} width={76} tickFormatter={(v: number) => (money ? formatCurrency(v) : String(v))} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatCell(v.toFixed(2), chart.unit) : String(v))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {chart.series.map((s, i) => <Line key={s} type="monotone" dataKey={s} stroke={seriesColor(chart, i)} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />)}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-accent">Show as table</summary>
        <SnapshotTable caption={chart.title} table={{ name: 'chart', title: chart.title, columns: [{ key: 'x', label: chart.xLabel, unit: 'text' }, ...chart.series.map((s) => ({ key: s, label: s, unit: chart.unit }))], rows: chart.points.map((p) => ({ x: p.x, ...p.values })) }} />
      </details>
    </div>
  );
}

export function ScatterChartView({ chart }: { chart: ReportScatterChart }) {
  const data = chart.points.map((p, i) => ({ p, color: pointColor(chart, i) })).filter(({ p }) => p.elo !== null).map(({ p, color }) => ({ ...p, color, cost: Number(p.monthlyCost), err: p.eloLower !== null && p.eloUpper !== null ? [p.elo! - p.eloLower, p.eloUpper - p.elo!] : [0, 0] }));
  return (
    <div>
      <div className="h-72" role="img" aria-label={`${chart.title}: ${chart.points.length} options`}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 20, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="cost" name="Monthly cost" stroke="var(--muted)" fontSize={11} tickFormatter={(v: number) => formatCurrency(v)}
              label={{ value: 'Monthly cost', position: 'insideBottom', offset: -12, fill: 'var(--muted)', fontSize: 12 }} />
            <YAxis type="number" dataKey="elo" name="Elo" stroke="var(--muted)" fontSize={11} domain={['auto', 'auto']} width={56}
              label={{ value: 'Elo', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
            <Tooltip formatter={(v, n) => (n === 'Monthly cost' && typeof v === 'number' ? formatCurrency(v.toFixed(2), { exact: true }) : String(v))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            {/* On top: below, a wrapped legend runs into the x-axis title. */}
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
            {data.map((d, i) => (
              <Scatter key={`${i}:${d.label}`} name={d.label} data={[d]} fill={d.color} isAnimationActive={false}><ErrorBar dataKey="err" direction="y" stroke={d.color} /></Scatter>
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm" open>
        <summary className="cursor-pointer text-accent">Options as a table</summary>
        <SnapshotTable caption={chart.title} table={{
          name: 'scatter', title: chart.title,
          columns: [{ key: 'label', label: 'Option', unit: 'text' }, { key: 'monthlyCost', label: 'Monthly cost', unit: 'usd' }, { key: 'elo', label: 'Elo', unit: 'elo' }, { key: 'range', label: 'Elo 95% range', unit: 'text' }],
          rows: chart.points.map((p) => ({ label: `${p.label}${p.current && !/^today$/i.test(p.label) ? ' (today)' : ''}`, monthlyCost: p.monthlyCost, elo: p.elo, range: p.eloLower !== null && p.eloUpper !== null ? `${Math.round(p.eloLower)}–${Math.round(p.eloUpper)}` : null })),
        }} />
      </details>
    </div>
  );
}
