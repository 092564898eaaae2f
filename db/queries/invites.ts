import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invites, memberships, workspaces } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';

export type InviteRow = {
  tokenHash: string; workspaceId: string; workspaceSlug: string; workspaceName: string; email: string; role: Role;
  expiresAt: Date; usedAt: Date | null;
};

export async function insertInvite(db: Db, input: { tokenHash: string; workspaceId: string; email: string; role: Role; createdBy: string; expiresAt: Date }) {
  await db.insert(invites).values(input);
}

/** A new link for the same person replaces the previous one: only the newest unused link of an email works. */
export async function retireOpenInvites(db: Db, workspaceId: string, email: string) {
  await db.update(invites).set({ usedAt: sql`now()` }).where(and(eq(invites.workspaceId, workspaceId), eq(invites.email, email), isNull(invites.usedAt)));
}

/** The invite behind a link; `forUpdate` holds it for the accepting transaction (two tabs accept once). */
export async function findInvite(db: Db, tokenHash: string, opts: { forUpdate?: boolean } = {}): Promise<InviteRow | null> {
  const q = db
    .select({
      tokenHash: invites.tokenHash, workspaceId: invites.workspaceId, workspaceSlug: workspaces.slug, workspaceName: workspaces.name, email: invites.email,
      role: invites.role, expiresAt: invites.expiresAt, usedAt: invites.usedAt,
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, tokenHash));
  const [row] = opts.forUpdate ? await q.for('update', { of: invites }) : await q;
  return row ? { ...row, expiresAt: new Date(row.expiresAt), usedAt: row.usedAt ? new Date(row.usedAt) : null } : null;
}

export async function markInviteUsed(db: Db, tokenHash: string) {
  await db.update(invites).set({ usedAt: sql`now()` }).where(eq(invites.tokenHash, tokenHash));
}

/** Open invitations of a workspace, newest first, for the owner's Members page. */
export async function listOpenInvites(db: Db, workspaceId: string) {
  return db
    .select({ email: invites.email, role: invites.role, createdAt: invites.createdAt, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), isNull(invites.usedAt), gt(invites.expiresAt, sql`now()`)))
    .orderBy(asc(invites.email));
}

/** Withdraws an email's open invitations; true when there was one. */
export async function revokeOpenInvites(db: Db, workspaceId: string, email: string): Promise<boolean> {
  const rows = await db.update(invites).set({ usedAt: sql`now()` })
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.email, email), isNull(invites.usedAt), gt(invites.expiresAt, sql`now()`)))
    .returning({ tokenHash: invites.tokenHash });
  return rows.length > 0;
}

/** Adds a membership unless there is one: accepting an invite never changes a role someone already has. */
export async function addMembershipIfAbsent(db: Db, workspaceId: string, userId: string, role: Role): Promise<boolean> {
  const rows = await db.insert(memberships).values({ workspaceId, userId, role }).onConflictDoNothing().returning({ userId: memberships.userId });
  return rows.length > 0;
}
