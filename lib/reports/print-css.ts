/**
 * The report document's one stylesheet: the share page on any screen, and the PDF. On screen a table wider than its
 * card scrolls inside it (shadows at the edges say there is more, the row's name stays put) and, on a phone, a table
 * of four or more columns becomes one card per row. On paper (A4, 14 mm sides) tables follow print-layout.ts: a
 * table too wide for portrait gets a landscape page of its own, headers repeat on every page, no row is split.
 */
const BASE = `
:root{--bg:#f7f8fa;--panel:#fff;--panel2:#f1f3f6;--border:#e2e5ea;--text:#15181d;--muted:#5b6472;--accent:#2563eb;--s1:#2563eb;--s2:#d97706;--shade:rgba(15,23,42,.16);color-scheme:light}
@media (prefers-color-scheme:dark){:root{--bg:#0e1116;--panel:#161a21;--panel2:#1d222b;--border:#2a313c;--text:#e6e9ee;--muted:#9aa4b2;--accent:#6ea1ff;--s1:#6ea1ff;--s2:#fbbf24;--shade:rgba(0,0,0,.55);color-scheme:dark}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:32px 24px 48px}h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em;overflow-wrap:break-word}h2{font-size:17px;margin:0 0 10px}
.muted{color:var(--muted)}.meta{font-size:13px}section{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:16px 18px;margin-top:18px;min-width:0}
.summary{font-size:16px;line-height:1.6;max-width:80ch}.keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:10px;margin:0;padding:0;list-style:none}
.keys li{border:1px solid var(--border);border-radius:8px;padding:10px 12px;background:var(--panel2)}.keys .l{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}.keys .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
.exports{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}.exports a{border:1px solid var(--border);background:var(--panel);color:var(--text);text-decoration:none;padding:6px 12px;border-radius:6px;font-size:14px}.exports a:hover{background:var(--panel2)}.exports a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
details summary{cursor:pointer;color:var(--accent);font-size:13px;margin-top:8px}dl.glossary dt{font-weight:600}dl.glossary dd{margin:0 0 8px}footer{margin-top:24px;font-size:12px}
.print-only{display:none}
`;

const TABLES = `
.tw{overflow-x:auto;max-width:100%;scrollbar-width:thin;
background:linear-gradient(to right,var(--panel) 30%,transparent) left/32px 100% no-repeat local,linear-gradient(to left,var(--panel) 30%,transparent) right/32px 100% no-repeat local,
radial-gradient(farthest-side at 0 50%,var(--shade),transparent) left/12px 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,var(--shade),transparent) right/12px 100% no-repeat scroll}
.tw:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table{width:100%;border-collapse:collapse;font-size:13.5px}table.wide{font-size:12.5px}caption{text-align:left;caption-side:top;padding-bottom:6px;color:var(--muted)}
th,td{padding:6px 8px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}td{overflow-wrap:anywhere}.wide th,.wide td{padding:6px 6px}td.nw{white-space:nowrap;overflow-wrap:normal}
thead th{font-size:11.5px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:var(--panel2);vertical-align:bottom;font-weight:600}thead th.grp{text-align:center;border-bottom:1px solid var(--border);vertical-align:middle}
tbody th[scope=row]{min-width:11em;font-weight:600}.wide tbody th[scope=row],.wide thead tr:first-child th:first-child{position:sticky;left:0;background:var(--panel);z-index:1}.wide thead tr:first-child th:first-child{background:var(--panel2)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap;overflow-wrap:normal}.gs{border-left:1px solid var(--border)}tbody tr:last-child td,tbody tr:last-child th{border-bottom:0}
@media screen and (max-width:640px){
main{padding:20px 12px 32px}section{padding:14px 12px}tbody th[scope=row]{min-width:7em}
.stack,.stack tbody,.stack tr,.stack tbody th,.stack td{display:block;width:auto;min-width:0}
.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.stack tr{border:1px solid var(--border);border-radius:8px;padding:8px 10px;margin:0 0 10px;background:var(--panel)}
.stack tbody th[scope=row]{position:static;border:0;padding:0 0 4px;font-size:14px}
.stack td{display:flex;justify-content:space-between;align-items:baseline;gap:12px;padding:3px 0;border-bottom:1px dashed var(--border);text-align:right}
.stack td.n{white-space:normal}.stack .gs{border-left:0}
.stack td::before{content:attr(data-label);color:var(--muted);font-size:12px;text-align:left;flex:1 1 50%;min-width:0}
.stack tr td:last-child{border-bottom:0}.tw{background:none}
}
`;

const CHARTS = `
svg text{fill:var(--muted);font-size:11.5px}svg text.pt{fill:var(--text)}.plot{overflow-x:auto;scrollbar-width:thin}
@media screen and (max-width:640px){.plot svg{min-width:560px}.plot{background:linear-gradient(to left,var(--panel) 30%,transparent) right/32px 100% no-repeat local,radial-gradient(farthest-side at 100% 50%,var(--shade),transparent) right/12px 100% no-repeat scroll}}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;margin:6px 0 0;padding:0;list-style:none}
.legend li::before{content:"";display:inline-block;width:12px;height:3px;margin-right:6px;vertical-align:middle;background:var(--c)}
.legend.keyed li::before{width:9px;height:9px;border-radius:50%}.legend.keyed b{font-variant-numeric:tabular-nums}
`;

const PRINT = `
@media print{:root{--bg:#fff;--panel:#fff;--panel2:#f4f5f7;--border:#cfd4dc;--text:#000;--muted:#444;--s1:#1d4ed8;--s2:#b45309;color-scheme:light}
body{font:10pt/1.4 Arial,"Liberation Sans",Helvetica,sans-serif}main{max-width:none;padding:0}h1{font-size:18pt}h2{font-size:12.5pt;margin-bottom:6pt}
.exports,.no-print,details summary,.screen-only{display:none}.print-only{display:block}details>*{display:block}
section{border:0;padding:0;margin-top:14pt;break-inside:auto}section.landscape{page:landscape}
h1,h2{break-after:avoid}.keys li,tr,.chart,.plot{break-inside:avoid}thead{display:table-header-group}
.tw{overflow:visible;background:none}.tw+.tw{margin-top:10pt}.plot{overflow:visible}
table,table.wide{font-size:9pt}table.compact{font-size:8pt}th,td{padding:3pt 4.5pt}thead th{font-size:7.5pt}table.compact thead th{font-size:7pt}
.wide tbody th[scope=row],.wide thead tr:first-child th:first-child{position:static}
.legend{font-size:8.5pt}
@page{size:A4;margin:16mm 14mm}@page landscape{size:A4 landscape;margin:14mm}}
`;

export const REPORT_CSS = BASE + TABLES + CHARTS + PRINT;
