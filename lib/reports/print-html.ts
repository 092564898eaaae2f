import { formatAsOf, formatCell, KIND_LABELS } from './format';
import { lineChart, scatterChart } from './print-charts';
import { REPORT_CSS } from './print-css';
import type { Orientation } from './print-layout';
import { esc, renderTable, tableHtml } from './print-table';
import type { GoneReason } from './shares';
import type { ReportSnapshot, ReportTable } from './types';

/**
 * The report as one self-contained HTML document (inline CSS, inline SVG, no script): the share page serves it and
 * the PDF export prints it with headless Chromium, so what a link shows and what the PDF says are the same bytes.
 * Light and dark follow the reader's system; print is always light. How tables and charts fit a screen or a page is
 * decided in print-css.ts, print-layout.ts and print-charts.ts.
 */
export type HtmlOptions = { title: string; note?: string; version: number; exports?: { csv: string; xlsx: string; pdf: string }; footer?: string };

function section(id: string, title: string, body: string, orientation: Orientation = 'portrait'): string {
  return `<section aria-labelledby="${id}"${orientation === 'landscape' ? ' class="landscape"' : ''}><h2 id="${id}">${esc(title)}</h2>${body}</section>`;
}

function tableSection(id: string, t: ReportTable): string {
  const { html, orientation } = renderTable(t);
  return section(id, t.title, html, orientation);
}

function scatterSection(s: ReportSnapshot): string {
  if (!s.scatter) return '';
  const table = tableHtml({
    name: 'scatter', title: s.scatter.title,
    columns: [{ key: 'label', label: 'Option', unit: 'text' }, { key: 'monthlyCost', label: 'Monthly cost', unit: 'usd' }, { key: 'elo', label: 'Elo', unit: 'elo' }, { key: 'range', label: 'Elo 95% range', unit: 'text' }],
    rows: s.scatter.points.map((p) => ({ label: `${p.label}${p.current && !/^today$/i.test(p.label) ? ' (today)' : ''}`, monthlyCost: p.monthlyCost, elo: p.elo, range: p.eloLower !== null && p.eloUpper !== null ? `${Math.round(p.eloLower)}–${Math.round(p.eloUpper)}` : null })),
  });
  return section('s-sc', s.scatter.title, scatterChart(s.scatter, table));
}

function header(s: ReportSnapshot, o: HtmlOptions): string {
  return `<header><p class="muted meta">${esc(KIND_LABELS[s.kind] ?? s.kind)} report · version ${o.version}</p><h1>${esc(o.title)}</h1>
<p class="muted meta">As of ${esc(formatAsOf(s.asOf))} · amounts in ${esc(s.currency)}</p>${o.note ? `<p>${esc(o.note)}</p>` : ''}
${o.exports ? `<nav class="exports" aria-label="Download"><a href="${esc(o.exports.xlsx)}" download>Download XLSX</a><a href="${esc(o.exports.csv)}" download>Download CSV</a><a href="${esc(o.exports.pdf)}" download>Download PDF</a></nav>` : ''}</header>`;
}

function appendix(s: ReportSnapshot): string {
  const assumptions = `<div class="tw"><table><tbody>${s.assumptions.map((a) => `<tr><th scope="row">${esc(a.label)}</th><td>${esc(a.value)}</td></tr>`).join('')}</tbody></table></div>`;
  const sources = `<div class="tw"><table><thead><tr><th scope="col">Source</th><th scope="col">Detail</th></tr></thead><tbody>${s.sources.map((x) => `<tr><th scope="row">${esc(x.label)}</th><td>${esc(x.detail)}</td></tr>`).join('') || '<tr><td colspan="2" class="muted">None recorded.</td></tr>'}</tbody></table></div>`;
  const glossary = s.glossary.length ? section('s-gl', 'Glossary', `<dl class="glossary">${s.glossary.map((g) => `<dt>${esc(g.term)}</dt><dd>${esc(g.meaning)}</dd>`).join('')}</dl>`) : '';
  return section('s-as', 'Assumptions', assumptions) + section('s-src', 'Sources', sources) + glossary;
}

export function reportToHtml(s: ReportSnapshot, o: HtmlOptions): string {
  const main = s.tables.find((t) => t.name === 'comparison');
  const others = s.tables.filter((t) => t.name !== 'comparison');
  const keys = s.keyNumbers.length ? `<ul class="keys">${s.keyNumbers.map((k) => `<li><div class="l">${esc(k.label)}</div><div class="v">${esc(formatCell(k.value, k.unit))}</div></li>`).join('')}</ul>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${esc(o.title)} · Frontier report</title><style>${REPORT_CSS}</style></head>
<body><main>
${header(s, o)}
${section('s-sum', 'Summary', `<p class="summary">${esc(s.summary)}</p>${keys}`)}
${main ? tableSection('s-main', main) : ''}
${s.cumulative ? section('s-cum', s.cumulative.title, lineChart(s.cumulative)) : ''}
${scatterSection(s)}
${others.map((t, i) => tableSection(`s-t${i}`, t)).join('\n')}
${appendix(s)}
<footer class="muted">${esc(o.footer ?? 'A frozen snapshot: these numbers do not change when prices or usage change later.')}</footer>
</main></body></html>`;
}

const GONE: Record<GoneReason, [string, string]> = {
  revoked: ['This link was revoked', 'The person who shared this report has turned this link off. Ask them for a new link if you still need it.'],
  expired: ['This link has expired', 'Share links last a limited time, and this one has run out. Ask the person who sent it for a new link.'],
  unavailable: ['This report is no longer available', 'The version this link pointed to is no longer there. Ask the person who sent it for a new link.'],
};

/** The plain page a dead link answers with (410, saying why it is dead), or an unknown one (404). */
export function shareErrorHtml(status: 404 | 410, reason: GoneReason = 'expired'): string {
  const [title, text] = status === 410 ? GONE[reason] : ['Report not found', 'This link does not lead to a report. Check that it was copied whole.'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${title}</title><style>${REPORT_CSS}</style></head><body><main><h1>${title}</h1><p class="muted">${text}</p></main></body></html>`;
}
