import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { EXPORT_FORMATS, exportResponse, pdfCacheKey, renderExport } from '@/lib/reports/export';
import { getReport } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

const query = z.object({ format: z.enum(EXPORT_FORMATS), version: queryInt().optional() });

/** A saved version as CSV, XLSX or PDF (501 when the server has no Chromium for PDF, 503 when its printer is busy). */
export const GET = withAccess<{ id: string }>('viewer', async ({ req, db, access, params }) => {
  const q = parseQuery(req, query);
  const r = await getReport(db, access.workspace.id, params.id, q.version);
  return exportResponse(await renderExport(r.snapshot, { title: r.title, note: r.note, version: r.version }, q.format, { cacheKey: pdfCacheKey(r.id, r.version) }));
});
