import type { Db } from '@/db/client';
import { getWorkspaceById, listMemberships } from '@/db/queries/accounts';
import type { MembershipRow, WorkspaceRow } from '@/db/queries/accounts';
import { findLiveKey } from '@/db/queries/api-keys';
import { findSessionUser } from '@/db/queries/sessions';
import { ForbiddenError, UnauthorizedError } from '@/lib/api/errors';
import { tokenHash } from './crypto';
import { originIsOurs, trustProxy } from './origin';
import type { KeyRole, Role } from './roles';
import { roleAtLeast } from './roles';

/**
 * The one guard: who is calling (a signed-in person or an API key), which workspace, with which role.
 * Route handlers, server actions and server components all come through here.
 */
export const SESSION_COOKIE = 'frontier_session';
export const WORKSPACE_COOKIE = 'frontier_ws';

export type Caller =
  | { kind: 'user'; userId: string; email: string; name: string; sessionHash: string }
  | { kind: 'key'; keyId: string; workspaceId: string; role: KeyRole; name: string; prefix: string };

export type Access = { caller: Caller; workspace: WorkspaceRow; role: Role; memberships: MembershipRow[] };

export function readCookie(headers: Headers, name: string): string | null {
  const raw = headers.get('cookie');
  if (!raw) return null;
  for (const part of raw.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try { return decodeURIComponent(part.slice(i + 1).trim()); } catch { return null; }
    }
  }
  return null;
}

/**
 * The client's address for sign-in limits and the audit log. Behind a trusted proxy: the last `x-forwarded-for`
 * entry (the one our proxy appended; earlier ones are the client's own claims), else `x-real-ip`. Otherwise null:
 * a route handler has no socket address, and a forwarded header could be anything.
 */
export function clientIp(headers: Headers): string | null {
  if (!trustProxy()) return null;
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) || headers.get('x-real-ip')?.trim() || null;
}

/** Session cookie or bearer key; null when neither is valid (expired, revoked, unknown). */
export async function resolveCaller(db: Db, headers: Headers, opts: { allowKeys?: boolean } = {}): Promise<Caller | null> {
  const auth = headers.get('authorization');
  if (auth && opts.allowKeys !== false) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) return null;
    const key = await findLiveKey(db, tokenHash(m[1]!));
    return key ? { kind: 'key', keyId: key.id, workspaceId: key.workspaceId, role: key.role, name: key.name, prefix: key.prefix } : null;
  }
  const token = readCookie(headers, SESSION_COOKIE);
  if (!token) return null;
  const hash = tokenHash(token);
  const user = await findSessionUser(db, hash);
  return user ? { kind: 'user', userId: user.userId, email: user.email, name: user.name, sessionHash: hash } : null;
}

/**
 * Resolves the workspace and role for a caller. A key is bound to its workspace; a person picks one by slug
 * (query `workspace`, header `x-frontier-workspace`, or the switcher's cookie), else their first.
 */
export async function resolveAccess(db: Db, caller: Caller, requested: { explicit: string | null; remembered: string | null }): Promise<Access | null> {
  if (caller.kind === 'key') {
    const ws = await getWorkspaceById(db, caller.workspaceId);
    if (!ws || (requested.explicit && requested.explicit !== ws.slug)) return null;
    return { caller, workspace: ws, role: caller.role, memberships: [{ ...ws, role: caller.role }] };
  }
  const memberships = await listMemberships(db, caller.userId);
  // An explicit slug must name one of the caller's workspaces; a remembered one (the switcher's cookie) that no
  // longer does (left, deleted) falls back to the first.
  const chosen = requested.explicit
    ? memberships.find((m) => m.slug === requested.explicit)
    : (memberships.find((m) => m.slug === requested.remembered) ?? memberships[0]);
  // A slug naming a workspace the caller is not in is refused exactly like one that does not exist.
  if (!chosen) return null;
  const { role, ...workspace } = chosen;
  return { caller, workspace, role, memberships };
}

export function requestedWorkspace(headers: Headers, url?: string): { explicit: string | null; remembered: string | null } {
  const fromQuery = url ? new URL(url).searchParams.get('workspace') : null;
  return { explicit: fromQuery || headers.get('x-frontier-workspace') || null, remembered: readCookie(headers, WORKSPACE_COOKIE) };
}

/** Cookie-authenticated mutations must come from our own pages (Origin check); bearer keys carry no ambient credential. */
export function assertSameOrigin(req: Request, caller: Caller): void {
  if (caller.kind === 'key' || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  if (req.headers.get('origin')) {
    if (originIsOurs(req.headers)) return;
    throw new ForbiddenError('Cross-site request refused.');
  }
  if (req.headers.get('sec-fetch-site') === 'same-origin') return;
  throw new ForbiddenError('Cross-site request refused: no Origin header.');
}

/** The guard for API routes: 401 without a valid caller, 403 without the role in the workspace. */
export async function authorize(db: Db, req: Request, minRole: Role, opts: { allowKeys?: boolean } = {}): Promise<Access> {
  const caller = await resolveCaller(db, req.headers, opts);
  if (!caller) throw new UnauthorizedError();
  assertSameOrigin(req, caller);
  const access = await resolveAccess(db, caller, requestedWorkspace(req.headers, req.url));
  if (!access) throw new ForbiddenError('You are not a member of this workspace.');
  if (!roleAtLeast(access.role, minRole)) throw new ForbiddenError(`This needs the ${minRole} role; you are ${access.role}.`);
  return access;
}

export function actorOf(access: Access, ip: string | null) {
  const c = access.caller;
  return c.kind === 'user'
    ? { userId: c.userId, label: c.email, ip }
    : { keyId: c.keyId, label: `API key ${c.name} (${c.prefix}…)`, ip };
}
