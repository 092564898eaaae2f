import type { ExportMeta } from './export-csv';
import { reportToCsv } from './export-csv';
import { htmlToPdf } from './export-pdf';
import { reportToXlsx } from './export-xlsx';
import { reportToHtml } from './print-html';
import type { ReportSnapshot } from './types';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export function exportFilename(title: string, version: number, format: ExportFormat): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'report';
  return `${base}-v${version}.${format}`;
}

/** The PDF cache's key for a saved version; the HTML printed is hashed into it as well (pdf-cache.ts). */
export const pdfCacheKey = (reportId: string, version: number) => `${reportId}:v${version}`;

/**
 * Renders a frozen snapshot in one format: the bytes depend on the snapshot and its title only. `cacheKey` names the
 * saved version (pdfCacheKey) so its PDF is printed once.
 */
export async function renderExport(
  s: ReportSnapshot, meta: ExportMeta, format: ExportFormat, opts: { cacheKey?: string } = {},
): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const body = format === 'csv' ? Buffer.from(reportToCsv(s, meta), 'utf8')
    : format === 'xlsx' ? await reportToXlsx(s, meta)
      : await htmlToPdf(reportToHtml(s, meta), opts);
  return { body, contentType: TYPES[format], filename: exportFilename(meta.title, meta.version, format) };
}

export function exportResponse(r: { body: Buffer; contentType: string; filename: string }, extra: Record<string, string> = {}): Response {
  return new Response(new Uint8Array(r.body), {
    headers: { 'content-type': r.contentType, 'content-disposition': `attachment; filename="${r.filename}"`, 'cache-control': 'private, no-store', ...extra },
  });
}
