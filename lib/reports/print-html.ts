import { formatAsOf, formatCell, KIND_LABELS } from './format';
import type { ReportScatterChart, ReportSeriesChart, ReportSnapshot, ReportTable } from './types';

/**
 * The report as one self-contained HTML document (inline CSS, inline SVG, no script): the share page serves it and
 * the PDF export prints it with headless Chromium, so what a link shows and what the PDF says are the same bytes.
 * Light and dark follow the reader's system; print is always light, paginated with tables kept whole where they fit.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
:root{--bg:#f7f8fa;--panel:#fff;--panel2:#f1f3f6;--border:#e2e5ea;--text:#15181d;--muted:#5b6472;--accent:#2563eb;--s1:#2563eb;--s2:#d97706;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--bg:#0e1116;--panel:#161a21;--panel2:#1d222b;--border:#2a313c;--text:#e6e9ee;--muted:#9aa4b2;--accent:#6ea1ff;--s1:#6ea1ff;--s2:#fbbf24;color-scheme:dark}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:1040px;margin:0 auto;padding:32px 24px 48px}h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}h2{font-size:17px;margin:0 0 10px}
.muted{color:var(--muted)}.meta{font-size:13px}section{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:16px 18px;margin-top:18px}
.summary{font-size:16px;line-height:1.6}.keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:10px;margin:0;padding:0;list-style:none}
.keys li{border:1px solid var(--border);border-radius:8px;padding:10px 12px;background:var(--panel2)}.keys .l{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}.keys .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
table{width:100%;border-collapse:collapse;font-size:13.5px}th,td{padding:6px 8px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}thead th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:var(--panel2)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tbody tr:last-child td,tbody tr:last-child th{border-bottom:0}
.exports{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}.exports a{border:1px solid var(--border);background:var(--panel);color:var(--text);text-decoration:none;padding:6px 12px;border-radius:6px;font-size:14px}.exports a:hover{background:var(--panel2)}.exports a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
svg text{fill:var(--muted);font-size:11px}.legend{display:flex;gap:16px;font-size:13px;margin:6px 0 0}.legend span::before{content:"";display:inline-block;width:12px;height:3px;margin-right:6px;vertical-align:middle;background:var(--c)}
details summary{cursor:pointer;color:var(--accent);font-size:13px;margin-top:8px}dl.glossary dt{font-weight:600}dl.glossary dd{margin:0 0 8px}footer{margin-top:24px;font-size:12px}
@media print{:root{--bg:#fff;--panel:#fff;--panel2:#f4f5f7;--border:#cfd4dc;--text:#000;--muted:#444;--s1:#1d4ed8;--s2:#b45309;color-scheme:light}
body{font-size:11pt}main{max-width:none;padding:0}.exports,.no-print,details summary{display:none}details>*{display:block}section{border:0;padding:0;margin-top:14pt;break-inside:auto}
h1,h2{break-after:avoid}.keys li,tr,.chart{break-inside:avoid}thead{display:table-header-group}@page{size:A4;margin:16mm 14mm}}
`;

function tableHtml(t: ReportTable, opts: { caption?: boolean } = {}): string {
  const num = (u: string) => ['usd', 'percent', 'integer', 'number', 'elo', 'months'].includes(u);
  const head = t.columns.map((c, i) => `<th scope="col"${i > 0 && num(c.unit) ? ' class="n"' : ''}>${esc(c.label)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${t.columns.map((c, i) => {
    const v = esc(formatCell(r[c.key] ?? null, c.unit));
    return i === 0 ? `<th scope="row">${v}</th>` : `<td${num(c.unit) ? ' class="n"' : ''}>${v}</td>`;
  }).join('')}</tr>`).join('');
  return `<table>${opts.caption === false ? '' : `<caption class="muted" style="text-align:left;caption-side:top;padding-bottom:6px">${esc(t.title)}</caption>`}<thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${t.columns.length}" class="muted">No rows.</td></tr>`}</tbody></table>`;
}

const SERIES_COLORS = ['var(--s1)', 'var(--s2)', '#d97706', '#9333ea', '#db2777', '#0891b2', '#65a30d', '#dc2626'];

/** A round step for an axis span: 1, 2, 2.5 or 5 × 10^k, so ticks read as $2,500, $5,000 … rather than odd cents. */
function niceStep(span: number, ticks: number): number {
  const raw = Math.max(1e-9, span / ticks);
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((f) => f * mag).find((m) => m >= raw) ?? raw;
}

/** A line chart as inline SVG (no script), with the same numbers as a table under "Show as table". Handles negatives. */
function lineChart(c: ReportSeriesChart): string {
  const W = 960; const H = 260; const L = 78; const B = 28; const T = 10; const R = 12;
  const vals = c.points.flatMap((p) => c.series.map((s) => p.values[s])).filter((v): v is string | number => v !== null && v !== undefined).map(Number);
  const step = niceStep(Math.max(...vals, 0) - Math.min(...vals, 0), 4);
  const lo = Math.floor(Math.min(0, ...vals) / step) * step;
  const hi = Math.max(lo + step, Math.ceil(Math.max(0, ...vals) / step) * step);
  const x = (i: number) => L + (c.points.length <= 1 ? 0 : (i / (c.points.length - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const tickValues: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) tickValues.push(Math.round(v * 1e6) / 1e6);
  const ticks = tickValues.map((v) => `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? 'var(--muted)' : 'var(--border)'}"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${esc(formatCell(String(v), c.unit === 'usd' ? 'usd' : 'number'))}</text>`).join('');
  const lines = c.series.map((s, si) => {
    const pts = c.points.map((p, i) => (p.values[s] === null || p.values[s] === undefined ? null : `${x(i).toFixed(1)},${y(Number(p.values[s])).toFixed(1)}`)).filter(Boolean).join(' ');
    return `<polyline fill="none" stroke="${SERIES_COLORS[si % SERIES_COLORS.length]}" stroke-width="2.2" points="${pts}"/>`;
  }).join('');
  const every = Math.max(1, Math.ceil(c.points.length / 10));
  const xl = c.points.map((p, i) => (i % every === 0 || i === c.points.length - 1 ? `<text x="${x(i)}" y="${H - 8}" text-anchor="middle">${esc(p.x)}</text>` : '')).join('');
  const table: ReportTable = { name: 'chart', title: c.title, columns: [{ key: 'x', label: c.xLabel, unit: 'text' }, ...c.series.map((s) => ({ key: s, label: s, unit: c.unit }))], rows: c.points.map((p) => ({ x: p.x, ...p.values })) };
  return `<div class="chart"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(c.title)}">${ticks}${lines}${xl}</svg>
<p class="legend">${c.series.map((s, i) => `<span style="--c:${SERIES_COLORS[i % SERIES_COLORS.length]}">${esc(s)}</span>`).join('')}</p>
<details><summary>Show as table</summary>${tableHtml(table, { caption: false })}</details></div>`;
}

/** Cost against quality as inline SVG: one labelled point per option with its Elo 95% range, today's in grey. */
function scatterChart(sc: ReportScatterChart, table: string): string {
  const pts = sc.points.filter((p) => p.elo !== null);
  if (pts.length === 0) return table;
  const W = 960; const H = 300; const L = 64; const B = 34; const T = 14; const R = 24;
  const xs = pts.map((p) => Number(p.monthlyCost));
  const ys = pts.flatMap((p) => [p.eloLower ?? p.elo!, p.eloUpper ?? p.elo!]);
  const xStep = niceStep(Math.max(...xs, 0) - Math.min(...xs, 0) || 1, 4);
  const x0 = Math.floor(Math.min(0, ...xs) / xStep) * xStep; const x1 = Math.max(x0 + xStep, Math.ceil(Math.max(...xs) / xStep) * xStep);
  const yStep = niceStep(Math.max(...ys) - Math.min(...ys) || 10, 4);
  const y0 = Math.floor(Math.min(...ys) / yStep) * yStep; const y1 = Math.max(y0 + yStep, Math.ceil(Math.max(...ys) / yStep) * yStep);
  const x = (v: number) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  const grid: string[] = [];
  for (let v = y0; v <= y1 + yStep / 2; v += yStep) grid.push(`<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="var(--border)"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`);
  for (let v = x0; v <= x1 + xStep / 2; v += xStep) grid.push(`<text x="${x(v)}" y="${H - 14}" text-anchor="middle">${esc(formatCell(String(v), 'usd'))}</text>`);
  const marks = pts.map((p, i) => {
    const color = p.current ? 'var(--muted)' : SERIES_COLORS[i % SERIES_COLORS.length];
    const cx = x(Number(p.monthlyCost)).toFixed(1); const cy = y(p.elo!).toFixed(1);
    const bar = p.eloLower !== null && p.eloUpper !== null ? `<line x1="${cx}" x2="${cx}" y1="${y(p.eloLower).toFixed(1)}" y2="${y(p.eloUpper).toFixed(1)}" stroke="${color}" stroke-width="1.5"/>` : '';
    return `${bar}<circle cx="${cx}" cy="${cy}" r="5.5" fill="${color}"/><text x="${Number(cx) + 9}" y="${Number(cy) - 7}" style="fill:var(--text)">${esc(p.label)}${p.current && !/^today$/i.test(p.label) ? ' (today)' : ''}</text>`;
  }).join('');
  return `<div class="chart"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(sc.title)}">${grid.join('')}${marks}<text x="${(L + W - R) / 2}" y="${H - 1}" text-anchor="middle">monthly cost</text></svg>
<details><summary>Show as table</summary>${table}</details></div>`;
}

export type HtmlOptions = { title: string; note?: string; version: number; exports?: { csv: string; xlsx: string; pdf: string }; footer?: string };

export function reportToHtml(s: ReportSnapshot, o: HtmlOptions): string {
  const main = s.tables.find((t) => t.name === 'comparison');
  const others = s.tables.filter((t) => t.name !== 'comparison');
  const scatter = s.scatter ? tableHtml({
    name: 'scatter', title: s.scatter.title,
    columns: [{ key: 'label', label: 'Option', unit: 'text' }, { key: 'monthlyCost', label: 'Monthly cost', unit: 'usd' }, { key: 'elo', label: 'Elo', unit: 'elo' }, { key: 'range', label: 'Elo 95% range', unit: 'text' }],
    rows: s.scatter.points.map((p) => ({ label: `${p.label}${p.current && !/^today$/i.test(p.label) ? ' (today)' : ''}`, monthlyCost: p.monthlyCost, elo: p.elo, range: p.eloLower !== null && p.eloUpper !== null ? `${Math.round(p.eloLower)}–${Math.round(p.eloUpper)}` : null })),
  }) : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${esc(o.title)} · Frontier report</title><style>${CSS}</style></head>
<body><main>
<header><p class="muted meta">${esc(KIND_LABELS[s.kind] ?? s.kind)} report · version ${o.version}</p><h1>${esc(o.title)}</h1>
<p class="muted meta">As of ${esc(formatAsOf(s.asOf))} · amounts in ${esc(s.currency)}</p>${o.note ? `<p>${esc(o.note)}</p>` : ''}
${o.exports ? `<nav class="exports" aria-label="Download"><a href="${esc(o.exports.xlsx)}" download>Download XLSX</a><a href="${esc(o.exports.csv)}" download>Download CSV</a><a href="${esc(o.exports.pdf)}" download>Download PDF</a></nav>` : ''}</header>
<section aria-labelledby="s-sum"><h2 id="s-sum">Summary</h2><p class="summary">${esc(s.summary)}</p>
${s.keyNumbers.length ? `<ul class="keys">${s.keyNumbers.map((k) => `<li><div class="l">${esc(k.label)}</div><div class="v">${esc(formatCell(k.value, k.unit))}</div></li>`).join('')}</ul>` : ''}</section>
${main ? `<section aria-labelledby="s-main"><h2 id="s-main">${esc(main.title)}</h2>${tableHtml(main, { caption: false })}</section>` : ''}
${s.cumulative ? `<section aria-labelledby="s-cum"><h2 id="s-cum">${esc(s.cumulative.title)}</h2>${lineChart(s.cumulative)}</section>` : ''}
${scatter ? `<section aria-labelledby="s-sc"><h2 id="s-sc">${esc(s.scatter!.title)}</h2>${scatterChart(s.scatter!, scatter)}</section>` : ''}
${others.map((t, i) => `<section aria-labelledby="s-t${i}"><h2 id="s-t${i}">${esc(t.title)}</h2>${tableHtml(t, { caption: false })}</section>`).join('')}
<section aria-labelledby="s-as"><h2 id="s-as">Assumptions</h2><table><tbody>${s.assumptions.map((a) => `<tr><th scope="row">${esc(a.label)}</th><td>${esc(a.value)}</td></tr>`).join('')}</tbody></table></section>
<section aria-labelledby="s-src"><h2 id="s-src">Sources</h2><table><thead><tr><th scope="col">Source</th><th scope="col">Detail</th></tr></thead><tbody>${s.sources.map((x) => `<tr><th scope="row">${esc(x.label)}</th><td>${esc(x.detail)}</td></tr>`).join('') || '<tr><td colspan="2" class="muted">None recorded.</td></tr>'}</tbody></table></section>
${s.glossary.length ? `<section aria-labelledby="s-gl"><h2 id="s-gl">Glossary</h2><dl class="glossary">${s.glossary.map((g) => `<dt>${esc(g.term)}</dt><dd>${esc(g.meaning)}</dd>`).join('')}</dl></section>` : ''}
<footer class="muted">${esc(o.footer ?? 'A frozen snapshot: these numbers do not change when prices or usage change later.')}</footer>
</main></body></html>`;
}

/** The plain page a dead link answers with (410), or an unknown one (404). */
export function shareErrorHtml(status: 404 | 410): string {
  const [title, text] = status === 410
    ? ['This link has expired', 'The report behind this link is no longer shared. Ask the person who sent it for a new link.']
    : ['Report not found', 'This link does not lead to a report. Check that it was copied whole.'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${title}</title><style>${CSS}</style></head><body><main><h1>${title}</h1><p class="muted">${text}</p></main></body></html>`;
}
