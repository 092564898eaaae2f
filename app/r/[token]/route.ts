import { getDb } from '@/db';
import { errorResponse } from '@/lib/api/errors';
import { reportToHtml, shareErrorHtml } from '@/lib/reports/print-html';
import { SHARE_HEADERS } from '@/lib/reports/share-http';
import { resolveShare } from '@/lib/reports/shares';

export const dynamic = 'force-dynamic';

/**
 * A shared report, read-only, for anyone holding the link: no session, no app navigation, nothing of the workspace
 * but this report. Served as one self-contained HTML document so a revoked or expired link can answer 410, saying
 * which, and an unknown one 404 (a page cannot set those), and so the page and its PDF are the same document.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await ctx.params;
    const r = await resolveShare(await getDb(), token, { countView: true });
    const headers = { ...SHARE_HEADERS, 'content-type': 'text/html; charset=utf-8' };
    if (r.status === 'missing') return new Response(shareErrorHtml(404), { status: 404, headers });
    if (r.status === 'gone') return new Response(shareErrorHtml(410, r.reason), { status: 410, headers });
    const base = `/r/${encodeURIComponent(token)}`;
    const html = reportToHtml(r.report.snapshot, {
      title: r.report.title, note: r.report.note, version: r.report.version,
      exports: { csv: `${base}/export.csv`, xlsx: `${base}/export.xlsx`, pdf: `${base}/export.pdf` },
      footer: 'Shared read-only from Frontier. A frozen snapshot: these numbers do not change when prices or usage change later.',
    });
    return new Response(html, { status: 200, headers });
  } catch (e) {
    return errorResponse(e);
  }
}
