import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockKey } from './accounts';
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

/** Ends every session of an account but `keep` (the one that just proved the password, when there is one). */
export async function deleteUserSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const rows = await db.delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)) : eq(sessions.userId, userId))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

/**
 * Rate limiting of sign-in, per key (`email:…`, `ip:…`) within a window. An attempt is counted and written in one
 * transaction under a lock per key, before its password is checked: however many race, at most the limit get a
 * password checked. A refused attempt writes nothing (it checked nothing, so it is no failure).
 */
export async function claimAttempt(db: Db, keys: string[], windowMs: number, limits: number[]): Promise<{ ok: boolean; at: string }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // Sorted, so two attempts that share keys take their locks in one order and never deadlock.
    for (const key of [...keys].sort()) await lockKey(t, `signin:${key}`);
    const since = new Date(Date.now() - windowMs);
    for (const [i, key] of keys.entries()) {
      const [r] = await t.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(loginFailures).where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
      if ((r?.n ?? 0) >= limits[i]!) return { ok: false, at: '' };
    }
    // The time as Postgres text: a JS Date would drop its microseconds and match no row when taken back.
    const [row] = await t.insert(loginFailures).values(keys.map((key) => ({ key }))).returning({ at: sql<string>`${loginFailures.at}::text` });
    return { ok: true, at: row!.at };
  });
}

/** Takes back an attempt's rows (one per key, written at `at`). */
export async function releaseAttempt(db: Db, keys: string[], at: string) {
  for (const key of keys) {
    await db.execute(sql`delete from login_failures where ctid in (select ctid from login_failures where key = ${key} and at = ${at}::timestamptz limit 1)`);
  }
}

/** An attempt whose password was wrong stays as a failure; rows older than four windows are pruned. */
export async function pruneFailures(db: Db, windowMs: number) {
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 4 * windowMs)));
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
