/** What an upload reports, to the page, the API and the CLI. Token counts are integers, money decimal strings. */
export type IngestSummary = {
  uploadId: string;
  file: string;
  status: 'ingested' | 'duplicate' | 'failed';
  format: string | null;
  formatLabel: string | null;
  bytes: number;
  encoding: string | null;
  gzip: boolean;
  rowsRead: number;
  rowsStaged: number;
  rowsIngested: number;
  rowsSkipped: number;
  rowsRejected: number;
  duplicateRows: number;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  computedCostUsd: string | null;
  reportedCostUsd: string | null;
  from: string | null;
  to: string | null;
  backdatedRows: number;
  unmappedModels: { rawModel: string; rows: number }[];
  unpricedModels: { rawModel: string; providerId: string | null; rows: number }[];
  rejects: { line: number; reason: string }[];
  error?: string;
  errorCode?: string;
  seen?: unknown;
};

export function emptySummary(uploadId: string, file: string): IngestSummary {
  return {
    uploadId, file, status: 'failed', format: null, formatLabel: null, bytes: 0, encoding: null, gzip: false, rowsRead: 0, rowsStaged: 0,
    rowsIngested: 0, rowsSkipped: 0, rowsRejected: 0, duplicateRows: 0, requests: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0,
    computedCostUsd: null, reportedCostUsd: null, from: null, to: null, backdatedRows: 0, unmappedModels: [], unpricedModels: [], rejects: [],
  };
}

/** `12.340000000000` → `12.34`; null stays null. */
export function trimDecimal(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

/**
 * HTTP status for an upload's outcome: 201 in, 409 duplicate, 408 the body stalled, 413 too large, 415 not a format we
 * read, 429 too many uploads to the workspace waiting, 422 bad content.
 */
export function statusOf(s: IngestSummary): number {
  if (s.status === 'ingested') return 201;
  if (s.status === 'duplicate') return 409;
  if (s.errorCode === 'too_large') return 413;
  if (s.errorCode === 'stalled') return 408;
  if (s.errorCode === 'busy') return 429;
  if (s.errorCode === 'unknown_format' || s.errorCode === 'needs_mapping' || s.errorCode === 'binary') return 415;
  if (s.errorCode === 'internal') return 500;
  return 422;
}
