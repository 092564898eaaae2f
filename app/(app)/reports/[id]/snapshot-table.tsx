import { formatCell } from '@/lib/reports/format';
import type { ReportTable } from '@/lib/reports/types';

const NUMERIC = new Set(['usd', 'percent', 'integer', 'number', 'elo', 'months']);

/** A snapshot table as a reader sees it: numbers right-aligned and formatted, the first column as row headers. */
export function SnapshotTable({ table, caption }: { table: ReportTable; caption?: string }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption ?? table.title}</caption>
        <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
          <tr>{table.columns.map((c, i) => <th key={c.key} scope="col" className={`px-3 py-2 ${i > 0 && NUMERIC.has(c.unit) ? 'text-right' : ''}`}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && <tr><td colSpan={table.columns.length} className="px-3 py-3 text-muted">No rows.</td></tr>}
          {table.rows.map((r, ri) => (
            <tr key={ri} className="border-b border-border last:border-0">
              {table.columns.map((c, i) => i === 0
                ? <th key={c.key} scope="row" className="px-3 py-1.5 text-left font-medium">{formatCell(r[c.key] ?? null, c.unit)}</th>
                : <td key={c.key} className={`px-3 py-1.5 ${NUMERIC.has(c.unit) ? 'text-right tabular' : ''}`}>{formatCell(r[c.key] ?? null, c.unit)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

