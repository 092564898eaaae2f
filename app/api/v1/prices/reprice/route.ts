import { getDatabase } from '@/db';
import { withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { previewReprice, repriceWorkspace } from '@/lib/pricing/service';

export const dynamic = 'force-dynamic';

/** What re-pricing would change: rows, days and models affected, old total → new total. Changes nothing. */
export const GET = withAccess('viewer', async ({ access }) => Response.json(await previewReprice(await getDatabase(), access.workspace.id)));

/** Applies re-pricing in one transaction (audit-logged). */
export const POST = withAccess('editor', async ({ req, access }) => {
  return Response.json(await repriceWorkspace(await getDatabase(), access.workspace.id, actorOf(access, clientIp(req.headers))));
});
