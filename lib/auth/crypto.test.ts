import { describe, expect, test } from 'vitest';
import { hashPassword, newToken, passwordProblem, tokenHash, verifyPassword } from './crypto';
import { roleAtLeast } from './roles';

describe('passwords', () => {
  test('scrypt hash verifies the right password only, and never stores it', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(h).not.toContain('horse');
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', h)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same')); // salted
  });

  test.each([
    ['short', 'Use at least 10 characters.'],
    ['long enough now', null],
    [' '.repeat(10), 'Use at least 10 characters that are not spaces.'],
    ['  padded  ', 'Use at least 10 characters that are not spaces.'],
    ['a'.repeat(12), 'Use at least three different characters.'],
    ['  a real passphrase  ', null],
  ])('password %j', (pw, problem) => {
    expect(passwordProblem(pw)).toBe(problem);
  });
});

describe('tokens', () => {
  test('256 random bits with a prefix; stored as SHA-256', () => {
    const t = newToken('fk_');
    expect(t).toMatch(/^fk_[\w-]{43}$/);
    expect(newToken('fk_')).not.toBe(t);
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('roles', () => {
  test.each([
    ['owner', 'editor', true],
    ['editor', 'editor', true],
    ['viewer', 'editor', false],
    ['editor', 'owner', false],
  ] as const)('%s at least %s: %s', (role, min, ok) => {
    expect(roleAtLeast(role, min)).toBe(ok);
  });
});
