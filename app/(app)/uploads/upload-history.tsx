'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '@/app/_components/api-client';
import { formatCurrency } from '@/lib/format-currency';
import { uploadsKey } from './keys';
import { RejectsTable } from './upload-summary';

type UploadRow = {
  id: string; filename: string; format: string; status: string; bytes: number; rowsRead: number; rowsInserted: number; rowsDuplicate: number;
  rowsSkipped: number; rowsRejected: number; error: string | null; createdBy: string | null; createdAt: string;
  summary: { computedCostUsd?: string | null; reportedCostUsd?: string | null; from?: string | null; to?: string | null; formatLabel?: string | null };
};


export function UploadHistory({ workspace, canDelete }: { workspace: string; canDelete: boolean }) {
  const qc = useQueryClient();
  const { data, isPending, error, refetch } = useQuery({ queryKey: uploadsKey(workspace), queryFn: () => getJson<{ uploads: UploadRow[] }>('/api/v1/uploads') });
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['uploads:detail', workspace, open],
    queryFn: () => getJson<{ rejects: { line: number; reason: string }[]; rowsRejected: number }>(`/api/v1/uploads/${open}`),
    enabled: Boolean(open),
  });
  const remove = async (u: UploadRow) => {
    if (!confirm(`Delete "${u.filename}" and its ${u.rowsInserted.toLocaleString('en-US')} rows? Totals and charts change at once.`)) return;
    setBusy(u.id);
    try {
      await getJson(`/api/v1/uploads/${u.id}`, { method: 'DELETE' });
    } catch (e) {
      alert((e as Error).message);
    }
    setBusy(null);
    await qc.invalidateQueries({ queryKey: uploadsKey(workspace) });
  };

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-2 font-medium">History</h2>
      {error ? (
        <div role="alert" className="rounded-lg border border-bad/40 bg-panel p-4 text-sm">
          Could not load uploads: {error.message} <button type="button" className="ml-2 underline" onClick={() => refetch()}>Retry</button>
        </div>
      ) : isPending ? (
        <div className="h-24 animate-pulse rounded-lg border border-border bg-panel" aria-busy="true" aria-label="Loading uploads" />
      ) : data.uploads.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-panel p-6 text-sm text-muted">No uploads yet. Drop an export above to begin.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm">
            <caption className="sr-only">Uploads, newest first</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2">File</th><th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2 text-right">Rows added</th><th scope="col" className="px-3 py-2 text-right">Rejected</th>
                <th scope="col" className="px-3 py-2 text-right">Computed cost</th><th scope="col" className="px-3 py-2">Dates</th>
                <th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {data.uploads.map((u) => (
                <tr key={u.id} className="border-b border-border align-top last:border-0" data-testid="history-row">
                  {/* A file name keeps a readable width on a phone; the table scrolls instead of stacking it a word a line. */}
                  <th scope="row" className="min-w-48 px-3 py-2 text-left font-medium break-words">
                    {u.filename}
                    <span className="block text-xs font-normal text-muted">{u.summary?.formatLabel ?? u.format}{u.createdBy ? ` · ${u.createdBy}` : ''}</span>
                    {u.error && <span className="block max-w-md text-xs font-normal text-bad">{u.error}</span>}
                    {open === u.id && detail.data && detail.data.rejects.length > 0 && <RejectsTable rejects={detail.data.rejects} total={detail.data.rowsRejected} />}
                  </th>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${u.status === 'done' ? 'bg-good/15 text-good' : u.status === 'failed' ? 'bg-bad/15 text-bad' : 'bg-warn/15 text-warn'}`}>{u.status}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular">{u.rowsInserted.toLocaleString('en-US')}{u.rowsDuplicate ? <span className="block text-xs text-muted">{u.rowsDuplicate.toLocaleString('en-US')} already had</span> : null}</td>
                  <td className="px-3 py-2 text-right tabular">
                    {u.rowsRejected > 0 ? <button type="button" className="underline" onClick={() => setOpen(open === u.id ? null : u.id)}>{u.rowsRejected.toLocaleString('en-US')}</button> : '0'}
                  </td>
                  <td className="px-3 py-2 text-right tabular">{u.summary?.computedCostUsd ? formatCurrency(u.summary.computedCostUsd, { exact: true }) : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-muted">{u.summary?.from ? (u.summary.from === u.summary.to ? u.summary.from : `${u.summary.from} – ${u.summary.to}`) : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-muted">{new Date(u.createdAt).toISOString().replace('T', ' ').slice(0, 16)}</td>
                  <td className="px-3 py-2 text-right">
                    {canDelete && u.status !== 'processing' && (
                      <button type="button" disabled={busy === u.id} className="text-bad hover:underline disabled:opacity-50" onClick={() => remove(u)}>
                        {busy === u.id ? 'Deleting…' : 'Delete'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
