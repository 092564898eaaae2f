import { withAccess } from '@/lib/api/handler';
import { creatorOf } from '@/lib/reports/access';
import { refreshReport } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

/** Recomputes the report from live data into a new version; answers with what changed against the previous one. */
export const POST = withAccess<{ id: string }>('editor', async ({ db, access, params }) =>
  Response.json(await refreshReport(db, access.workspace.id, params.id, creatorOf(access)), { status: 201 }));
