import { desc, eq, lt, and } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';

export type AuditActor = { userId?: string | null; keyId?: string | null; label: string; ip?: string | null };

export async function audit(db: Db, workspaceId: string, actor: AuditActor, action: string, target?: string | null, details: Record<string, unknown> = {}) {
  await db.insert(auditLog).values({
    workspaceId, actorUserId: actor.userId ?? null, actorKeyId: actor.keyId ?? null, actorLabel: actor.label,
    action, target: target ?? null, details, ip: actor.ip ?? null,
  });
}

export async function listAudit(db: Db, workspaceId: string, opts: { before?: number; limit?: number } = {}) {
  const limit = Math.min(opts.limit ?? 100, 500);
  return db.select({ id: auditLog.id, at: auditLog.at, actor: auditLog.actorLabel, action: auditLog.action, target: auditLog.target, details: auditLog.details, ip: auditLog.ip })
    .from(auditLog)
    .where(opts.before ? and(eq(auditLog.workspaceId, workspaceId), lt(auditLog.id, opts.before)) : eq(auditLog.workspaceId, workspaceId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
