import { audit } from '@/db/queries/audit';
import { NotFoundError } from '@/lib/api/errors';
import { withAccess } from '@/lib/api/handler';
import { isUuid } from '@/lib/api/params';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { revokeShare } from '@/lib/reports/shares';

export const dynamic = 'force-dynamic';

export const DELETE = withAccess<{ id: string; shareId: string }>('editor', async ({ req, db, access, params }) => {
  // Both go into uuid columns: anything else (36 dashes pass a looser check) would fail in the database.
  if (!isUuid(params.id) || !isUuid(params.shareId)) throw new NotFoundError('No such share link.');
  await revokeShare(db, access.workspace.id, params.id, params.shareId);
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'report.share_revoked', params.id, { shareId: params.shareId });
  return new Response(null, { status: 204 });
});
