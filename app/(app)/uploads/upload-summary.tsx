'use client';

import Link from 'next/link';
import { formatCurrency } from '@/lib/format-currency';
import type { IngestSummary } from '@/lib/ingest/summary';

const n = (v: number) => v.toLocaleString('en-US');

/** What one file did: format, rows in/skipped/rejected/duplicate, tokens, cost, dates, unmapped models, rejects. */
export function UploadSummary({ summary: s }: { summary: IngestSummary }) {
  const tone = s.status === 'ingested' ? 'text-good' : s.status === 'duplicate' ? 'text-warn' : 'text-bad';
  return (
    <div className="mt-3 text-sm" data-testid="upload-summary">
      <p className={`font-medium ${tone}`}>
        {s.status === 'ingested' ? `Ingested as ${s.formatLabel ?? s.format}` : s.status === 'duplicate' ? 'Already ingested: this exact file is in, nothing added' : 'Not ingested: nothing was written'}
      </p>
      {s.error && s.status !== 'duplicate' && <p className="mt-1 text-bad">{s.error}</p>}
      {s.status === 'ingested' && (
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
          <Stat label="Rows added" value={n(s.rowsIngested)} />
          <Stat label="Already had" value={n(s.duplicateRows)} />
          <Stat label="Skipped (empty)" value={n(s.rowsSkipped)} />
          <Stat label="Rejected" value={n(s.rowsRejected)} />
          <Stat label="Requests" value={n(s.requests)} />
          <Stat label="Input tokens" value={`${n(s.inputTokens)}${s.cachedInputTokens ? ` (${n(s.cachedInputTokens)} cached)` : ''}`} />
          <Stat label="Output tokens" value={n(s.outputTokens)} />
          <Stat label="Dates" value={s.from ? (s.from === s.to ? s.from : `${s.from} – ${s.to}`) : '—'} />
          <Stat label="Computed cost" value={s.computedCostUsd === null ? '—' : formatCurrency(s.computedCostUsd, { exact: true })} />
          <Stat label="Reported cost" value={s.reportedCostUsd === null ? '—' : formatCurrency(s.reportedCostUsd, { exact: true })} />
          {s.backdatedRows > 0 && <Stat label="Priced from a later sheet" value={`${n(s.backdatedRows)} rows (no sheet on or before their day prices them)`} />}
        </dl>
      )}
      {s.unmappedModels.length > 0 && (
        <p className="mt-3 text-warn">
          {s.unmappedModels.length} model {s.unmappedModels.length === 1 ? 'name' : 'names'} not in the catalog (kept, not priced):{' '}
          {s.unmappedModels.slice(0, 8).map((m) => `${m.rawModel} (${n(m.rows)})`).join(', ')}. <Link className="underline" href="/prices">Map them on Prices</Link>.
        </p>
      )}
      {s.unpricedModels.length > 0 && (
        <p className="mt-1 text-warn">No price for: {s.unpricedModels.slice(0, 8).map((m) => `${m.rawModel}${m.providerId ? ` on ${m.providerId}` : ''}`).join(', ')}.</p>
      )}
      {s.rejects.length > 0 && <RejectsTable rejects={s.rejects} total={s.rowsRejected} />}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-medium tabular">{value}</dd>
    </div>
  );
}

export function RejectsTable({ rejects, total }: { rejects: { line: number; reason: string }[]; total: number }) {
  return (
    <details className="mt-3" open={rejects.length <= 5}>
      <summary className="cursor-pointer text-muted">Rejected rows ({n(total)}{total > rejects.length ? `, first ${n(rejects.length)} shown` : ''})</summary>
      <table className="mt-2 w-full text-xs">
        <caption className="sr-only">Rejected rows with line and reason</caption>
        <thead className="text-left text-muted"><tr><th scope="col" className="py-1 pr-4">Line</th><th scope="col" className="py-1">Reason</th></tr></thead>
        <tbody>
          {rejects.map((r) => <tr key={r.line} className="border-t border-border"><td className="py-1 pr-4 tabular">{r.line}</td><td className="py-1">{r.reason}</td></tr>)}
        </tbody>
      </table>
    </details>
  );
}
