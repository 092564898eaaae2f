'use server';

import { cookies, headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { listMembers } from '@/db/queries/accounts';
import type { FormState } from '@/app/_actions/auth';
import { AppError } from '@/lib/api/errors';
import { actorOf, WORKSPACE_COOKIE } from '@/lib/auth/guard';
import { requestMeta, requireActionAccess } from '@/lib/auth/page';
import { KEY_ROLES, ROLES } from '@/lib/auth/roles';
import { inviteMember, revokeInvite } from '@/lib/auth/invites';
import { changePassword } from '@/lib/auth/passwords';
import { changeMemberRole, createApiKey, deleteWorkspace, removeMemberFrom, revokeKey } from '@/lib/auth/service';

export type InviteState = FormState & { link?: string };
export type KeyState = FormState & { key?: string };

function messageOf(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof z.ZodError) return e.issues.map((i) => i.message).join('; ');
  console.error('[settings action]', e);
  return 'Something went wrong on our side. Try again.';
}

async function ownerContext() {
  const access = await requireActionAccess('owner');
  const meta = await requestMeta();
  return { access, db: await getDb(), actor: actorOf(access, meta.ip) };
}

export async function inviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  try {
    const { access, db, actor } = await ownerContext();
    const role = z.enum(ROLES).parse(form.get('role'));
    const r = await inviteMember(db, access.workspace.id, actor as typeof actor & { userId: string }, { email: String(form.get('email') ?? ''), role });
    revalidatePath('/settings/members');
    const host = (await headers()).get('host') ?? 'localhost:3000';
    const proto = (await requestMeta()).secure ? 'https' : 'http';
    return { ok: `Invitation for ${r.email} created. Send them this one-time link (valid 7 days); they join when they open it:`, link: `${proto}://${host}/invite/${r.inviteToken}` };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

export async function changeRoleAction(userId: string, role: string): Promise<FormState> {
  try {
    const { access, db, actor } = await ownerContext();
    const r = z.enum(ROLES).parse(role);
    const member = (await listMembers(db, access.workspace.id)).find((m) => m.userId === userId);
    if (!member) return { error: 'No such member.' };
    await changeMemberRole(db, access.workspace.id, actor, userId, member.email, r);
    revalidatePath('/settings/members');
    return { ok: `${member.email} is now ${r}.` };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

export async function removeMemberAction(userId: string): Promise<FormState> {
  try {
    const { access, db, actor } = await ownerContext();
    const member = (await listMembers(db, access.workspace.id)).find((m) => m.userId === userId);
    if (!member) return { error: 'No such member.' };
    await removeMemberFrom(db, access.workspace.id, actor, userId, member.email);
    revalidatePath('/settings/members');
    return { ok: `${member.email} was removed.` };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

export async function revokeInviteAction(email: string): Promise<FormState> {
  try {
    const { access, db, actor } = await ownerContext();
    await revokeInvite(db, access.workspace.id, actor, email);
    revalidatePath('/settings/members');
    return { ok: `The invitation for ${email} was withdrawn.` };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

/** Any member, for their own account: the session in use stays, every other one ends. */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const access = await requireActionAccess('viewer');
    if (access.caller.kind !== 'user') return { error: 'Sign in to change your password.' };
    if (form.get('next') !== form.get('confirm')) return { error: 'The new passwords do not match.' };
    const r = await changePassword(await getDb(), access.caller, { current: String(form.get('current') ?? ''), next: String(form.get('next') ?? '') });
    return { ok: `Password changed. ${r.sessionsEnded === 1 ? '1 other session was' : `${r.sessionsEnded} other sessions were`} signed out.` };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

export async function createKeyAction(_prev: KeyState, form: FormData): Promise<KeyState> {
  try {
    const { access, db, actor } = await ownerContext();
    const role = z.enum(KEY_ROLES).parse(form.get('role'));
    const k = await createApiKey(db, access.workspace.id, actor, { name: String(form.get('name') ?? ''), role });
    revalidatePath('/settings/keys');
    return { ok: `Key "${k.name}" created. Copy it now: it is not shown again.`, key: k.key };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

export async function revokeKeyAction(id: string): Promise<FormState> {
  try {
    const { access, db, actor } = await ownerContext();
    await revokeKey(db, access.workspace.id, actor, id);
    revalidatePath('/settings/keys');
    return { ok: 'Key revoked.' };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

export async function deleteWorkspaceAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const { access, db } = await ownerContext();
    if (String(form.get('confirm') ?? '') !== access.workspace.slug) return { error: `Type ${access.workspace.slug} to confirm.` };
    await deleteWorkspace(db, access.workspace.id, access.role);
    (await cookies()).delete(WORKSPACE_COOKIE);
  } catch (e) {
    return { error: messageOf(e) };
  }
  redirect('/settings');
}
