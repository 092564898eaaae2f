'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { listMemberships } from '@/db/queries/accounts';
import { audit } from '@/db/queries/audit';
import { AppError, UnauthorizedError } from '@/lib/api/errors';
import { WORKSPACE_COOKIE } from '@/lib/auth/guard';
import { appOrigin, clearSessionCookie, getPageCaller, requestMeta, requireActionAccess, sessionToken, setSessionCookie } from '@/lib/auth/page';
import { safeNext } from '@/lib/auth/safe-next';
import { acceptInviteAsUser, acceptInviteWithPassword } from '@/lib/auth/invites';
import { createWorkspaceForUser, openSession, setupFirstOwner, signIn, signOut } from '@/lib/auth/service';

export type FormState = { error?: string; ok?: string; values?: Record<string, string> };

function messageOf(e: unknown): string {
  if (e instanceof AppError) return e.message;
  console.error('[action]', e);
  return 'Something went wrong on our side. Try again.';
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get('email') ?? '');
  const db = await getDb();
  const meta = await requestMeta();
  try {
    const s = await signIn(db, { email, password: String(form.get('password') ?? ''), ip: meta.ip, userAgent: meta.userAgent });
    // Rotate: whatever session this browser had is ended; the new one gets a new token.
    await signOut(db, await sessionToken());
    await setSessionCookie(s.token, s.expiresAt);
    for (const m of await listMemberships(db, s.userId)) await audit(db, m.id, { userId: s.userId, label: email.trim().toLowerCase(), ip: meta.ip }, 'user.signed_in');
  } catch (e) {
    return { error: messageOf(e), values: { email } };
  }
  // Only a path on this site: `next` comes from the URL, so a link could otherwise make sign-in an open redirect.
  redirect(safeNext(form.get('next'), await appOrigin()));
}

export async function signOutAction(): Promise<void> {
  const db = await getDb();
  await signOut(db, await sessionToken());
  await clearSessionCookie();
  redirect('/login');
}

export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { email: String(form.get('email') ?? ''), name: String(form.get('name') ?? ''), workspaceName: String(form.get('workspaceName') ?? '') };
  const db = await getDb();
  const meta = await requestMeta();
  try {
    const r = await setupFirstOwner(db, { ...values, password: String(form.get('password') ?? ''), withDemo: form.get('withDemo') !== 'off' });
    const s = await openSession(db, r.user.id, meta);
    await setSessionCookie(s.token, s.expiresAt);
    (await cookies()).set(WORKSPACE_COOKIE, r.workspace.slug, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400 });
  } catch (e) {
    return { error: messageOf(e), values };
  }
  redirect('/overview');
}

async function rememberWorkspace(slug: string) {
  (await cookies()).set(WORKSPACE_COOKIE, slug, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400 });
}

/** A new person sets their password from the link; the browser's old session, if any, ends with the rest. */
export async function acceptInviteAction(_prev: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get('token') ?? '');
  const db = await getDb();
  const meta = await requestMeta();
  try {
    const r = await acceptInviteWithPassword(db, token, { name: String(form.get('name') ?? ''), password: String(form.get('password') ?? '') });
    await signOut(db, await sessionToken());
    const s = await openSession(db, r.userId, meta);
    await setSessionCookie(s.token, s.expiresAt);
    await rememberWorkspace(r.workspaceSlug);
  } catch (e) {
    return { error: messageOf(e) };
  }
  redirect('/');
}

/** Someone signed in as the invited email joins: the invitation is their consent to be added. */
export async function acceptInviteSignedInAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const caller = await getPageCaller();
    if (caller?.kind !== 'user') throw new UnauthorizedError('Your session has ended. Sign in again.');
    const r = await acceptInviteAsUser(await getDb(), String(form.get('token') ?? ''), { userId: caller.userId, email: caller.email });
    await rememberWorkspace(r.workspaceSlug);
  } catch (e) {
    return { error: messageOf(e) };
  }
  redirect('/');
}

export async function switchWorkspaceAction(slug: string): Promise<void> {
  const access = await requireActionAccess('viewer');
  if (!access.memberships.some((m) => m.slug === slug)) return;
  (await cookies()).set(WORKSPACE_COOKIE, slug, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400 });
}

export async function createWorkspaceAction(_prev: FormState, form: FormData): Promise<FormState> {
  let slug: string;
  try {
    const caller = await getPageCaller();
    if (caller?.kind !== 'user') throw new UnauthorizedError('Your session has ended. Sign in again.');
    const ws = await createWorkspaceForUser(await getDb(), caller.userId, caller.email, String(form.get('name') ?? ''));
    slug = ws.slug;
  } catch (e) {
    return { error: messageOf(e) };
  }
  (await cookies()).set(WORKSPACE_COOKIE, slug, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400 });
  redirect('/settings');
}
