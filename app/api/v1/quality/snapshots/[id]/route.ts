import { z } from 'zod';
import { getSnapshotScores } from '@/db/queries/quality';
import { NotFoundError } from '@/lib/api/errors';
import { withAccess } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

export const GET = withAccess<{ id: string }>('viewer', async ({ db, access, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError('No such snapshot.');
  const scores = await getSnapshotScores(db, access.workspace.id, params.id);
  if (scores.length === 0) throw new NotFoundError('No such snapshot.');
  return Response.json({ scores });
});
