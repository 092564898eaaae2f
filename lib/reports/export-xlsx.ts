import ExcelJS from 'exceljs';
import type { ExportMeta } from './export-csv';
import { formatAsOf } from './format';
import type { ReportCell, ReportSnapshot, ReportTable, ReportUnit } from './types';

/**
 * The report as a workbook: Summary (key numbers and the main table), Monthly, Assumptions (with sources and the
 * glossary). Money goes in as numeric cells with a currency format, fractions as percentages: a finance reader
 * sums them without retyping. Text that looks like a formula stays text (ExcelJS writes strings as strings).
 */
export const USD_FORMAT = '"$"#,##0.00';
const FORMATS: Partial<Record<ReportUnit, string>> = { usd: USD_FORMAT, percent: '0.0%', integer: '#,##0', number: '#,##0.####', elo: '0', months: '0.0' };

function cellValue(v: ReportCell, unit: ReportUnit): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (['usd', 'percent', 'integer', 'number', 'elo', 'months'].includes(unit)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : String(v);
  }
  return typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
}

function writeTable(ws: ExcelJS.Worksheet, t: ReportTable, startRow: number): number {
  ws.getCell(startRow, 1).value = t.title;
  ws.getCell(startRow, 1).font = { bold: true, size: 12 };
  const header = ws.getRow(startRow + 1);
  t.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.label;
    header.getCell(i + 1).font = { bold: true };
    header.getCell(i + 1).border = { bottom: { style: 'thin' } };
  });
  t.rows.forEach((r, ri) => {
    const row = ws.getRow(startRow + 2 + ri);
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cellValue(r[c.key] ?? null, c.unit);
      const fmt = FORMATS[c.unit];
      if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
    });
  });
  return startRow + 2 + t.rows.length;
}

export async function reportToXlsx(s: ReportSnapshot, meta: ExportMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Frontier';
  wb.created = new Date(s.asOf);
  const summary = wb.addWorksheet('Summary');
  summary.getColumn(1).width = 44;
  for (let i = 2; i <= 8; i++) summary.getColumn(i).width = 20;
  summary.getCell('A1').value = meta.title;
  summary.getCell('A1').font = { bold: true, size: 14 };
  summary.getCell('A2').value = `Version ${meta.version} · as of ${formatAsOf(s.asOf)} · ${s.currency}`;
  summary.getCell('A3').value = s.summary;
  summary.getCell('A3').alignment = { wrapText: true, vertical: 'top' };
  summary.mergeCells('A3:G3');
  summary.getRow(3).height = 75;
  let row = 5;
  if (meta.note) { summary.getCell(`A${row}`).value = `Note: ${meta.note}`; row += 2; }
  summary.getCell(`A${row}`).value = 'Key numbers';
  summary.getCell(`A${row}`).font = { bold: true, size: 12 };
  row++;
  for (const k of s.keyNumbers) {
    summary.getCell(row, 1).value = k.label;
    const c = summary.getCell(row, 2);
    c.value = cellValue(k.value, k.unit);
    const fmt = FORMATS[k.unit];
    if (fmt && typeof c.value === 'number') c.numFmt = fmt;
    row++;
  }
  const main = s.tables.find((t) => t.name === 'comparison');
  if (main) writeTable(summary, main, row + 1);

  const monthly = wb.addWorksheet('Monthly');
  monthly.getColumn(1).width = 14;
  for (let i = 2; i <= 8; i++) monthly.getColumn(i).width = 18;
  const m = s.tables.find((t) => t.name === 'monthly');
  if (m) writeTable(monthly, m, 1);
  else monthly.getCell('A1').value = 'This report has no monthly table.';
  let extra = (m ? m.rows.length + 4 : 3);
  for (const t of s.tables.filter((x) => x.name !== 'comparison' && x.name !== 'monthly')) extra = writeTable(monthly, t, extra) + 2;

  const assumptions = wb.addWorksheet('Assumptions');
  assumptions.getColumn(1).width = 36;
  assumptions.getColumn(2).width = 90;
  assumptions.getColumn(3).width = 60;
  const rows: (string | null)[][] = [['Assumption', 'Value'], ...s.assumptions.map((a) => [a.label, a.value]), [], ['Source', 'Detail', 'Kind'], ...s.sources.map((x) => [x.label, x.detail, x.kind]), [], ['Term', 'Meaning'], ...s.glossary.map((g) => [g.term, g.meaning])];
  rows.forEach((r, i) => {
    const line = assumptions.getRow(i + 1);
    r.forEach((v, j) => { line.getCell(j + 1).value = v; });
    if (['Assumption', 'Source', 'Term'].includes(r[0] ?? '')) line.font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
