import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { uploadRejects, uploads } from '@/db/schema';

const LIST_FIELDS = {
  id: uploads.id, filename: uploads.filename, format: uploads.format, status: uploads.status, bytes: uploads.bytes,
  rowsRead: uploads.rowsRead, rowsInserted: uploads.rowsInserted, rowsDuplicate: uploads.rowsDuplicate, rowsSkipped: uploads.rowsSkipped,
  rowsRejected: uploads.rowsRejected, error: uploads.error, createdBy: uploads.createdByLabel, createdAt: uploads.createdAt,
  finishedAt: uploads.finishedAt, summary: uploads.summary,
};

export async function listUploads(db: Db, workspaceId: string, limit = 100) {
  return db.select(LIST_FIELDS).from(uploads).where(eq(uploads.workspaceId, workspaceId)).orderBy(desc(uploads.createdAt)).limit(limit);
}

export async function getUploadDetail(db: Db, workspaceId: string, uploadId: string) {
  const [u] = await db.select(LIST_FIELDS).from(uploads).where(and(eq(uploads.workspaceId, workspaceId), eq(uploads.id, uploadId)));
  if (!u) return null;
  const rejects = await db.select({ line: uploadRejects.line, reason: uploadRejects.reason }).from(uploadRejects)
    .where(and(eq(uploadRejects.workspaceId, workspaceId), eq(uploadRejects.uploadId, uploadId))).orderBy(asc(uploadRejects.line)).limit(1000);
  return { ...u, rejects };
}
