'use client';

import { ndjsonReader } from '@/lib/ndjson';
import type { CsvMapping } from '@/lib/ingest/formats/generic-csv';
import type { IngestSummary } from '@/lib/ingest/summary';

export type UploadProgress = { bytesSent: number; bytesTotal: number; rows: number; phase: 'sending' | 'reading' | 'done' };

/**
 * Sends one file to the uploads API with XMLHttpRequest (fetch cannot report upload progress) and reads the
 * NDJSON progress the server streams back: bytes from the browser's side, rows from the server's.
 */
export function uploadFile(file: File, opts: { format: string; mapping?: CsvMapping | null; saveMapping?: boolean }, onProgress: (p: UploadProgress) => void): Promise<IngestSummary> {
  return new Promise((resolve, reject) => {
    const qs = new URLSearchParams({ filename: file.name, progress: 'ndjson' });
    if (opts.format && opts.format !== 'auto') qs.set('format', opts.format);
    if (opts.mapping) {
      qs.set('mapping', JSON.stringify(opts.mapping));
      if (opts.saveMapping) qs.set('saveMapping', '1');
    }
    const xhr = new XMLHttpRequest();
    let summary: IngestSummary | null = null;
    let rows = 0;
    let sent = 0;
    const read = ndjsonReader((msg) => {
      if (msg.type === 'progress') { rows = msg.rows as number; onProgress({ bytesSent: sent, bytesTotal: file.size, rows, phase: 'reading' }); }
      if (msg.type === 'summary') summary = msg.summary as IngestSummary;
      if (msg.type === 'error') reject(new Error(String(msg.message)));
    });
    const readLines = () => read(xhr.responseText);
    xhr.upload.onprogress = (e) => { sent = e.loaded; onProgress({ bytesSent: e.loaded, bytesTotal: file.size, rows, phase: 'sending' }); };
    xhr.onprogress = readLines;
    xhr.onload = () => {
      readLines();
      if (summary) { onProgress({ bytesSent: file.size, bytesTotal: file.size, rows: summary.rowsRead, phase: 'done' }); resolve(summary); return; }
      try {
        const body = JSON.parse(xhr.responseText);
        reject(new Error(body?.error?.message ?? `upload failed (${xhr.status})`));
      } catch {
        reject(new Error(`upload failed (${xhr.status})`));
      }
    };
    xhr.onerror = () => reject(new Error('the connection failed during the upload'));
    xhr.open('POST', `/api/v1/uploads?${qs}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.send(file);
  });
}
