'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColors } from '@/lib/models/colors';
import { formatCurrency } from '@/lib/format-currency';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** The chosen metric per day (or per month over long ranges), stacked by the groups on the table's first page (the rest as Other), in stable colours. */
export function MetricChart({ series, metric, money, by, interval = 'day' }: { series: { day: string; key: string; id: string; value: number }[]; metric: string; money: boolean; by: string; interval?: 'day' | 'month' }) {
  const keys = [...new Set(series.map((s) => s.key))].sort((a, b) => (a === 'Other' ? 1 : b === 'Other' ? -1 : 0));
  const ids = new Map(series.map((s) => [s.key, s.id]));
  const colors = seriesColors(by, keys.map((k) => ids.get(k) ?? k));
  const byDay = new Map<string, Record<string, number | string>>();
  for (const s of series) {
    const row = byDay.get(s.day) ?? { day: s.day };
    row[s.key] = ((row[s.key] as number | undefined) ?? 0) + s.value;
    byDay.set(s.day, row);
  }
  const fmt = (v: number) => (money ? formatCurrency(v.toFixed(6)) : compact.format(v));
  return (
    <figure className="rounded-lg border border-border bg-panel p-4" aria-label={`${metric} per ${interval}`}>
      <figcaption className="mb-2 text-sm font-medium">{metric} per {interval}{interval === 'month' ? ' (the range is longer than 92 days; partial months at either end)' : ''}</figcaption>
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...byDay.values()]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" stroke="var(--muted)" fontSize={11} minTickGap={24} tickFormatter={(d: string) => (interval === 'month' ? d.slice(0, 7) : d.slice(5))} />
            <YAxis stroke="var(--muted)" fontSize={11} width={64} tickFormatter={fmt} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {keys.map((k) => <Bar key={k} dataKey={k} stackId="m" fill={colors.get(ids.get(k) ?? k)} isAnimationActive={false} maxBarSize={48} />)}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
