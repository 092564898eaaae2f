import type { ReportChange } from '@/lib/reports/diff';

const AREA: Record<ReportChange['area'], string> = { 'key number': 'Key number', table: 'Table', source: 'Source (why)', assumption: 'Assumption (why)' };

/** Numbers first, then the sources and assumptions that explain them. */
export function ChangesTable({ changes, caption = 'What changed' }: { changes: ReportChange[]; caption?: string }) {
  if (changes.length === 0) return <p className="mt-2 text-sm text-muted">No number, source or assumption changed.</p>;
  const order: ReportChange['area'][] = ['key number', 'table', 'source', 'assumption'];
  const sorted = [...changes].sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area));
  return (
    <div className="relative mt-2 overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <tr><th scope="col" className="px-2 py-1.5">What</th><th scope="col" className="px-2 py-1.5">Item</th><th scope="col" className="px-2 py-1.5 text-right">Before</th><th scope="col" className="px-2 py-1.5 text-right">After</th></tr>
        </thead>
        <tbody>
          {sorted.map((c, i) => (
            <tr key={i} className="border-b border-border last:border-0">
              <td className="px-2 py-1 text-muted">{AREA[c.area]}</td>
              <th scope="row" className="px-2 py-1 text-left font-normal">{c.item}</th>
              <td className="px-2 py-1 text-right tabular">{c.before ?? <span className="text-muted">(none)</span>}</td>
              <td className="px-2 py-1 text-right tabular font-medium">{c.after ?? <span className="text-muted">(removed)</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
