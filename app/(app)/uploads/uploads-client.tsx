'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { CsvMapping } from '@/lib/ingest/formats/generic-csv';
import type { IngestSummary } from '@/lib/ingest/summary';
import { uploadsKey } from './keys';
import { MappingForm } from './mapping-form';
import { UploadHistory } from './upload-history';
import { UploadSummary } from './upload-summary';
import type { UploadProgress } from './upload-file';
import { uploadFile } from './upload-file';

type Item = { id: number; file: File; progress: UploadProgress; summary?: IngestSummary; error?: string };

function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function UploadsClient({ workspace, canUpload, formats }: { workspace: string; canUpload: boolean; formats: { id: string; label: string }[] }) {
  const qc = useQueryClient();
  const [items, setItems] = useState<Item[]>([]);
  const [format, setFormat] = useState('auto');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);

  const update = (id: number, patch: Partial<Item>) => setItems((xs) => xs.map((x) => (x.id === id ? { ...x, ...patch } : x)));

  const send = useCallback(async (id: number, file: File, opts: { format: string; mapping?: CsvMapping | null; saveMapping?: boolean }) => {
    update(id, { summary: undefined, error: undefined, progress: { bytesSent: 0, bytesTotal: file.size, rows: 0, phase: 'sending' } });
    try {
      const summary = await uploadFile(file, opts, (p) => update(id, { progress: p }));
      update(id, { summary });
    } catch (e) {
      update(id, { error: (e as Error).message });
    }
    await qc.invalidateQueries({ queryKey: uploadsKey(workspace) });
  }, [qc, workspace]);

  const addFiles = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const id = nextId.current++;
      setItems((xs) => [{ id, file, progress: { bytesSent: 0, bytesTotal: file.size, rows: 0, phase: 'sending' } }, ...xs]);
      void send(id, file, { format });
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Uploads</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          Drop usage exports from OpenAI, Anthropic, OpenRouter, LiteLLM, Langfuse, Helicone or Bedrock (CSV, TSV, JSON, JSON lines, or gzip of any).
          Each file goes in whole or not at all; the same file twice adds nothing, and an export that overlaps one already loaded adds only what is new.
        </p>
      </header>

      {canUpload ? (
        <section aria-label="Upload files" className="flex flex-col gap-3">
          <div
            role="button" tabIndex={0} aria-label="Choose usage export files to upload, or drop them here"
            onClick={() => input.current?.click()}
            onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.current?.click(); } }}
            onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => { e.preventDefault(); setDragging(false); if (e.dataTransfer.files.length) addFiles(e.dataTransfer.files); }}
            className={`flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-10 text-center transition ${dragging ? 'border-accent bg-accent-soft' : 'border-border bg-panel hover:border-accent'}`}
          >
            <p className="font-medium">Drop files here, or click to choose</p>
            <p className="mt-1 text-sm text-muted">Several at once is fine. Up to 1 GB each.</p>
          </div>
          <input ref={input} type="file" multiple hidden data-testid="file-input" onChange={(e) => { if (e.target.files) addFiles(e.target.files); e.target.value = ''; }} />
          <label className="flex items-center gap-2 text-sm">
            <span className="text-muted">Format</span>
            <select className="min-w-0 rounded-md border border-border bg-panel-2 px-2 py-1.5" value={format} onChange={(e) => setFormat(e.target.value)}>
              {formats.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
            </select>
          </label>
        </section>
      ) : (
        <p className="rounded-lg border border-dashed border-border bg-panel p-4 text-sm text-muted">You are a viewer in this workspace: you can see uploads but not add or delete them.</p>
      )}

      {items.length > 0 && (
        <ul className="flex flex-col gap-4" aria-label="This session's uploads">
          {items.map((it) => (
            <li key={it.id} className="rounded-lg border border-border bg-panel p-4" data-testid="upload-item">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">{it.file.name} <span className="text-sm font-normal text-muted">{formatBytes(it.file.size)}</span></p>
                <p className="text-sm text-muted" aria-live="polite">
                  {it.summary ? '' : it.error ? '' : it.progress.phase === 'sending' ? `Sending ${formatBytes(it.progress.bytesSent)} of ${formatBytes(it.progress.bytesTotal)}` : `Reading… ${it.progress.rows.toLocaleString('en-US')} rows`}
                </p>
              </div>
              {!it.summary && !it.error && (
                <div className="mt-2 h-2 overflow-hidden rounded bg-panel-2" role="progressbar" aria-label={`Upload of ${it.file.name}`}
                  aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((100 * it.progress.bytesSent) / Math.max(1, it.progress.bytesTotal))}>
                  <div className="h-full bg-accent transition-all" style={{ width: `${Math.max(3, (100 * it.progress.bytesSent) / Math.max(1, it.progress.bytesTotal))}%` }} />
                </div>
              )}
              {it.error && <p role="alert" className="mt-2 text-sm text-bad">{it.error}</p>}
              {it.summary && <UploadSummary summary={it.summary} />}
              {it.summary?.errorCode === 'needs_mapping' && (
                <MappingForm
                  seen={it.summary.seen as { header: string[]; suggestion: Partial<CsvMapping> }}
                  onSubmit={(mapping) => send(it.id, it.file, { format: 'generic-csv', mapping, saveMapping: true })}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      <UploadHistory workspace={workspace} canDelete={canUpload} />
    </div>
  );
}
