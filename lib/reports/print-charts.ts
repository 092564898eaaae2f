import { axisLabelIndexes, placeLabels, textWidth } from './chart-labels';
import { pointColor, seriesColor } from './chart-colors';
import { esc, tableHtml } from './print-table';
import type { ReportScatterChart, ReportSeriesChart, ReportTable } from './types';

/**
 * The report's charts as inline SVG (no script), each with its numbers as a table under "Show as table". The
 * viewBox is about as wide as a portrait page's content, so 11.5 px type prints near 8 pt; axis labels are measured
 * so none runs past the plot's edge or into its neighbour.
 */
const FONT = 11.5;

/** A round step for an axis span: 1, 2, 2.5 or 5 × 10^k, so ticks read as $2,500, $5,000 … rather than odd cents. */
export function niceStep(span: number, ticks: number): number {
  const raw = Math.max(1e-9, span / ticks);
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((f) => f * mag).find((m) => m >= raw) ?? raw;
}

/** Axis money without cents when the step is whole dollars: `$20,000`, `-$5,000`. */
function axisMoney(v: number, step: number): string {
  const digits = step >= 1 ? 0 : 2;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

function ticksFrom(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** A line chart with a zero line; handles negatives (savings that start below zero). */
export function lineChart(c: ReportSeriesChart): string {
  const W = 800; const H = 260; const B = 28; const T = 10;
  const vals = c.points.flatMap((p) => c.series.map((s) => p.values[s])).filter((v): v is string | number => v !== null && v !== undefined).map(Number);
  const step = niceStep(Math.max(...vals, 0) - Math.min(...vals, 0), 4);
  const lo = Math.floor(Math.min(0, ...vals) / step) * step;
  const hi = Math.max(lo + step, Math.ceil(Math.max(0, ...vals) / step) * step);
  const fmt = (v: number) => (c.unit === 'usd' ? axisMoney(v, step) : new Intl.NumberFormat('en-US').format(v));
  const tickValues = ticksFrom(lo, hi, step);
  const L = Math.ceil(Math.max(...tickValues.map((v) => textWidth(fmt(v), FONT)))) + 12;
  const widest = Math.max(0, ...c.points.map((p) => textWidth(p.x, FONT)));
  const R = Math.max(12, Math.ceil(textWidth(c.points.at(-1)?.x ?? '', FONT) / 2) + 4);
  const x = (i: number) => L + (c.points.length <= 1 ? 0 : (i / (c.points.length - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const ticks = tickValues.map((v) => `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? 'var(--muted)' : 'var(--border)'}"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${esc(fmt(v))}</text>`).join('');
  const lines = c.series.map((s, si) => {
    const pts = c.points.map((p, i) => (p.values[s] === null || p.values[s] === undefined ? null : `${x(i).toFixed(1)},${y(Number(p.values[s])).toFixed(1)}`)).filter(Boolean).join(' ');
    return `<polyline fill="none" stroke="${seriesColor(c, si)}" stroke-width="2.2" points="${pts}"/>`;
  }).join('');
  const spacing = c.points.length <= 1 ? W : (W - L - R) / (c.points.length - 1);
  const xl = axisLabelIndexes(c.points.length, spacing, widest).map((i) => `<text x="${x(i).toFixed(1)}" y="${H - 8}" text-anchor="middle">${esc(c.points[i]!.x)}</text>`).join('');
  const table: ReportTable = { name: 'chart', title: c.title, columns: [{ key: 'x', label: c.xLabel, unit: 'text' }, ...c.series.map((s) => ({ key: s, label: s, unit: c.unit }))], rows: c.points.map((p) => ({ x: p.x, ...p.values })) };
  return `<div class="chart"><div class="plot"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(c.title)}">${ticks}${lines}${xl}</svg></div>
<ul class="legend">${c.series.map((s, i) => `<li style="--c:${seriesColor(c, i)}">${esc(s)}</li>`).join('')}</ul>
<details><summary>Show as table</summary>${tableHtml(table)}</details></div>`;
}

const pointLabel = (p: ReportScatterChart['points'][number]) => `${p.label}${p.current && !/^today$/i.test(p.label) ? ' (today)' : ''}`;

/**
 * Cost against quality: one numbered point per option with its Elo 95% range, today's in grey. Each point is
 * labelled with its number and name where the name has room, with its number alone where it has not; the legend
 * under the plot names every number.
 */
export function scatterChart(sc: ReportScatterChart, table: string): string {
  const pts = sc.points.map((p, i) => ({ ...p, n: i + 1, color: pointColor(sc, i) })).filter((p) => p.elo !== null);
  if (pts.length === 0) return table;
  const W = 800; const H = 320; const B = 40; const T = 28;
  const xs = pts.map((p) => Number(p.monthlyCost));
  const ys = pts.flatMap((p) => [p.eloLower ?? p.elo!, p.eloUpper ?? p.elo!]);
  const xStep = niceStep(Math.max(...xs, 0) - Math.min(...xs, 0) || 1, 4);
  const x0 = Math.floor(Math.min(0, ...xs) / xStep) * xStep; const x1 = Math.max(x0 + xStep, Math.ceil(Math.max(...xs) / xStep) * xStep);
  const yStep = niceStep(Math.max(...ys) - Math.min(...ys) || 10, 4);
  const y0 = Math.floor(Math.min(...ys) / yStep) * yStep; const y1 = Math.max(y0 + yStep, Math.ceil(Math.max(...ys) / yStep) * yStep);
  const yTicks = ticksFrom(y0, y1, yStep); const xTicks = ticksFrom(x0, x1, xStep);
  const L = Math.ceil(Math.max(...yTicks.map((v) => textWidth(String(Math.round(v)), FONT)))) + 14;
  const R = Math.ceil(textWidth(axisMoney(x1, xStep), FONT) / 2) + 6;
  const x = (v: number) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  const grid = [
    ...yTicks.map((v) => `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="var(--border)"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`),
    ...xTicks.map((v) => `<text x="${x(v)}" y="${H - 22}" text-anchor="middle">${esc(axisMoney(v, xStep))}</text>`),
    `<text x="${L}" y="${T - 12}" text-anchor="start">Elo (higher is better)</text>`,
    `<text x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle">Monthly cost</text>`,
  ];
  const at = pts.map((p) => ({ ...p, cx: x(Number(p.monthlyCost)), cy: y(p.elo!) }));
  const marks = at.flatMap((p) => [
    { l: p.cx - 6.5, r: p.cx + 6.5, t: p.cy - 6.5, b: p.cy + 6.5 },
    ...(p.eloLower !== null && p.eloUpper !== null ? [{ l: p.cx - 1.5, r: p.cx + 1.5, t: y(p.eloUpper), b: y(p.eloLower) }] : []),
  ]);
  const labels = placeLabels(at.map((p) => ({ x: p.cx, y: p.cy, texts: [`${p.n} ${pointLabel(p)}`, String(p.n)] })), { l: L, r: W - R, t: T - 2, b: H - B }, marks, FONT);
  const dots = at.map((p) => {
    const bar = p.eloLower !== null && p.eloUpper !== null ? `<line x1="${p.cx.toFixed(1)}" x2="${p.cx.toFixed(1)}" y1="${y(p.eloLower).toFixed(1)}" y2="${y(p.eloUpper).toFixed(1)}" stroke="${p.color}" stroke-width="1.5"/>` : '';
    return `${bar}<circle cx="${p.cx.toFixed(1)}" cy="${p.cy.toFixed(1)}" r="5.5" fill="${p.color}"/>`;
  }).join('');
  // The number in bold, the name (when it had room) after it: `l.text` is `3 Name` or `3`.
  const text = labels.map((l) => {
    const [n, ...name] = l.text.split(' ');
    return `<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" text-anchor="${l.anchor}" class="pt"><tspan font-weight="700">${n}</tspan>${name.length ? ` ${esc(name.join(' '))}` : ''}</text>`;
  }).join('');
  const legend = `<ol class="legend keyed">${at.map((p) => `<li style="--c:${p.color}"><b>${p.n}</b> ${esc(pointLabel(p))}</li>`).join('')}</ol>`;
  return `<div class="chart"><div class="plot"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(sc.title)}">${grid.join('')}${dots}${text}</svg></div>
${legend}<details><summary>Show as table</summary>${table}</details></div>`;
}
