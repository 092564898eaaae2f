import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countUsers } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { MAX_FAILURES_PER_ACCOUNT, setupFirstOwner, signIn } from '@/lib/auth/service';
import { holdInserts } from './helpers/hold-inserts';

/** Limits that must hold when requests race: sign-in failures counted before the check, setup run once. */
const PW = 'correct horse battery staple';

describe.each(testEngines())('limits under concurrency on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
  });
  afterAll(async () => t?.destroy());

  test('concurrent first-run setups make one owner', async () => {
    // On Postgres, another session holds inserts into users until every setup has started, so each counts the
    // users before any commits: the setups overlap for certain instead of by luck. PGlite runs one at a time.
    const holder = engine === 'postgres' ? await holdInserts(t.url!, 'users') : null;
    const runs = Array.from({ length: 6 }, (_, i) => setupFirstOwner(t.db, { email: `owner${i}@example.com`, password: PW, workspaceName: `W${i}`, withDemo: false }));
    if (holder) await holder.releaseWhen(async () => (await holder.waiting()) >= 1);
    const results = await Promise.allSettled(runs);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual(Array(5).fill('Frontier is already set up: sign in instead.'));
    expect(await countUsers(t.db)).toBe(1);
  });

  test('100 concurrent wrong passwords: only the limit of them are checked, the rest refused unchecked', async () => {
    const [owner] = (await t.db.execute(sql`select email from users limit 1`) as unknown as { rows: { email: string }[] }).rows;
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => signIn(t.db, { email: owner!.email, password: `wrong guess number ${i}`, ip: null, userAgent: null })));
    const messages = results.map((r) => (r as PromiseRejectedResult).reason?.message as string);
    expect(messages.filter((m) => m === 'Email or password is not right.')).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(messages.filter((m) => /Too many failed sign-ins/.test(m))).toHaveLength(100 - MAX_FAILURES_PER_ACCOUNT);
    // The refused attempts took their rows back: the account counts exactly the checked failures.
    const [n] = (await t.db.execute(sql`select count(*)::int as n from login_failures where key = ${`email:${owner!.email}`}`) as unknown as { rows: { n: number }[] }).rows;
    expect(n!.n).toBe(MAX_FAILURES_PER_ACCOUNT);
    await expect(signIn(t.db, { email: owner!.email, password: PW, ip: null, userAgent: null })).rejects.toThrow(/Too many failed sign-ins/);
  });

  test('a right password clears the account\'s failures; its attempt row goes too', async () => {
    await t.db.execute(sql`delete from login_failures`);
    const [owner] = (await t.db.execute(sql`select email from users limit 1`) as unknown as { rows: { email: string }[] }).rows;
    await signIn(t.db, { email: owner!.email, password: 'one wrong guess', ip: '10.0.0.9', userAgent: null }).catch(() => {});
    await signIn(t.db, { email: owner!.email, password: PW, ip: '10.0.0.9', userAgent: null });
    const rows = (await t.db.execute(sql`select key from login_failures order by key`) as unknown as { rows: { key: string }[] }).rows;
    // The IP keeps the one failure; the successful attempt left nothing behind.
    expect(rows.map((r) => r.key)).toEqual(['ip:10.0.0.9']);
  });
});
