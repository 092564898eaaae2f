'use client';

import { ndjsonReader } from '@/lib/ndjson';
import type { CompareResult } from '@/lib/tokens/compare';
import type { TokenizerId } from '@/lib/tokens/ids';

export type CompareProgress = { phase: 'sending' | 'counting'; bytesSent: number; bytesTotal: number; samples: number };
export type CompareInput = { file: File } | { text: string };

/**
 * Sends samples to the compare API with XMLHttpRequest (fetch cannot report upload progress) and reads the
 * NDJSON progress the server streams back while it counts.
 */
export function requestCompare(input: CompareInput, opts: { from: TokenizerId; to: TokenizerId; tokenizers: TokenizerId[] }, onProgress: (p: CompareProgress) => void): { promise: Promise<CompareResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<CompareResult>((resolve, reject) => {
    const qs = new URLSearchParams({ from: opts.from, to: opts.to, tokenizers: opts.tokenizers.join(','), progress: 'ndjson' });
    const total = 'file' in input ? input.file.size : new Blob([input.text]).size;
    let sent = 0;
    let result: CompareResult | null = null;
    let failed = false;
    const read = ndjsonReader((msg) => {
      if (msg.type === 'progress') onProgress({ phase: 'counting', bytesSent: sent, bytesTotal: total, samples: msg.samples as number });
      if (msg.type === 'result') result = msg.result as CompareResult;
      if (msg.type === 'error') { failed = true; reject(new Error(String(msg.message))); }
    });
    const readLines = () => read(xhr.responseText);
    xhr.upload.onprogress = (e) => { sent = e.loaded; onProgress({ phase: e.loaded >= total ? 'counting' : 'sending', bytesSent: e.loaded, bytesTotal: total, samples: 0 }); };
    xhr.onprogress = readLines;
    xhr.onload = () => {
      readLines();
      if (result) { resolve(result); return; }
      if (failed) return;
      try {
        const body = JSON.parse(xhr.responseText);
        reject(new Error(body?.error?.message ?? `the comparison failed (${xhr.status})`));
      } catch {
        reject(new Error(`the comparison failed (${xhr.status})`));
      }
    };
    xhr.onerror = () => reject(new Error('the connection failed while sending the samples'));
    xhr.onabort = () => reject(new Error('cancelled'));
    xhr.open('POST', `/api/v1/tokens/compare?${qs}`);
    if ('file' in input) {
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.send(input.file);
    } else {
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.send(JSON.stringify({ text: input.text }));
    }
  });
  return { promise, abort: () => xhr.abort() };
}
