import { formatCell } from './format';
import type { HeaderGroup, Orientation } from './print-layout';
import { headerGroups, isNumeric, planTable } from './print-layout';
import type { ReportTable } from './types';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Tables of this many columns get the smaller screen type and a keyboard-scrollable region with a fixed name column. */
const WIDE_COLUMNS = 6;
/** On a phone a table of 4+ columns becomes a card per row; a long one (a series of months) scrolls sideways instead. */
const STACK_COLUMNS = 4;
const STACK_ROWS = 10;

/** The first column under each shared heading gets a rule on its left, so the groups read apart. */
const groupStarts = (groups: HeaderGroup[]) => new Set(groups.filter((g) => g.label !== null).map((g) => g.columns[0]!.key));

/** `n`: a number (right, tabular); `nw`: a short token such as `62%–64%` that must not break; `gs`: a group's start. */
function classes(c: { key: string; unit: ReportTable['columns'][number]['unit'] }, i: number, starts: Set<string>, value?: string): string {
  const token = value !== undefined && !isNumeric(c.unit) && value.length <= 16 && !/\s/.test(value);
  const list = [i > 0 && isNumeric(c.unit) ? 'n' : '', token ? 'nw' : '', starts.has(c.key) ? 'gs' : ''].filter(Boolean);
  return list.length ? ` class="${list.join(' ')}"` : '';
}

function thead(groups: HeaderGroup[]): string {
  const starts = groupStarts(groups);
  const cls = (c: HeaderGroup['columns'][number], i: number) => classes(c, i, starts);
  if (groups.every((g) => g.label === null)) {
    return `<thead><tr>${groups.flatMap((g) => g.columns).map((c, i) => `<th scope="col"${cls(c, i)}>${esc(c.short)}</th>`).join('')}</tr></thead>`;
  }
  let i = 0;
  const top: string[] = []; const sub: string[] = [];
  for (const g of groups) {
    if (g.label === null) {
      for (const c of g.columns) top.push(`<th scope="col" rowspan="2"${cls(c, i++)}>${esc(c.short)}</th>`);
      continue;
    }
    top.push(`<th scope="colgroup" colspan="${g.columns.length}" class="grp gs">${esc(g.label)}</th>`);
    for (const c of g.columns) sub.push(`<th scope="col"${cls(c, i++)}>${esc(c.short)}</th>`);
  }
  return `<thead><tr>${top.join('')}</tr><tr>${sub.join('')}</tr></thead>`;
}

function tbody(t: ReportTable, groups: HeaderGroup[]): string {
  const cols = groups.flatMap((g) => g.columns);
  const starts = groupStarts(groups);
  const body = t.rows.map((r) => `<tr>${cols.map((c, i) => {
    const v = esc(formatCell(r[c.key] ?? null, c.unit));
    return i === 0 ? `<th scope="row">${v}</th>` : `<td${classes(c, i, starts, v)} data-label="${esc(c.label)}">${v}</td>`;
  }).join('')}</tr>`).join('');
  return `<tbody>${body || `<tr><td colspan="${cols.length}" class="muted">No rows.</td></tr>`}</tbody>`;
}

function one(t: ReportTable, groups: HeaderGroup[], cls: string[], caption?: string): string {
  const wide = t.columns.length >= WIDE_COLUMNS;
  const region = wide ? ` role="region" aria-label="${esc(t.title)}" tabindex="0"` : '';
  const cap = caption ? `<caption>${esc(caption)}</caption>` : '';
  const only = cls.find((c) => c.endsWith('-only'));
  const own = cls.filter((c) => !c.endsWith('-only')).join(' ');
  return `<div class="tw${only ? ` ${only}` : ''}"${region}><table${own ? ` class="${own}"` : ''}>${cap}${thead(groups)}${tbody(t, groups)}</table></div>`;
}

/**
 * A report table, the same bytes for screen and print: numbers right-aligned in tabular figures, a row's name as its
 * header, headers that share a `Group: column` prefix under one heading. On paper it follows print-layout's plan;
 * a table split into parts for paper shows whole on screen.
 */
export function renderTable(t: ReportTable, opts: { caption?: string } = {}): { html: string; orientation: Orientation } {
  const plan = planTable(t);
  const cls = [t.columns.length >= WIDE_COLUMNS ? 'wide' : '', t.columns.length >= STACK_COLUMNS && t.rows.length <= STACK_ROWS ? 'stack' : '', plan.compact ? 'compact' : ''].filter(Boolean);
  if (plan.parts.length === 1) return { html: one(t, plan.parts[0]!, cls, opts.caption), orientation: plan.orientation };
  const whole = one(t, headerGroups(t.columns), [...cls, 'screen-only'], opts.caption);
  const parts = plan.parts.map((p, i) => one(t, p, [...cls, 'print-only'], `${opts.caption ?? t.title} (part ${i + 1} of ${plan.parts.length})`));
  return { html: whole + parts.join(''), orientation: plan.orientation };
}

export const tableHtml = (t: ReportTable, opts: { caption?: string } = {}) => renderTable(t, opts).html;
