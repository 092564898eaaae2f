import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { NotFoundError } from '@/lib/api/errors';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { formatAsOf, KIND_LABELS } from '@/lib/reports/format';
import type { ReportDetail } from '@/lib/reports/service';
import { diffVersions, getReport } from '@/lib/reports/service';
import { shareMaxDays } from '@/lib/reports/shares';
import { ChangesTable } from './changes-table';
import { LiveStatus } from './live-status';
import { DeleteReport, PrintButton } from './report-actions';
import { ReportView } from './report-view';
import { ShareManager } from './share-manager';

export const metadata = { title: 'Report' };
export const dynamic = 'force-dynamic';

export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ version?: string }> }) {
  const access = await requirePageAccess();
  const { id } = await params;
  const sp = await searchParams;
  const asked = sp.version && /^\d{1,6}$/.test(sp.version) ? Number(sp.version) : undefined;
  const db = await getDb();
  let r: ReportDetail;
  try {
    r = await getReport(db, access.workspace.id, id, asked);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const canEdit = roleAtLeast(access.role, 'editor');
  const diff = r.version > 1 ? await diffVersions(db, access.workspace.id, id, r.version) : null;
  const exportHref = (f: string) => `/api/v1/reports/${r.id}/export?format=${f}&version=${r.version}`;
  const btn = 'rounded-md border border-border bg-panel px-3 py-1.5 text-sm hover:bg-panel-2';
  return (
    <article className="report flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="no-print text-sm text-muted"><Link href="/reports" className="underline">Reports</Link> / {r.title}</nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-xs uppercase tracking-wide text-muted">{KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind} report · version {r.version} of {r.latestVersion}</p>
          <h1 className="text-2xl font-semibold tracking-tight">{r.title}</h1>
          <p className="mt-1 text-sm text-muted" data-testid="report-as-of">As of {formatAsOf(r.snapshot.asOf)} · {access.workspace.name} · amounts in {r.snapshot.currency}</p>
          {r.note && <p className="mt-2 max-w-3xl text-sm">{r.note}</p>}
          {r.version < r.latestVersion && <p className="mt-2 text-sm text-warn">An older version. <Link className="underline" href={`/reports/${r.id}`}>See the latest (version {r.latestVersion})</Link>.</p>}
        </div>
        <div className="no-print flex flex-wrap gap-2" role="group" aria-label="Export">
          <a className={btn} href={exportHref('xlsx')} download>Download XLSX</a>
          <a className={btn} href={exportHref('csv')} download>Download CSV</a>
          <a className={btn} href={exportHref('pdf')} download>Download PDF</a>
          <PrintButton />
          {canEdit && <DeleteReport id={r.id} title={r.title} />}
        </div>
      </header>
      {r.version === r.latestVersion && <div className="no-print"><LiveStatus id={r.id} canRefresh={canEdit} /></div>}
      <ReportView snapshot={r.snapshot} />
      <section aria-labelledby="versions-h" className="no-print rounded-lg border border-border bg-panel p-4">
        <h2 id="versions-h" className="mb-2 font-medium">Versions</h2>
        <ol className="flex flex-col gap-1 text-sm">
          {r.versions.map((v) => (
            <li key={v.version}>
              {v.version === r.version ? <span className="font-medium">Version {v.version} (shown)</span> : <Link className="text-accent underline" href={`/reports/${r.id}?version=${v.version}`}>Version {v.version}</Link>}
              <span className="text-muted"> — as of {formatAsOf(v.asOf)}</span>
            </li>
          ))}
        </ol>
        {diff && (
          <div className="mt-3">
            <h3 className="text-sm font-medium">What changed from version {diff.from} to {diff.to}</h3>
            <ChangesTable changes={diff.changes} caption={`Changes from version ${diff.from} to ${diff.to}`} />
          </div>
        )}
      </section>
      {canEdit && (
        <section aria-labelledby="share-h" className="no-print rounded-lg border border-border bg-panel p-4">
          <h2 id="share-h" className="mb-1 font-medium">Share</h2>
          <p className="mb-3 text-sm text-muted">A read-only link to the latest version: no sign-in, no other data of the workspace, not indexed by search engines.</p>
          <ShareManager id={r.id} maxDays={shareMaxDays()} />
        </section>
      )}
    </article>
  );
}
