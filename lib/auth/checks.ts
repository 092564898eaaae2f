import { normalizeEmail } from '@/db/queries/accounts';
import { BadRequestError } from '@/lib/api/errors';
import { passwordProblem } from './crypto';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string): string {
  const e = normalizeEmail(email);
  if (!EMAIL_RE.test(e) || e.length > 254) throw new BadRequestError('Enter a valid email address.');
  return e;
}

export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new BadRequestError(problem);
}
