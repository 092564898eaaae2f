'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Distribution } from '@/lib/tokens/stats';
import { int } from './format';

/** Per-sample ratios as a histogram, with the overall ratio marked; the same numbers as a table for screen readers. */
export function RatioChart({ distribution, ratio, fromLabel, toLabel }: { distribution: Distribution; ratio: number; fromLabel: string; toLabel: string }) {
  const data = distribution.bins.map((b) => ({ label: b.label, mid: (b.lo + b.hi) / 2, count: b.count }));
  const at = distribution.bins.find((b) => ratio >= b.lo && ratio < b.hi)?.label;
  return (
    <figure className="rounded-lg border border-border bg-panel p-4" aria-labelledby="dist-h">
      <figcaption id="dist-h" className="text-sm font-medium">Per-sample ratio, {toLabel} ÷ {fromLabel}</figcaption>
      <p className="mt-0.5 text-xs text-muted">
        {int(distribution.samples)} samples · median {distribution.median.toFixed(3)} · middle 80% {distribution.p10.toFixed(3)}–{distribution.p90.toFixed(3)}. Left of 1: {toLabel} needs fewer tokens.
      </p>
      <div className="mt-2 h-56" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 22, right: 8, bottom: 4, left: 0 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" stroke="var(--muted)" fontSize={11} interval="preserveStartEnd" minTickGap={16} />
            <YAxis stroke="var(--muted)" fontSize={11} width={40} allowDecimals={false} />
            <Tooltip formatter={(v) => [`${v} samples`, 'count']} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            {at && <ReferenceLine x={at} stroke="var(--accent)" strokeDasharray="4 2" label={{ value: 'overall', fill: 'var(--muted)', fontSize: 11, position: 'top' }} />}
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show as a table</summary>
        <table className="mt-2 text-sm">
          <caption className="sr-only">Samples per ratio range</caption>
          <thead className="text-left text-xs uppercase text-muted"><tr><th scope="col" className="pr-6">Ratio</th><th scope="col" className="text-right">Samples</th></tr></thead>
          <tbody>{distribution.bins.map((b) => <tr key={b.label}><th scope="row" className="pr-6 text-left font-normal tabular">{b.label}</th><td className="text-right tabular">{int(b.count)}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
