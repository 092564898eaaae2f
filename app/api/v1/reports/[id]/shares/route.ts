import { audit } from '@/db/queries/audit';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { creatorOf } from '@/lib/reports/access';
import { createShare, createShareSchema, listShares } from '@/lib/reports/shares';

export const dynamic = 'force-dynamic';

export const GET = withAccess<{ id: string }>('editor', async ({ db, access, params }) => Response.json({ shares: await listShares(db, access.workspace.id, params.id) }));

/** A new read-only link; the answer is the only time its token is shown. */
export const POST = withAccess<{ id: string }>('editor', async ({ req, db, access, params }) => {
  const body = await parseBody(req, createShareSchema);
  const s = await createShare(db, access.workspace.id, params.id, creatorOf(access), body);
  await audit(db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'report.shared', params.id, { shareId: s.id, expiresAt: s.expiresAt });
  return Response.json({ ...s, url: new URL(s.path, req.url).toString() }, { status: 201 });
});
