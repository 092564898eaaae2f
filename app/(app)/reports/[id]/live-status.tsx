'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiError, callApi, getJson } from '@/app/_components/api-client';
import type { ReportChange } from '@/lib/reports/diff';
import { ChangesTable } from './changes-table';

/** Recomputes the report from live data (nothing saved) and, when it differs, offers a refresh into a new version. */
export function LiveStatus({ id, canRefresh }: { id: string; canRefresh: boolean }) {
  const router = useRouter();
  const q = useQuery({ queryKey: ['reports:live', id], queryFn: () => getJson<{ differs: boolean; changes: ReportChange[]; version: number }>(`/api/v1/reports/${id}/live`), staleTime: 60_000 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    setBusy(true);
    setError(null);
    const r = await callApi(`/api/v1/reports/${id}/refresh`, { method: 'POST' });
    setBusy(false);
    if (!r.ok) { setError(apiError(r)); return; }
    router.push(`/reports/${id}?version=${r.body.version as number}`);
    router.refresh();
  };
  if (q.isPending) return <p role="status" className="text-sm text-muted">Checking whether live data still matches…</p>;
  if (q.isError) return <p role="alert" className="text-sm text-bad">Could not check live data: {q.error.message}</p>;
  if (!q.data.differs) return <p role="status" className="text-sm text-good">Live data still matches the latest version.</p>;
  return (
    <div role="status" className="rounded-lg border border-warn/50 bg-panel p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm"><span className="font-medium text-warn">Live data now differs</span> from version {q.data.version}: {q.data.changes.length} change{q.data.changes.length === 1 ? '' : 's'}.</p>
        {canRefresh && (
          <button type="button" onClick={refresh} disabled={busy} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
            {busy ? 'Saving…' : 'Refresh into a new version'}
          </button>
        )}
      </div>
      {error && <p role="alert" className="mt-2 text-sm text-bad">{error}</p>}
      <details className="mt-2 text-sm"><summary className="cursor-pointer text-accent">What would change</summary><ChangesTable changes={q.data.changes} /></details>
    </div>
  );
}
