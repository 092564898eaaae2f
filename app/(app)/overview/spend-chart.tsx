'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColors } from '@/lib/models/colors';
import { formatCurrency } from '@/lib/format-currency';

/** Daily spend stacked by a dimension (six biggest series, the rest as Other), each series in its stable colour. */
export function SpendChart({ series, by, ids = {} }: { series: { day: string; key: string; spend: number | null }[]; by: string; ids?: Record<string, string> }) {
  const keys = [...new Set(series.map((s) => s.key))].sort((a, b) => (a === 'Other' ? 1 : b === 'Other' ? -1 : 0));
  const byDay = new Map<string, Record<string, number | string>>();
  for (const s of series) {
    const row = byDay.get(s.day) ?? { day: s.day };
    // Unpriced spend draws no bar (and no $0.00 in the tooltip).
    if (s.spend !== null) row[s.key] = ((row[s.key] as number | undefined) ?? 0) + s.spend;
    byDay.set(s.day, row);
  }
  const data = [...byDay.values()];
  const colors = seriesColors(by, keys.map((k) => ids[k] ?? k));
  return (
    <div className="h-80" role="img" aria-label={`Daily spend stacked by ${keys.length} series over ${data.length} days`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" stroke="var(--muted)" fontSize={11} minTickGap={24} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis stroke="var(--muted)" fontSize={11} width={64} tickFormatter={(v: number) => formatCurrency(v)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatCurrency(v.toFixed(2), { exact: true }) : String(v))}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k) => <Bar key={k} dataKey={k} stackId="spend" fill={colors.get(ids[k] ?? k)} isAnimationActive={false} maxBarSize={48} />)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
