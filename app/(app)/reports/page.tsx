import Link from 'next/link';
import { getDb } from '@/db';
import { requirePageAccess } from '@/lib/auth/page';
import { formatAsOf, KIND_LABELS } from '@/lib/reports/format';
import { listReports } from '@/lib/reports/service';

export const metadata = { title: 'Reports' };
export const dynamic = 'force-dynamic';

export default async function ReportsPage() {
  const access = await requirePageAccess();
  const list = await listReports(await getDb(), access.workspace.id);
  return (
    <div className="flex flex-col gap-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Reports</h1>
        <p className="mt-1 text-sm text-muted">Frozen snapshots for finance: the numbers, their assumptions and sources, as they were when saved. Share them read-only, export CSV, XLSX or PDF.</p>
      </header>
      {list.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border bg-panel p-6">
          <p className="font-medium">No reports yet.</p>
          <p className="mt-2 text-sm text-muted">Use <span className="font-medium">Save as report</span> on the <Link className="text-accent underline" href="/overview">Overview</Link> or <Link className="text-accent underline" href="/usage">Usage</Link> page (or on a what-if scenario) to freeze what it shows.</p>
        </div>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm">
            <caption className="sr-only">Saved reports</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
              <tr><th scope="col" className="px-3 py-2">Title</th><th scope="col" className="px-3 py-2">From</th><th scope="col" className="px-3 py-2">Latest numbers as of</th><th scope="col" className="px-3 py-2 text-right">Versions</th><th scope="col" className="px-3 py-2 text-right">Active links</th><th scope="col" className="px-3 py-2">Created</th></tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} className="border-b border-border last:border-0" data-testid="report-row">
                  <th scope="row" className="px-3 py-2 text-left font-medium"><Link className="text-accent underline-offset-2 hover:underline" href={`/reports/${r.id}`}>{r.title}</Link>{r.note && <p className="font-normal text-muted">{r.note}</p>}</th>
                  <td className="px-3 py-2">{KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind}</td>
                  <td className="px-3 py-2">{r.latestAsOf ? formatAsOf(r.latestAsOf) : '—'}</td>
                  <td className="px-3 py-2 text-right tabular">{r.versions}</td>
                  <td className="px-3 py-2 text-right tabular">{r.activeShares}</td>
                  <td className="px-3 py-2">{formatAsOf(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
