import { formatCell } from './format';
import type { ReportColumn, ReportTable, ReportUnit } from './types';

/**
 * How a table goes on paper. Chromium prints what does not fit the page's width off its edge, so each table is
 * measured here first (an estimate from the text it holds: numbers never wrap, words do) and given the first of:
 * portrait, portrait in smaller type, a landscape page, landscape in smaller type, and only then split into parts
 * that each repeat the row's name. The estimate is deliberately generous; the layout test reads the printed PDF.
 */
export const NUMERIC_UNITS: readonly ReportUnit[] = ['usd', 'percent', 'integer', 'number', 'elo', 'months'];
export const isNumeric = (u: ReportUnit) => NUMERIC_UNITS.includes(u);

/** A4 less 14 mm a side, in CSS px (96 per inch): what @page leaves for the content. */
export const PRINT_WIDTH_PX = { portrait: ((210 - 28) / 25.4) * 96, landscape: ((297 - 28) / 25.4) * 96 };
/** Cell type in print, px: 9 pt, or 8 pt when compact; headers are set smaller, in capitals. */
const SIZES = { normal: { cell: 12, head: 10 }, compact: { cell: 10.67, head: 9.33 } };
const CELL_PAD_PX = 12;
/** The name column wraps, but not narrower than this many ems, so a model's name reads in two or three lines. */
const NAME_MIN_EM = 11;
const SAFETY = 1.08;

/** Character widths in ems, close to Arial/Liberation Sans (the print font) and a little wide for anything else. */
function ems(s: string, caps = false): number {
  let w = 0;
  for (const ch of caps ? s.toUpperCase() : s) {
    if (/[0-9$#]/.test(ch)) w += 0.56;
    else if (/[.,:;'|!il]/.test(ch)) w += 0.28;
    else if (ch === ' ') w += 0.28;
    else if (/[%@MW—–]/.test(ch)) w += 0.9;
    else if (/[A-Z]/.test(ch)) w += caps ? 0.7 : 0.68;
    else w += 0.54;
  }
  return w + (caps ? 0.03 * s.length : 0); // letter-spacing on headers
}

const longestWord = (s: string, caps = false) => Math.max(0, ...s.split(/\s+/).map((x) => ems(x, caps)));

/** A run of columns under one heading: `Llama 3 on Groq: total cost` and `…: cumulative savings` share theirs. */
export type HeaderGroup = { label: string | null; columns: (ReportColumn & { short: string })[] };

export function headerGroups(columns: ReportColumn[]): HeaderGroup[] {
  const prefix = (c: ReportColumn) => /^(.+?): (.+)$/.exec(c.label);
  const groups: HeaderGroup[] = [];
  for (const c of columns) {
    const m = prefix(c);
    const last = groups.at(-1);
    if (m && last && last.label === m[1]) last.columns.push({ ...c, short: m[2]! });
    else groups.push({ label: m ? m[1]! : null, columns: [{ ...c, short: m ? m[2]! : c.label }] });
  }
  // A heading over one column says nothing a plain header would not.
  return groups.flatMap((g) => (g.label !== null && g.columns.length < 2 ? g.columns.map((c) => ({ label: null, columns: [{ ...c, short: c.label }] })) : [g]));
}

/** Estimated printed width of one column, px, at the given type size. */
function columnWidth(t: ReportTable, c: HeaderGroup['columns'][number], first: boolean, size: { cell: number; head: number }): number {
  const cells = t.rows.map((r) => formatCell(r[c.key] ?? null, c.unit));
  const head = longestWord(c.short, true) * size.head;
  if (isNumeric(c.unit) && !first) return Math.max(head, ...cells.map((v) => ems(v) * size.cell)) + CELL_PAD_PX;
  const natural = Math.max(0, ...cells.map((v) => ems(v))) * size.cell;
  const floor = Math.max(head, ...cells.map((v) => longestWord(v) * size.cell));
  const cap = (first ? NAME_MIN_EM * 1.4 : 14) * size.cell;
  return Math.max(floor, Math.min(natural, cap), first ? Math.min(natural, NAME_MIN_EM * size.cell) : 0) + CELL_PAD_PX;
}

function groupWidth(t: ReportTable, g: HeaderGroup, first: boolean, size: { cell: number; head: number }): number {
  const cols = g.columns.reduce((s, c, i) => s + columnWidth(t, c, first && i === 0, size), 0);
  return Math.max(cols, g.label ? longestWord(g.label, true) * size.head + CELL_PAD_PX : 0);
}

export type Orientation = 'portrait' | 'landscape';
/** `parts` are column groups, each printed as its own table that starts with the table's first column. */
export type TablePlan = { orientation: Orientation; compact: boolean; parts: HeaderGroup[][] };

export function tableWidth(t: ReportTable, groups: HeaderGroup[], compact: boolean): number {
  const size = compact ? SIZES.compact : SIZES.normal;
  return SAFETY * groups.reduce((s, g, i) => s + groupWidth(t, g, i === 0, size), 0);
}

export function planTable(t: ReportTable): TablePlan {
  const groups = headerGroups(t.columns);
  for (const orientation of ['portrait', 'landscape'] as const) {
    for (const compact of [false, true]) {
      if (tableWidth(t, groups, compact) <= PRINT_WIDTH_PX[orientation]) return { orientation, compact, parts: [groups] };
    }
  }
  return { orientation: 'landscape', compact: true, parts: splitGroups(t, groups) };
}

/** Greedy: as many heading groups per part as fit a landscape page next to the repeated first column. */
function splitGroups(t: ReportTable, groups: HeaderGroup[]): HeaderGroup[][] {
  const [head, ...rest] = groups;
  const firstCol: HeaderGroup = { label: null, columns: [head!.columns[0]!] };
  const tail: HeaderGroup[] = head!.columns.length > 1 ? [{ label: head!.label, columns: head!.columns.slice(1) }, ...rest] : rest;
  const parts: HeaderGroup[][] = [];
  let part: HeaderGroup[] = [firstCol];
  for (const g of tail) {
    if (part.length > 1 && tableWidth(t, [...part, g], true) > PRINT_WIDTH_PX.landscape) {
      parts.push(part);
      part = [firstCol];
    }
    part.push(g);
  }
  parts.push(part);
  return parts;
}
