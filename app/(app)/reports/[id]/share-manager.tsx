'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError, callApi, getJson } from '@/app/_components/api-client';
import type { ShareRow } from '@/lib/reports/shares';

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');

/** Editors create read-only links (shown once), see their views and revoke them. */
export function ShareManager({ id, maxDays }: { id: string; maxDays: number }) {
  const qc = useQueryClient();
  const key = ['reports:shares', id];
  const q = useQuery({ queryKey: key, queryFn: () => getJson<{ shares: ShareRow[] }>(`/api/v1/reports/${id}/shares`) });
  const [days, setDays] = useState(Math.min(30, maxDays));
  const [created, setCreated] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await callApi(`/api/v1/reports/${id}/shares`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expiresInDays: days }) });
    setBusy(false);
    if (!r.ok) { setError(apiError(r)); return; }
    setCreated({ url: r.body.url as string, expiresAt: r.body.expiresAt as string });
    setCopied(false);
    await qc.invalidateQueries({ queryKey: key });
  };
  const revoke = async (shareId: string) => {
    const r = await callApi(`/api/v1/reports/${id}/shares/${shareId}`, { method: 'DELETE' });
    if (!r.ok && r.status !== 204) setError(apiError(r));
    await qc.invalidateQueries({ queryKey: key });
  };

  return (
    <div className="flex flex-col gap-3 text-sm">
      <form onSubmit={create} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1">Link expires after
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} className="rounded-md border border-border bg-panel-2 px-2 py-1">
            {[1, 7, 14, 30, 60, 90, 180, 365].filter((d) => d <= maxDays).map((d) => <option key={d} value={d}>{d} day{d === 1 ? '' : 's'}</option>)}
          </select>
        </label>
        <button type="submit" disabled={busy} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-60">{busy ? 'Creating…' : 'Create share link'}</button>
      </form>
      {error && <p role="alert" className="text-bad">{error}</p>}
      {created && (
        <div role="status" className="rounded-md border border-good/40 bg-panel-2 p-3">
          <p className="font-medium">Share link created. Copy it now: it is not shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <input readOnly aria-label="Share link" value={created.url} className="min-w-0 flex-1 rounded-md border border-border bg-panel px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="rounded-md border border-border px-2 py-1 hover:bg-panel" onClick={async () => { await navigator.clipboard?.writeText(created.url).catch(() => {}); setCopied(true); }}>{copied ? 'Copied' : 'Copy'}</button>
          </div>
          <p className="mt-1 text-xs text-muted">Anyone with the link can read this report, without signing in, until {when(created.expiresAt)}.</p>
        </div>
      )}
      {q.isPending ? <p className="text-muted">Loading links…</p> : q.isError ? <p role="alert" className="text-bad">{q.error.message}</p> : q.data.shares.length === 0 ? (
        <p className="text-muted">No share links yet.</p>
      ) : (
        <table className="w-full">
          <caption className="sr-only">Share links</caption>
          <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
            <tr><th scope="col" className="px-2 py-1.5">Created</th><th scope="col" className="px-2 py-1.5">State</th><th scope="col" className="px-2 py-1.5">Expires</th><th scope="col" className="px-2 py-1.5 text-right">Views</th><th scope="col" className="px-2 py-1.5">Last view</th><th scope="col" className="px-2 py-1.5"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {q.data.shares.map((s) => (
              <tr key={s.id} className="border-b border-border last:border-0" data-testid="share-row">
                <td className="px-2 py-1.5">{when(s.createdAt)}</td>
                <td className={`px-2 py-1.5 ${s.state === 'active' ? 'text-good' : 'text-muted'}`}>{s.state}</td>
                <td className="px-2 py-1.5">{s.state === 'revoked' ? `revoked ${when(s.revokedAt)}` : when(s.expiresAt)}</td>
                <td className="px-2 py-1.5 text-right tabular">{s.viewCount.toLocaleString('en-US')}</td>
                <td className="px-2 py-1.5">{when(s.lastViewedAt)}</td>
                <td className="px-2 py-1.5 text-right">{s.state === 'active' && <button type="button" onClick={() => revoke(s.id)} className="rounded-md border border-border px-2 py-0.5 hover:bg-panel-2">Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
