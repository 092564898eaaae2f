import { z } from 'zod';
import { getDatabase } from '@/db';
import { audit } from '@/db/queries/audit';
import { getUploadDetail } from '@/db/queries/uploads';
import { NotFoundError } from '@/lib/api/errors';
import { withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { deleteUpload } from '@/lib/ingest/manage';

export const dynamic = 'force-dynamic';

const id = z.uuid();

export const GET = withAccess<{ id: string }>('viewer', async ({ db, access, params }) => {
  const detail = id.safeParse(params.id).success ? await getUploadDetail(db, access.workspace.id, params.id) : null;
  if (!detail) throw new NotFoundError('No such upload in this workspace.');
  return Response.json(detail);
});

/** Deletes an upload with its rows and rollup contributions. */
export const DELETE = withAccess<{ id: string }>('editor', async ({ req, access, params }) => {
  if (!id.safeParse(params.id).success) throw new NotFoundError('No such upload in this workspace.');
  const h = await getDatabase();
  const r = await deleteUpload(h, access.workspace.id, params.id);
  if (!r.deleted) throw new NotFoundError('No such upload in this workspace.');
  await audit(h.db, access.workspace.id, actorOf(access, clientIp(req.headers)), 'upload.deleted', params.id, { rows: r.rows });
  return Response.json(r);
});
