import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import { withIngestSession, WORKSPACE_WRITE_LOCK, workspaceWriteLockKey } from '@/db/ingest-session';
import { rebuildRollups } from '@/db/rollups';
import { uploads } from '@/db/schema';
import { inTurn } from './turns';

/** Deletes an upload, its rows and their rollup contributions, atomically. False when there is no such upload. */
export async function deleteUpload(h: Pick<DbHandle, 'raw'>, workspaceId: string, uploadId: string): Promise<{ deleted: boolean; rows: number }> {
  // In the workspace's turn like an upload: a delete waiting for the write lock holds no connection of the small
  // ingest pool, so deletes during one slow upload cannot take the pool from every other workspace.
  return inTurn(workspaceId, () => withIngestSession(h.raw, async (s) => {
    await s.query(WORKSPACE_WRITE_LOCK, [workspaceWriteLockKey(workspaceId)]);
    const found = await s.query<{ id: string; status: string }>('select id, status from uploads where workspace_id = $1 and id = $2', [workspaceId, uploadId]);
    if (!found[0]) return { deleted: false, rows: 0 };
    if (found[0].status === 'processing') throw new Error('this upload is still being processed');
    const days = (await s.query<{ day: string }>('select distinct day::text as day from usage where workspace_id = $1 and upload_id = $2', [workspaceId, uploadId])).map((d) => d.day);
    const del = await s.query<{ n: number }>('with d as (delete from usage where workspace_id = $1 and upload_id = $2 returning 1) select count(*)::int as n from d', [workspaceId, uploadId]);
    if (days.length) for (const [q, params] of rebuildRollups(workspaceId, days)) await s.query(q, params);
    await s.query('delete from upload_rejects where workspace_id = $1 and upload_id = $2', [workspaceId, uploadId]);
    await s.query('delete from uploads where workspace_id = $1 and id = $2', [workspaceId, uploadId]);
    return { deleted: true, rows: del[0]!.n };
  }));
}

/**
 * At start-up: an upload still "processing" belongs to a process that died mid-file. Its transaction never
 * committed, so it wrote no rows; say so on the upload, and let the same file be uploaded again.
 */
export async function markInterruptedUploads(db: Db): Promise<number> {
  const r = await db.update(uploads)
    .set({ status: 'failed', error: 'interrupted: the server stopped while this file was being ingested; nothing was written. Upload it again.', finishedAt: sql`now()` })
    .where(eq(uploads.status, 'processing'))
    .returning({ id: uploads.id });
  return r.length;
}

export async function getUpload(db: Db, workspaceId: string, uploadId: string) {
  const [u] = await db.select().from(uploads).where(and(eq(uploads.workspaceId, workspaceId), eq(uploads.id, uploadId)));
  return u ?? null;
}
