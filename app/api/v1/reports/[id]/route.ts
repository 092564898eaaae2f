import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { audit } from '@/db/queries/audit';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { deleteReport, getReport } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

const query = z.object({ version: queryInt().optional() });

/** A report with one frozen version (the newest unless `?version=`), and the list of its versions. */
export const GET = withAccess<{ id: string }>('viewer', async ({ req, db, access, params }) => {
  const q = parseQuery(req, query);
  return Response.json(await getReport(db, access.workspace.id, params.id, q.version));
});

export const DELETE = withAccess<{ id: string }>('editor', async ({ req, db, access, params }) => {
  const r = await getReport(db, access.workspace.id, params.id);
  await deleteReport(db, access.workspace.id, params.id);
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'report.deleted', r.title, { id: r.id });
  return new Response(null, { status: 204 });
});
