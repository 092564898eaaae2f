'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import type { ReportOrigin } from '@/lib/reports/origin';
import { apiError, callApi } from './api-client';

/**
 * "Save as report": freezes what the current view shows (overview, usage with its URL parameters, a what-if spec)
 * as version 1 of a new report, then opens it. A native <dialog>: focus is trapped and Escape closes it.
 */
export function SaveReport({ source, defaultTitle }: { source: ReportOrigin; defaultTitle: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const r = await callApi('/api/v1/reports', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: String(form.get('title') ?? ''), note: String(form.get('note') ?? ''), source }),
    });
    setBusy(false);
    if (!r.ok) { setError(apiError(r)); return; }
    dialog.current?.close();
    router.push(`/reports/${r.body.id as string}`);
  };

  return (
    <>
      <button type="button" onClick={() => { setError(null); dialog.current?.showModal(); }} className="no-print rounded-md border border-border bg-panel px-3 py-1.5 text-sm hover:bg-panel-2">
        Save as report
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-h`} className="m-auto w-full max-w-md rounded-lg border border-border bg-panel p-0 text-text backdrop:bg-black/40">
        <form onSubmit={submit} className="flex flex-col gap-3 p-5">
          <h2 id={`${id}-h`} className="text-lg font-semibold">Save as report</h2>
          <p className="text-sm text-muted">Freezes every number this view shows, with its period, filters and sources. Later price or usage changes do not alter it.</p>
          <label className="flex flex-col gap-1 text-sm">Title
            <input name="title" required maxLength={200} defaultValue={defaultTitle} className="rounded-md border border-border bg-panel-2 px-2 py-1.5" />
          </label>
          <label className="flex flex-col gap-1 text-sm">Note <span className="text-xs text-muted">(optional, shown under the title)</span>
            <textarea name="note" maxLength={2000} rows={3} className="rounded-md border border-border bg-panel-2 px-2 py-1.5" />
          </label>
          {error && <p role="alert" className="text-sm text-bad">{error}</p>}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-panel-2">Cancel</button>
            <button type="submit" disabled={busy} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">{busy ? 'Saving…' : 'Save report'}</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
