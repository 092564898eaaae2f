import { csvCell } from '@/lib/csv-export';
import { formatAsOf } from './format';
import type { ReportCell, ReportSnapshot, ReportUnit } from './types';

export type ExportMeta = { title: string; note?: string; version: number };

const plain = (v: ReportCell): string | number | null => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : v);

/** An exact decimal stays as written (a negative amount is a number, not a formula); everything else is neutralised. */
class Num { constructor(readonly text: string) {} }
const DECIMAL = /^-?\d+(\.\d+)?$/;
const numeric = (v: ReportCell, unit: ReportUnit): string | number | null | Num =>
  unit !== 'text' && unit !== 'date' && typeof v === 'string' && DECIMAL.test(v) ? new Num(v) : plain(v);
const line = (cells: (string | number | null | Num)[]) => cells.map((c) => (c instanceof Num ? c.text : csvCell(c))).join(',');

/**
 * The report as one RFC 4180 CSV: a header block, the key numbers, then every table under its title. Money and
 * fractions stay plain decimals (a spreadsheet reads them as numbers); every text cell goes through csv-export's
 * formula neutralising (names come from uploaded files).
 */
export function reportToCsv(s: ReportSnapshot, meta: ExportMeta): string {
  const lines: (string | number | null | Num)[][] = [
    ['Report', meta.title],
    ['Version', meta.version],
    ['As of', formatAsOf(s.asOf)],
    ['Currency', s.currency],
    ['Summary', s.summary],
  ];
  if (meta.note) lines.push(['Note', meta.note]);
  lines.push([], ['Key number', 'Value', 'Unit'], ...s.keyNumbers.map((k) => [k.label, numeric(k.value, k.unit), k.unit]));
  for (const t of s.tables) {
    lines.push([], [t.title], t.columns.map((c) => (c.unit === 'usd' ? `${c.label} (USD)` : c.unit === 'percent' ? `${c.label} (fraction)` : c.label)));
    for (const r of t.rows) lines.push(t.columns.map((c) => numeric(r[c.key] ?? null, c.unit)));
  }
  lines.push([], ['Assumption', 'Value'], ...s.assumptions.map((a) => [a.label, a.value]));
  lines.push([], ['Source', 'Kind', 'Detail'], ...s.sources.map((x) => [x.label, x.kind, x.detail]));
  return lines.map(line).join('\r\n') + '\r\n';
}
