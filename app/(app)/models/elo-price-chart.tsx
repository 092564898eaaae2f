'use client';

import { CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColors, vendorColors } from '@/lib/models/colors';
import { EloPointLabels } from './elo-point-labels';
import type { YourUsage } from '@/lib/models/elo-price-types';
import { formatCurrency } from '@/lib/format-currency';
import type { EloPricePoint, TokenMix } from '@/lib/quality/frontier';

type Datum = EloPricePoint & { x: number; y: number; err: [number, number]; label: string; color: string; share: number | null; spend: string | null; faded: boolean };

const TICKS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

function toDatum(p: EloPricePoint, usage: YourUsage | null | undefined, mineColors: Map<string, string>, vendorColor: (v: string) => string): Datum {
  const mine = usage?.models.find((m) => m.modelId === p.modelId);
  return {
    ...p,
    x: Number(p.blendedPerMtok),
    y: p.elo,
    err: [p.ciLower === null ? 0 : p.elo - p.ciLower, p.ciUpper === null ? 0 : p.ciUpper - p.elo],
    label: p.name,
    // With "your usage" on, the models you use take the colours they have on the Overview (one chart's set, told
    // apart) and a size by spend; the rest fade.
    color: mine ? mineColors.get(p.modelId) ?? vendorColor(p.vendor) : vendorColor(p.vendor),
    share: mine ? mine.share : null,
    spend: mine ? mine.spend : null,
    faded: !!usage && !mine,
  };
}

function Marker(props: { cx?: number; cy?: number; payload?: Datum }) {
  const { cx = 0, cy = 0, payload } = props;
  const fill = payload?.color;
  if (payload?.share !== null && payload?.share !== undefined) {
    // Area proportional to spend: radius grows with the square root of the share.
    const r = 6 + 26 * Math.sqrt(payload.share);
    return (
      <g>
        <circle cx={cx} cy={cy} r={r} fill={fill} fillOpacity={0.35} stroke={fill} strokeWidth={2} />
        <circle cx={cx} cy={cy} r={3} fill={fill} />
      </g>
    );
  }
  const opacity = payload?.faded ? 0.3 : 1;
  if (payload?.openWeights) return <circle cx={cx} cy={cy} r={5.5} fill={fill} opacity={opacity} stroke="var(--panel)" strokeWidth={1} />;
  return <rect x={cx - 5} y={cy - 5} width={10} height={10} transform={`rotate(45 ${cx} ${cy})`} fill={fill} opacity={opacity} stroke="var(--panel)" strokeWidth={1} />;
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload?: Datum }[] }) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  return (
    <div className="rounded-md border border-border bg-panel px-3 py-2 text-xs shadow-lg">
      <p className="font-semibold">{d.name}</p>
      <p className="text-muted">{d.vendor} · {d.openWeights ? 'open weights' : 'closed weights'}</p>
      <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-3 tabular">
        <dt className="text-muted">Elo</dt>
        <dd>{Math.round(d.elo)}{d.ciLower !== null && d.ciUpper !== null ? ` (95% CI ${Math.round(d.ciLower)}–${Math.round(d.ciUpper)})` : ''}</dd>
        <dt className="text-muted">Input / output</dt>
        <dd>{formatCurrency(d.inputPerMtok)} / {formatCurrency(d.outputPerMtok)} per 1M</dd>
        <dt className="text-muted">Blended</dt>
        <dd>{formatCurrency(d.blendedPerMtok)} per 1M</dd>
        <dt className="text-muted">Provider</dt>
        <dd>{d.providerName}</dd>
        {d.spend !== null && (<><dt className="text-muted">Your spend</dt><dd>{formatCurrency(d.spend, { exact: true })} ({((d.share ?? 0) * 100).toFixed(1)}%)</dd></>)}
      </dl>
    </div>
  );
}

function niceTicks(min: number, max: number): number[] {
  const step = max - min > 300 ? 100 : 50;
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) out.push(t);
  return out;
}

export function EloPriceChart({ points, showFrontier, mix, snapshotName, usage }: { points: EloPricePoint[]; showFrontier: boolean; mix: TokenMix; snapshotName: string; usage?: YourUsage | null }) {
  const mineColors = seriesColors('model', usage?.models.map((m) => m.modelId) ?? []);
  // Every vendor of the snapshot (as the table below colours them), told apart from each other in this one chart.
  const byVendor = vendorColors(points.map((p) => p.vendor));
  const vendorColor = (v: string) => byVendor.get(v)!;
  const data = points.filter((p) => Number(p.blendedPerMtok) > 0).map((p) => toDatum(p, usage, mineColors, vendorColor));
  const vendors = [...new Set(data.map((d) => d.vendor))].sort();
  const frontier = data.filter((d) => d.onFrontier).sort((a, b) => a.x - b.x);
  const xs = data.map((d) => d.x);
  const ys = data.flatMap((d) => [d.ciLower ?? d.elo, d.ciUpper ?? d.elo]);
  const xMin = Math.min(...xs) / 1.6;
  const xMax = Math.max(...xs) * 1.6;
  const yMin = Math.floor((Math.min(...ys) - 15) / 50) * 50;
  const yMax = Math.ceil((Math.max(...ys) + 25) / 50) * 50;
  const ticks = TICKS.filter((t) => t >= xMin && t <= xMax);

  return (
    <figure className="rounded-lg border border-border bg-panel p-4" aria-label={`Elo against blended price, ${snapshotName}`}>
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Elo vs blended $ per 1M tokens <span className="text-muted">(log scale, {mix.input}:{mix.output} input:output)</span></span>
        <span className="text-xs text-muted">{usage ? '◯ your models, area = your spend · ' : ''}● open weights · ◆ closed weights · bars: 95% CI</span>
      </figcaption>
      <div className="h-[480px]">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 16, right: 24, bottom: 28, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis
              type="number" dataKey="x" name="Blended $/1M" scale="log" domain={[xMin, xMax]} ticks={ticks} allowDataOverflow
              tickFormatter={(v: number) => formatCurrency(v)} stroke="var(--muted)" fontSize={12}
              label={{ value: '$ per 1M tokens (blended)', position: 'insideBottom', offset: -16, fill: 'var(--muted)', fontSize: 12 }}
            />
            <YAxis
              type="number" dataKey="y" name="Elo" domain={[yMin, yMax]} ticks={niceTicks(yMin, yMax)} stroke="var(--muted)" fontSize={12} width={56}
              label={{ value: 'Arena Elo', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }}
            />
            <Tooltip content={<PointTooltip />} cursor={{ strokeDasharray: '3 3' }} />
            {/* No fixed height: on a phone the providers wrap to several lines, and Recharts makes room for what it measures. */}
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
            {vendors.map((v) => (
              <Scatter key={v} name={v} data={data.filter((d) => d.vendor === v)} fill={vendorColor(v)} shape={<Marker />} isAnimationActive={false}>
                <ErrorBar dataKey="err" direction="y" width={3} stroke={vendorColor(v)} strokeWidth={1} />
              </Scatter>
            ))}
            {showFrontier && frontier.length > 0 && (
              <Scatter
                name="Pareto frontier" data={frontier} fill="var(--frontier)" line={{ stroke: 'var(--frontier)', strokeDasharray: '5 4', strokeWidth: 1.5 }}
                shape={() => <g />} legendType="line" isAnimationActive={false}
              />
            )}
            <EloPointLabels data={data} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
