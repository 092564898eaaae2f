import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys, users } from '@/db/schema';
import type { KeyRole } from '@/lib/auth/roles';

export async function insertApiKey(db: Db, input: { workspaceId: string; name: string; prefix: string; keyHash: string; role: KeyRole; createdBy: string | null }) {
  const [k] = await db.insert(apiKeys).values(input).returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  return k!;
}

/** A live (not revoked) key by its hash; marks it used at most once a minute. */
export async function findLiveKey(db: Db, keyHash: string) {
  const [k] = await db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  if (!k) return null;
  if (!k.lastUsedAt || Date.now() - new Date(k.lastUsedAt).getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(and(eq(apiKeys.workspaceId, k.workspaceId), eq(apiKeys.id, k.id)));
  }
  return k;
}

export async function listApiKeys(db: Db, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, role: apiKeys.role, createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdBy: users.email,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key of this workspace; returns its name, or null when there is no such live key here. */
export async function revokeApiKey(db: Db, workspaceId: string, id: string): Promise<string | null> {
  const [k] = await db.update(apiKeys).set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ name: apiKeys.name });
  return k?.name ?? null;
}
