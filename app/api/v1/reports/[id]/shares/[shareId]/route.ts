import { audit } from '@/db/queries/audit';
import { withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { revokeShare } from '@/lib/reports/shares';

export const dynamic = 'force-dynamic';

export const DELETE = withAccess<{ id: string; shareId: string }>('editor', async ({ req, db, access, params }) => {
  await revokeShare(db, access.workspace.id, params.id, params.shareId);
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'report.share_revoked', params.id, { shareId: params.shareId });
  return new Response(null, { status: 204 });
});
