import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { findSessionUser } from '@/db/queries/sessions';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { tokenHash } from '@/lib/auth/crypto';
import { changePassword, resetPassword } from '@/lib/auth/passwords';
import { setupFirstOwner, signIn } from '@/lib/auth/service';
import { runCli } from './helpers/cli';

/** Setting or resetting a password ends the account's other sessions and is audited where the account is. */
const PW = 'correct horse battery staple';
const NEW_PW = 'a brand new passphrase';

describe.each(testEngines())('password changes on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    await setupFirstOwner(t.db, { email: 'owner@example.com', password: PW, workspaceName: 'Acme', withDemo: false });
  });
  afterAll(async () => t?.destroy());
  const open = (email: string, password: string) => signIn(t.db, { email, password, ip: null, userAgent: 'vitest' });

  test('a change keeps the session that made it and ends the others; the old password stops working', async () => {
    const [a, b, c] = [await open('owner@example.com', PW), await open('owner@example.com', PW), await open('owner@example.com', PW)];
    const me = { userId: a.userId, email: 'owner@example.com', sessionHash: tokenHash(a.token) };
    await expect(changePassword(t.db, me, { current: 'not my password', next: NEW_PW })).rejects.toThrow('Your current password is not right.');
    expect(await changePassword(t.db, me, { current: PW, next: NEW_PW })).toEqual({ sessionsEnded: 2 });
    expect(await findSessionUser(t.db, tokenHash(a.token))).not.toBeNull();
    expect(await findSessionUser(t.db, tokenHash(b.token))).toBeNull();
    expect(await findSessionUser(t.db, tokenHash(c.token))).toBeNull();
    await expect(open('owner@example.com', PW)).rejects.toThrow('Email or password is not right.');
    expect((await open('owner@example.com', NEW_PW)).token).toMatch(/^fs_/);
    const [ws] = (await t.db.query.workspaces.findMany()).filter((w) => w.slug === 'acme');
    expect((await listAudit(t.db, ws!.id)).find((e) => e.action === 'user.password_changed')).toMatchObject({ target: 'owner@example.com', details: { sessionsEnded: 2 } });
  });

  test('a reset (the operator\'s) ends every session', async () => {
    const s = await open('owner@example.com', NEW_PW);
    expect((await resetPassword(t.db, 'Owner@Example.com', PW)).sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await findSessionUser(t.db, tokenHash(s.token))).toBeNull();
    await expect(resetPassword(t.db, 'nobody@example.com', PW)).rejects.toThrow(/No account/);
    await expect(resetPassword(t.db, 'owner@example.com', ' '.repeat(12))).rejects.toThrow(/not spaces/);
  });
});

describe('frontier user reset-password', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-reset-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads the password from stdin and signs the account out everywhere', async () => {
    const h = await openDatabase({ dir, purpose: 'test' });
    let token: string;
    try {
      await migrateDatabase(h);
      await seedReference(h.db);
      await setupFirstOwner(h.db, { email: 'ops@example.com', password: PW, workspaceName: 'Ops', withDemo: false });
      token = (await signIn(h.db, { email: 'ops@example.com', password: PW, ip: null, userAgent: null })).token;
    } finally {
      await h.close();
    }
    const root = path.resolve(__dirname, '../..');
    const r = await runCli(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/frontier.ts', 'user', 'reset-password', '--email', 'ops@example.com', '--password-stdin', '--json'],
      { cwd: root, env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' }, input: `${NEW_PW}\n`, timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ ok: true, email: 'ops@example.com', sessionsEnded: 1 });
    const h2 = await openDatabase({ dir, purpose: 'test' });
    try {
      expect(await findSessionUser(h2.db, tokenHash(token))).toBeNull();
      expect((await signIn(h2.db, { email: 'ops@example.com', password: NEW_PW, ip: null, userAgent: null })).token).toMatch(/^fs_/);
    } finally {
      await h2.close();
    }
  });
});
