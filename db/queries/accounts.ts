import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users, workspaces } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';

export type WorkspaceRow = { id: string; slug: string; name: string; isDemo: boolean };
export type MembershipRow = WorkspaceRow & { role: Role };

export async function countUsers(db: Db): Promise<number> {
  const [r] = await db.select({ n: count() }).from(users);
  return Number(r?.n ?? 0);
}

export async function findUserByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return u ?? null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(db: Db, input: { email: string; name?: string; passwordHash: string | null }) {
  const [u] = await db.insert(users).values({ email: normalizeEmail(input.email), name: input.name ?? '', passwordHash: input.passwordHash }).returning();
  return u!;
}

/** Sets an account's password (and its name, when one is given). Callers end the account's sessions. */
export async function setPassword(db: Db, userId: string, passwordHash: string, name = '') {
  const n = name.trim().slice(0, 120);
  await db.update(users).set({ passwordHash, ...(n ? { name: n } : {}) }).where(eq(users.id, userId));
}

/**
 * Serializes the transactions that check and then change one thing (a workspace's owners, an email's account,
 * first-run setup). Transaction-scoped, so it is released at commit and safe behind a transaction-pooling proxy.
 */
export async function lockKey(db: Db, key: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

export async function createWorkspace(db: Db, input: { slug: string; name: string; isDemo?: boolean; ownerId?: string }): Promise<WorkspaceRow> {
  const [w] = await db.insert(workspaces).values({ slug: input.slug, name: input.name, isDemo: input.isDemo ?? false }).returning();
  if (input.ownerId) await db.insert(memberships).values({ workspaceId: w!.id, userId: input.ownerId, role: 'owner' });
  return { id: w!.id, slug: w!.slug, name: w!.name, isDemo: w!.isDemo };
}

export async function getWorkspaceBySlug(db: Db, slug: string): Promise<WorkspaceRow | null> {
  const [w] = await db.select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isDemo: workspaces.isDemo }).from(workspaces).where(eq(workspaces.slug, slug));
  return w ?? null;
}

export async function getWorkspaceById(db: Db, id: string): Promise<WorkspaceRow | null> {
  const [w] = await db.select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isDemo: workspaces.isDemo }).from(workspaces).where(eq(workspaces.id, id));
  return w ?? null;
}

/** The workspaces a user belongs to: real ones before demos, oldest membership first (the first is the default). */
export async function listMemberships(db: Db, userId: string): Promise<MembershipRow[]> {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isDemo: workspaces.isDemo, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.isDemo), asc(memberships.createdAt), asc(workspaces.slug));
}

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({
      userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}

export async function addMembership(db: Db, workspaceId: string, userId: string, role: Role) {
  await db.insert(memberships).values({ workspaceId, userId, role }).onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } });
}

export async function setMemberRole(db: Db, workspaceId: string, userId: string, role: Role) {
  await db.update(memberships).set({ role }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function removeMember(db: Db, workspaceId: string, userId: string) {
  await db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function memberRole(db: Db, workspaceId: string, userId: string): Promise<Role | null> {
  const [r] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return r?.role ?? null;
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return Number(r?.n ?? 0);
}
