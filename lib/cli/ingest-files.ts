import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DbHandle } from '@/db/client';
import type { CsvMapping } from '@/lib/ingest/formats/generic-csv';
import { ingestUpload } from '@/lib/ingest/pipeline';
import type { IngestSummary } from '@/lib/ingest/summary';

/** What `frontier ingest --json` prints per file. Token counts are integers, money decimal strings. */
export type CliFileResult = Pick<IngestSummary, 'format' | 'status' | 'rowsIngested' | 'rowsSkipped' | 'rowsRejected' | 'duplicateRows' | 'requests'
  | 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'computedCostUsd' | 'reportedCostUsd' | 'rejects'> & {
  file: string;
  unmappedModels: string[];
  error: string | null;
};

export function toCliResult(file: string, s: IngestSummary): CliFileResult {
  return {
    file, format: s.format, status: s.status, rowsIngested: s.rowsIngested, rowsSkipped: s.rowsSkipped, rowsRejected: s.rowsRejected,
    duplicateRows: s.duplicateRows, requests: s.requests, inputTokens: s.inputTokens, cachedInputTokens: s.cachedInputTokens,
    outputTokens: s.outputTokens, computedCostUsd: s.computedCostUsd, reportedCostUsd: s.reportedCostUsd,
    unmappedModels: s.unmappedModels.map((m) => m.rawModel), rejects: s.rejects.slice(0, 20), error: s.error ?? null,
  };
}

export async function ingestFilesDirect(h: DbHandle, workspaceId: string, files: string[], opts: { format?: string; mapping?: CsvMapping | null }) {
  const out: CliFileResult[] = [];
  for (const file of files) {
    const s = await ingestUpload(h, {
      workspaceId, filename: path.basename(file), chunks: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
      format: opts.format, mapping: opts.mapping, actor: { label: 'cli' },
    });
    out.push(toCliResult(file, s));
  }
  return out;
}

/** Through the running app's API (when it holds the embedded database): streams each file as the request body. */
export async function ingestFilesViaApp(baseUrl: string, apiKey: string, files: string[], opts: { format?: string; mapping?: CsvMapping | null }) {
  const out: CliFileResult[] = [];
  for (const file of files) {
    const qs = new URLSearchParams({ filename: path.basename(file) });
    if (opts.format) qs.set('format', opts.format);
    if (opts.mapping) qs.set('mapping', JSON.stringify(opts.mapping));
    const res = await fetch(`${baseUrl}/api/v1/uploads?${qs}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/octet-stream' },
      body: Readable.toWeb(fs.createReadStream(file)) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const body = await res.json().catch(() => null);
    if (body && 'status' in body && 'rowsIngested' in body) out.push(toCliResult(file, body as IngestSummary));
    else out.push({ ...toCliResult(file, { status: 'failed' } as IngestSummary), error: body?.error?.message ?? `HTTP ${res.status}`, unmappedModels: [], rejects: [] });
  }
  return out;
}
