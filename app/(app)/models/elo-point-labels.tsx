'use client';

import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { placeLabels } from '@/lib/reports/chart-labels';

export type Labelled = { x: number; y: number; name: string; onFrontier: boolean; share: number | null; elo: number };

const FONT = 11;
/** More names than this and a 1440 px chart reads as a wall of text; the tooltip names every point. */
const MAX_LABELS = 14;

/**
 * Names beside the scatter's points, only where a name has room (clear of the plot's edge, every point and every
 * other name): the Pareto frontier first, then the models you use, then by Elo. Placed in pixels from the chart's
 * own scales, so it holds at any width; the rest are named in the tooltip.
 */
export function EloPointLabels({ data }: { data: Labelled[] }) {
  const xs = useXAxisScale();
  const ys = useYAxisScale();
  const plot = usePlotArea();
  if (!xs || !ys || !plot) return null;
  const at = data
    .map((d) => ({ d, x: xs(d.x), y: ys(d.y) }))
    .filter((p): p is { d: Labelled; x: number; y: number } => Number.isFinite(p.x) && Number.isFinite(p.y));
  const rank = (d: Labelled) => (d.onFrontier ? 0 : d.share !== null ? 1 : 2);
  const ordered = [...at].sort((a, b) => rank(a.d) - rank(b.d) || b.d.elo - a.d.elo);
  const marks = at.map((p) => ({ l: p.x - 6, r: p.x + 6, t: p.y - 6, b: p.y + 6 }));
  const area = { l: plot.x, r: plot.x + plot.width, t: plot.y, b: plot.y + plot.height };
  const placed = placeLabels(ordered.map((p) => ({ x: p.x, y: p.y, texts: [p.d.name] })), area, marks, FONT, { onlyWithRoom: true }).slice(0, MAX_LABELS);
  return (
    <g aria-hidden className="elo-point-labels">
      {placed.map((l) => (
        <text key={`${l.index}:${l.text}`} x={l.x} y={l.y} textAnchor={l.anchor} fontSize={FONT} fill="var(--text)" paintOrder="stroke" stroke="var(--panel)" strokeWidth={3}>
          {l.text}
        </text>
      ))}
    </g>
  );
}
