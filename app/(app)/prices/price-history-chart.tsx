'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCurrency } from '@/lib/format-currency';
import { seriesColors } from '@/lib/models/colors';


/** A model's input and output price per provider over time, as steps (a price holds until the next sheet). */
export function PriceHistoryChart({ history }: { history: { provider_id: string; effective_from: string; input: string; output: string; scope: string }[] }) {
  const providers = [...new Set(history.map((h) => h.provider_id))];
  // A provider's input and output lines share its colour (solid and dashed); providers are told apart by ΔE.
  const colors = seriesColors('provider', providers);
  const dates = [...new Set(history.map((h) => h.effective_from))].sort();
  const data = dates.map((d) => {
    const row: Record<string, string | number | null> = { date: d };
    for (const p of providers) {
      const last = history.filter((h) => h.provider_id === p && h.effective_from <= d).at(-1);
      row[`${p} in`] = last ? Number(last.input) : null;
      row[`${p} out`] = last ? Number(last.output) : null;
    }
    return row;
  });
  return (
    <figure className="rounded-lg border border-border bg-panel p-4" aria-label="Price history">
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="date" stroke="var(--muted)" fontSize={12} />
            <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => formatCurrency(v)} width={64} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? `${formatCurrency(v)} / 1M` : String(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {providers.flatMap((p) => [
              <Line key={`${p} in`} type="stepAfter" dataKey={`${p} in`} stroke={colors.get(p)} dot isAnimationActive={false} connectNulls />,
              <Line key={`${p} out`} type="stepAfter" dataKey={`${p} out`} stroke={colors.get(p)} strokeDasharray="5 4" dot isAnimationActive={false} connectNulls />,
            ])}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-muted">Solid: input, dashed: output, USD per 1M tokens, from each sheet&apos;s effective date.</figcaption>
    </figure>
  );
}
