import { getDb } from '@/db';
import { errorResponse } from '@/lib/api/errors';
import type { ExportFormat } from '@/lib/reports/export';
import { EXPORT_FORMATS, exportResponse, pdfCacheKey, renderExport } from '@/lib/reports/export';
import { shareErrorHtml } from '@/lib/reports/print-html';
import { SHARE_HEADERS } from '@/lib/reports/share-http';
import { takeSharePdf } from '@/lib/reports/share-rate-limit';
import { resolveShare } from '@/lib/reports/shares';

export const dynamic = 'force-dynamic';

/**
 * `/r/<token>/export.csv|xlsx|pdf`: the shared version's exports, under the same rules as the link itself and from the
 * share reader's view of it. A PDF also counts against the link's per-minute limit (429) and goes through the shared
 * printer's queue (503 when full).
 */
export async function GET(_req: Request, ctx: { params: Promise<{ token: string; file: string }> }): Promise<Response> {
  try {
    const { token, file } = await ctx.params;
    const m = /^export\.(\w+)$/.exec(file);
    const format = m && (EXPORT_FORMATS as readonly string[]).includes(m[1]!) ? (m[1] as ExportFormat) : null;
    const r = await resolveShare(await getDb(), token);
    const headers = { ...SHARE_HEADERS, 'content-type': 'text/html; charset=utf-8' };
    if (r.status === 'missing' || !format) return new Response(shareErrorHtml(404), { status: 404, headers });
    if (r.status === 'gone') return new Response(shareErrorHtml(410, r.reason), { status: 410, headers });
    const { report } = r;
    if (format === 'pdf') takeSharePdf(report.shareId);
    const meta = { title: report.title, note: report.note, version: report.version };
    return exportResponse(await renderExport(report.snapshot, meta, format, { cacheKey: pdfCacheKey(report.reportId, report.version) }), SHARE_HEADERS);
  } catch (e) {
    const res = errorResponse(e);
    for (const [k, v] of Object.entries(SHARE_HEADERS)) res.headers.set(k, v);
    return res;
  }
}
