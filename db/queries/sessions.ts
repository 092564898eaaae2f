import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginFailures, sessions, users } from '@/db/schema';

export const SESSION_DAYS = 14;

export async function insertSession(db: Db, input: { tokenHash: string; userId: string; ip: string | null; userAgent: string | null }) {
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ ...input, expiresAt });
  return expiresAt;
}

/** The session's user if the session exists and has not expired; touches last_seen at most once a minute. */
export async function findSessionUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`)));
  if (!row) return null;
  if (Date.now() - new Date(row.lastSeenAt).getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
  }
  return row;
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Rate limiting of sign-in: failures per key (`email:…`, `ip:…`) within a window. */
export async function recentFailures(db: Db, key: string, windowMs: number): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, new Date(Date.now() - windowMs))));
  return r?.n ?? 0;
}

export async function recordFailure(db: Db, keys: string[], windowMs: number) {
  await db.insert(loginFailures).values(keys.map((key) => ({ key })));
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 4 * windowMs)));
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
