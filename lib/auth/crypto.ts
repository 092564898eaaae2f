import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords: scrypt (memory-hard), N=2^15, r=8, p=1, 16-byte salt, 32-byte key, stored as
 * `scrypt$N$r$p$salt$hash` so parameters can be raised later without breaking old hashes.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const MAXMEM = 128 * N * R * 2;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so "no such user" and "wrong password" take the same time.
    await scryptAsync(password, Buffer.alloc(16), N, R, P);
    return false;
  }
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  const expected = Buffer.from(hash, 'base64url');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A bearer secret: 32 random bytes (256 bits), URL-safe, with a readable prefix. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets are stored only as their SHA-256: fast to look up, useless if the table leaks (they are random). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const PASSWORD_MIN = 10;
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  // Ten spaces, or one key held down, pass a length rule and protect nothing.
  if (password.trim().length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters that are not spaces.`;
  if (new Set(password).size < 3) return 'Use at least three different characters.';
  if (password.length > 512) return 'Use at most 512 characters.';
  return null;
}
