import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { workspaceWriteLockKey } from '@/db/ingest-session';
import {
  countOwners, countUsers, createUser, createWorkspace, findUserByEmail, getWorkspaceBySlug, lockKey, memberRole,
  normalizeEmail, removeMember, setMemberRole,
} from '@/db/queries/accounts';
import { usage, workspaces } from '@/db/schema';
import { ROLLUPS } from '@/db/rollups';
import { insertApiKey, revokeApiKey } from '@/db/queries/api-keys';
import { audit } from '@/db/queries/audit';
import type { AuditActor } from '@/db/queries/audit';
import { loadDemoUsage } from '@/db/queries/demo';
import { claimAttempt, clearFailures, deleteSession, insertSession, pruneFailures, releaseAttempt } from '@/db/queries/sessions';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '@/lib/api/errors';
import { checkEmail, checkPassword } from './checks';
import { hashPassword, newToken, tokenHash, verifyPassword } from './crypto';
import type { KeyRole, Role } from './roles';

/** Account operations shared by the pages (server actions), the API and the CLI. */

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export function slugify(name: string): string {
  const s = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return s.length >= 2 ? s : `ws-${s || 'new'}`;
}

async function uniqueSlug(db: Db, wanted: string): Promise<string> {
  let slug = wanted;
  for (let i = 2; await getWorkspaceBySlug(db, slug); i++) slug = `${wanted}-${i}`;
  return slug;
}

export type SetupInput = { email: string; password: string; name?: string; workspaceName: string; withDemo?: boolean };

/**
 * First run: the owner account, their first workspace, and the demo workspace with sample usage. Refused once
 * any user exists (setup is not a way in for a second person).
 */
export async function setupFirstOwner(db: Db, input: SetupInput) {
  const email = checkEmail(input.email);
  checkPassword(input.password);
  const workspaceName = input.workspaceName.trim();
  if (!workspaceName) throw new BadRequestError('Name your workspace.');
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // Concurrent first-run requests: the first commits its owner, the rest then count one user and stop.
    await lockKey(t, 'frontier:setup');
    if ((await countUsers(t)) > 0) throw new ConflictError('Frontier is already set up: sign in instead.');
    const user = await createUser(t, { email, name: input.name?.trim() ?? '', passwordHash });
    const workspace = await createWorkspace(t, { slug: await uniqueSlug(t, slugify(workspaceName)), name: workspaceName, ownerId: user.id });
    const demo = input.withDemo === false ? null : await createWorkspace(t, { slug: await uniqueSlug(t, 'demo'), name: 'Demo', isDemo: true, ownerId: user.id });
    const actor: AuditActor = { userId: user.id, label: email };
    await audit(t, workspace.id, actor, 'workspace.created', workspace.slug);
    if (demo) await audit(t, demo.id, actor, 'workspace.created', demo.slug, { demo: true });
    return { user, workspace, demo };
  });
  if (result.demo) await loadDemoUsage(db, result.demo.id);
  return result;
}

/** Non-interactive first run from FRONTIER_ADMIN_EMAIL / FRONTIER_ADMIN_PASSWORD; does nothing once set up. */
export async function bootstrapFromEnv(db: Db, env: Record<string, string | undefined>): Promise<'created' | 'exists' | 'none'> {
  if ((await countUsers(db)) > 0) return 'exists';
  if (!env.FRONTIER_ADMIN_EMAIL || !env.FRONTIER_ADMIN_PASSWORD) return 'none';
  try {
    await setupFirstOwner(db, { email: env.FRONTIER_ADMIN_EMAIL, password: env.FRONTIER_ADMIN_PASSWORD, workspaceName: env.FRONTIER_ADMIN_WORKSPACE || 'My workspace' });
  } catch (e) {
    if (e instanceof ConflictError) return 'exists';
    throw e;
  }
  return 'created';
}

export type SignInInput = { email: string; password: string; ip: string | null; userAgent: string | null };

/**
 * Checks the password and opens a new session (a new token every sign-in: no fixation). Limits failures per
 * account and per IP; the messages never say whether an account exists.
 */
export async function signIn(db: Db, input: SignInInput): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const accountKey = `email:${email}`;
  // Unknown address (no trusted proxy): no per-IP bucket, since one shared bucket would let anyone lock everybody out.
  const ipKey = input.ip ? `ip:${input.ip}` : null;
  const keys = ipKey ? [accountKey, ipKey] : [accountKey];
  const attempt = await claimAttempt(db, keys, LOGIN_WINDOW_MS, [MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP]);
  if (!attempt.ok) throw new TooManyRequestsError('Too many failed sign-ins. Wait 15 minutes and try again.');
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok) {
    await pruneFailures(db, LOGIN_WINDOW_MS);
    throw new UnauthorizedError('Email or password is not right.');
  }
  // The account's failures all go (this attempt's row with them); the address keeps its others, less this attempt.
  await clearFailures(db, accountKey);
  if (ipKey) await releaseAttempt(db, [ipKey], attempt.at);
  const token = newToken('fs_');
  const expiresAt = await insertSession(db, { tokenHash: tokenHash(token), userId: user.id, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null });
  return { token, userId: user.id, expiresAt };
}

export async function signOut(db: Db, token: string | null): Promise<void> {
  if (token) await deleteSession(db, tokenHash(token));
}

/** Opens a session for a user who just proved who they are another way (setup, accepted invite). */
export async function openSession(db: Db, userId: string, meta: { ip: string | null; userAgent: string | null }) {
  const token = newToken('fs_');
  const expiresAt = await insertSession(db, { tokenHash: tokenHash(token), userId, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null });
  return { token, expiresAt };
}

/**
 * Role changes and removals check "at least one owner" and write under one lock per workspace, reading the
 * member's role inside it: two owners demoting each other at once leave one owner, not none.
 */
async function withOwnersLocked<T>(db: Db, workspaceId: string, userId: string, change: (t: Db, current: Role) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await lockKey(t, `owners:${workspaceId}`);
    const current = await memberRole(t, workspaceId, userId);
    if (!current) throw new NotFoundError('No such member.');
    return change(t, current);
  });
}

export async function changeMemberRole(db: Db, workspaceId: string, actor: AuditActor, userId: string, email: string, role: Role) {
  await withOwnersLocked(db, workspaceId, userId, async (t, current) => {
    if (current === 'owner' && role !== 'owner' && (await countOwners(t, workspaceId)) <= 1) throw new ConflictError('A workspace needs at least one owner.');
    await setMemberRole(t, workspaceId, userId, role);
    await audit(t, workspaceId, actor, 'member.role_changed', email, { role });
  });
}

export async function removeMemberFrom(db: Db, workspaceId: string, actor: AuditActor, userId: string, email: string) {
  await withOwnersLocked(db, workspaceId, userId, async (t, current) => {
    if (current === 'owner' && (await countOwners(t, workspaceId)) <= 1) throw new ConflictError('A workspace needs at least one owner.');
    await removeMember(t, workspaceId, userId);
    await audit(t, workspaceId, actor, 'member.removed', email);
  });
}

/** A new key, shown once: only its hash and a short prefix are stored. */
export async function createApiKey(db: Db, workspaceId: string, actor: AuditActor, input: { name: string; role: KeyRole }) {
  const name = input.name.trim();
  if (!name || name.length > 80) throw new BadRequestError('Name the key (up to 80 characters).');
  const key = newToken('fk_');
  const prefix = key.slice(0, 10);
  const row = await insertApiKey(db, { workspaceId, name, prefix, keyHash: tokenHash(key), role: input.role, createdBy: actor.userId ?? null });
  await audit(db, workspaceId, actor, 'api_key.created', name, { role: input.role, prefix });
  return { id: row.id, key, prefix, name, role: input.role };
}

export async function revokeKey(db: Db, workspaceId: string, actor: AuditActor, id: string) {
  const name = await revokeApiKey(db, workspaceId, id);
  if (!name) throw new NotFoundError('No such active key in this workspace.');
  await audit(db, workspaceId, actor, 'api_key.revoked', name);
}

export async function createWorkspaceForUser(db: Db, userId: string, email: string, name: string) {
  const n = name.trim();
  if (!n || n.length > 80) throw new BadRequestError('Name the workspace (up to 80 characters).');
  const ws = await createWorkspace(db, { slug: await uniqueSlug(db, slugify(n)), name: n, ownerId: userId });
  await audit(db, ws.id, { userId, label: email }, 'workspace.created', ws.slug);
  return ws;
}

export async function deleteWorkspace(db: Db, workspaceId: string, role: Role) {
  if (role !== 'owner') throw new ForbiddenError('Only an owner can delete a workspace.');
  await db.transaction(async (tx) => {
    // After any upload in progress has committed (it holds the lock), so its rows are seen and deleted here too.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${workspaceWriteLockKey(workspaceId)}))`);
    // usage and its rollups have no foreign key (they are written in bulk); everything else goes with the workspace by cascade.
    await tx.delete(usage).where(eq(usage.workspaceId, workspaceId));
    for (const r of ROLLUPS) await tx.execute(sql`delete from ${sql.identifier(r.table)} where workspace_id = ${workspaceId}`);
    await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
  });
}
