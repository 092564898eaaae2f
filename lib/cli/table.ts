/**
 * Aligned plain-text tables for the CLI's read commands: a header, a rule, one line per row, columns padded to their
 * widest cell; numbers and money right-aligned so digits line up. No colours or box drawing: output pipes into
 * grep, cut and diff.
 */
export type Column<R> = { label: string; value: (r: R) => string | number | null | undefined; right?: boolean };

export function formatTable<R>(columns: Column<R>[], rows: readonly R[]): string {
  const cells = rows.map((r) => columns.map((c) => { const v = c.value(r); return v === null || v === undefined || v === '' ? '—' : String(v); }));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  const body = cells.length ? cells.map(line) : ['(none)'];
  return [line(columns.map((c) => c.label)), widths.map((w) => '-'.repeat(w)).join('  '), ...body].join('\n');
}
