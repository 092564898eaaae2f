import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/accounts';
import { ForbiddenError, UnauthorizedError } from '@/lib/api/errors';
import type { Access } from './guard';
import { clientIp, resolveAccess, resolveCaller, SESSION_COOKIE, WORKSPACE_COOKIE } from './guard';
import type { Role } from './roles';
import { roleAtLeast } from './roles';
import { requestOrigin } from './origin';

/**
 * The guard for pages and server actions (cookies only; API keys are for /api/v1). Layouts do not re-run on every
 * navigation, so each page calls this itself.
 */
export async function getPageCaller() {
  return resolveCaller(await getDb(), await headers(), { allowKeys: false });
}

export async function getPageAccess(): Promise<Access | null> {
  const db = await getDb();
  const caller = await getPageCaller();
  if (!caller) return null;
  const remembered = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  return resolveAccess(db, caller, { explicit: null, remembered });
}

/** For pages: sends a first-run visitor to /setup, an anonymous one to /login, and returns the access otherwise. */
export async function requirePageAccess(): Promise<Access> {
  const access = await getPageAccess();
  if (access) return access;
  const db = await getDb();
  if ((await countUsers(db)) === 0) redirect('/setup');
  // Signed in but in no workspace (the last one was deleted, or they were removed): start one.
  if (await getPageCaller()) redirect('/welcome');
  const h = await headers();
  const path = h.get('x-frontier-path') ?? '/';
  redirect(`/login?next=${encodeURIComponent(path)}`);
}

/** For server actions: the same checks, as errors (the action's form shows them). */
export async function requireActionAccess(minRole: Role): Promise<Access> {
  const access = await getPageAccess();
  if (!access) throw new UnauthorizedError('Your session has ended. Sign in again.');
  if (!roleAtLeast(access.role, minRole)) throw new ForbiddenError(`This needs the ${minRole} role; you are ${access.role}.`);
  return access;
}

export async function requestMeta() {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent'), secure: (h.get('x-forwarded-proto') ?? '').startsWith('https') || (h.get('origin') ?? '').startsWith('https:') };
}

/** This request's origin, the base a `next` path is resolved against. */
export async function appOrigin(): Promise<string> {
  return requestOrigin(await headers());
}

export async function setSessionCookie(token: string, expiresAt: Date) {
  const { secure } = await requestMeta();
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export async function clearSessionCookie() {
  (await cookies()).delete(SESSION_COOKIE);
}

export async function sessionToken(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value ?? null;
}
