import type { Db } from '@/db/client';
import { findUserByEmail, listMemberships, setPassword } from '@/db/queries/accounts';
import { audit } from '@/db/queries/audit';
import type { AuditActor } from '@/db/queries/audit';
import { deleteUserSessions } from '@/db/queries/sessions';
import { NotFoundError, UnauthorizedError } from '@/lib/api/errors';
import { checkPassword } from './checks';
import { hashPassword, verifyPassword } from './crypto';

/**
 * Changing a password ends every other session of the account, and the change is written to the audit log of each
 * workspace the account belongs to, so every owner who can see the person can see it happened.
 */
async function replacePassword(db: Db, user: { id: string; email: string }, next: string, actor: AuditActor, keep?: string) {
  checkPassword(next);
  const hash = await hashPassword(next);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await setPassword(t, user.id, hash);
    const ended = await deleteUserSessions(t, user.id, keep);
    for (const m of await listMemberships(t, user.id)) await audit(t, m.id, actor, 'user.password_changed', user.email, { sessionsEnded: ended });
    return { sessionsEnded: ended };
  });
}

/** The signed-in person, who proves the current password; the session they are using stays open. */
export async function changePassword(db: Db, caller: { userId: string; email: string; sessionHash: string }, input: { current: string; next: string }) {
  const user = await findUserByEmail(db, caller.email);
  if (!user || user.id !== caller.userId || !(await verifyPassword(input.current, user.passwordHash))) {
    throw new UnauthorizedError('Your current password is not right.');
  }
  return replacePassword(db, user, input.next, { userId: user.id, label: user.email }, caller.sessionHash);
}

/** An operator with shell access (the CLI) resets a forgotten password: every session of the account ends. */
export async function resetPassword(db: Db, email: string, next: string) {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) throw new NotFoundError(`No account with email ${email.trim().toLowerCase()}.`);
  return replacePassword(db, user, next, { label: 'cli' });
}
