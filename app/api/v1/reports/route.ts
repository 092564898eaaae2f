import { audit } from '@/db/queries/audit';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { creatorOf } from '@/lib/reports/access';
import { createReport, createReportSchema, listReports } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => Response.json({ reports: await listReports(db, access.workspace.id) }));

/** Saves a report: the numbers of the view (overview, usage with its parameters, or a what-if spec) frozen as version 1. */
export const POST = withAccess('editor', async ({ req, db, access }) => {
  const body = await parseBody(req, createReportSchema);
  const r = await createReport(db, access.workspace.id, creatorOf(access), body);
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'report.created', r.title, { id: r.id, kind: body.source.kind });
  return Response.json(r, { status: 201 });
});
