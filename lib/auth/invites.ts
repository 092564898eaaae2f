import type { Db } from '@/db/client';
import { createUser, findUserByEmail, listMemberships, lockKey, memberRole, setPassword } from '@/db/queries/accounts';
import { audit } from '@/db/queries/audit';
import type { AuditActor } from '@/db/queries/audit';
import { addMembershipIfAbsent, findInvite, insertInvite, markInviteUsed, retireOpenInvites, revokeOpenInvites } from '@/db/queries/invites';
import type { InviteRow } from '@/db/queries/invites';
import { deleteUserSessions } from '@/db/queries/sessions';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/api/errors';
import { checkEmail, checkPassword } from './checks';
import { hashPassword, newToken, tokenHash } from './crypto';
import type { Role } from './roles';

/**
 * Invitations. An invite is a pending membership of an email in one workspace, granted only when the person
 * accepts the link: it never creates an account or sets a password by itself. The link sets a password only while
 * no account of that email has one, so whoever sets it first (with this workspace's link, another's, or setup)
 * holds the account, and every other link of that email can then only be accepted by signing in as it.
 */

export const INVITE_DAYS = 7;

/** Same answer whether or not the email has an account, so an owner learns nothing about other workspaces' people. */
export async function inviteMember(db: Db, workspaceId: string, actor: AuditActor & { userId: string }, input: { email: string; role: Role }) {
  const email = checkEmail(input.email);
  const token = newToken('fi_');
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const existing = await findUserByEmail(t, email);
    if (existing && (await memberRole(t, workspaceId, existing.id))) {
      throw new ConflictError(`${email} is already a member: change their role in the table instead.`);
    }
    await retireOpenInvites(t, workspaceId, email);
    await insertInvite(t, { tokenHash: tokenHash(token), workspaceId, email, role: input.role, createdBy: actor.userId, expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) });
    await audit(t, workspaceId, actor, 'member.invited', email, { role: input.role });
  });
  return { email, inviteToken: token };
}

export async function revokeInvite(db: Db, workspaceId: string, actor: AuditActor, email: string) {
  if (!(await revokeOpenInvites(db, workspaceId, checkEmail(email)))) throw new NotFoundError('No open invitation for that email.');
  await audit(db, workspaceId, actor, 'member.invite_revoked', email);
}

function isOpen(inv: InviteRow | null): inv is InviteRow {
  return !!inv && !inv.usedAt && inv.expiresAt.getTime() > Date.now();
}

const GONE = 'This invitation link has expired or was already used.';

/** What the invite page shows; `hasAccount` decides between "set a password" and "sign in to accept". */
export async function describeInvite(db: Db, token: string) {
  const inv = await findInvite(db, tokenHash(token));
  if (!isOpen(inv)) return null;
  const user = await findUserByEmail(db, inv.email);
  return { email: inv.email, workspaceName: inv.workspaceName, role: inv.role, hasAccount: !!user?.passwordHash };
}

/**
 * A new person accepts: their account is created with the password they choose, and they join. Refused once the
 * email's account has a password (that is what makes an older or another workspace's link harmless). Every other
 * session of the account ends, and the password change is in the audit log of each workspace the account is in.
 */
export async function acceptInviteWithPassword(db: Db, token: string, input: { name: string; password: string }) {
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const inv = await findInvite(t, tokenHash(token), { forUpdate: true });
    if (!isOpen(inv)) throw new NotFoundError(GONE);
    // Two links of one email used at once: the second waits here and then sees the account the first made.
    await lockKey(t, `account:${inv.email}`);
    const existing = await findUserByEmail(t, inv.email);
    if (existing?.passwordHash) throw new ConflictError(`${inv.email} already has a Frontier account: sign in as it to accept this invitation.`);
    const user = existing ?? (await createUser(t, { email: inv.email, name: input.name.trim().slice(0, 120), passwordHash }));
    if (existing) await setPassword(t, existing.id, passwordHash, input.name);
    await deleteUserSessions(t, user.id);
    await join(t, inv, user.id);
    for (const m of await listMemberships(t, user.id)) await audit(t, m.id, { userId: user.id, label: inv.email }, 'user.password_set', inv.email);
    return { userId: user.id, workspaceSlug: inv.workspaceSlug };
  });
}

/** A signed-in person accepts an invite for their own email: a membership, no password involved. */
export async function acceptInviteAsUser(db: Db, token: string, user: { userId: string; email: string }) {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const inv = await findInvite(t, tokenHash(token), { forUpdate: true });
    if (!isOpen(inv)) throw new NotFoundError(GONE);
    if (inv.email !== user.email) throw new ForbiddenError(`This invitation is for ${inv.email}; you are signed in as ${user.email}.`);
    await join(t, inv, user.userId);
    return { userId: user.userId, workspaceSlug: inv.workspaceSlug };
  });
}

async function join(t: Db, inv: InviteRow, userId: string) {
  await markInviteUsed(t, inv.tokenHash);
  const added = await addMembershipIfAbsent(t, inv.workspaceId, userId, inv.role);
  await audit(t, inv.workspaceId, { userId, label: inv.email }, 'member.joined', inv.email, { role: inv.role, alreadyMember: !added });
}
