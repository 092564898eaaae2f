import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import type { DbHandle } from '@/db/client';
import { migrateDatabase, rows } from '@/db/client';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';

/**
 * Migration 0012 on a database that has invitations the old way (an account without a password, its membership
 * and its link): pending members become pending invites, links of accounts with a password stop working, and
 * nobody who had signed in loses anything.
 */
async function migrateUpTo(h: DbHandle, lastTag: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-migrations-'));
  try {
    const src = path.join(process.cwd(), 'db', 'migrations');
    fs.cpSync(src, dir, { recursive: true });
    const journalPath = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    const { migrate } = h.kind === 'postgres' ? await import('drizzle-orm/node-postgres/migrator') : await import('drizzle-orm/pglite/migrator');
    await migrate(h.db as never, { migrationsFolder: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testEngines())('migration 0012 (invites grant membership) on %s', (engine) => {
  let t: TestDatabase;
  afterAll(async () => t?.destroy());

  test('pending members become pending invites; signed-up accounts keep their memberships', async () => {
    t = await createTestDatabase(engine, { migrate: false });
    await migrateUpTo(t, '0011_rollups_without_foreign_keys');
    await t.db.execute(sql`insert into workspaces (id, slug, name) values ('00000000-0000-4000-8000-000000000001', 'acme', 'Acme')`);
    await t.db.execute(sql`insert into users (id, email, password_hash) values
      ('00000000-0000-4000-8000-0000000000a1', 'owner@example.com', 'scrypt$x'),
      ('00000000-0000-4000-8000-0000000000a2', 'pending@example.com', null),
      ('00000000-0000-4000-8000-0000000000a3', 'joined@example.com', 'scrypt$y')`);
    await t.db.execute(sql`insert into memberships (workspace_id, user_id, role) values
      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'owner'),
      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a2', 'editor'),
      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a3', 'viewer')`);
    await t.db.execute(sql`insert into invites (token_hash, user_id, workspace_id, created_by, expires_at, used_at) values
      ('h-pending', '00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', now() + interval '7 days', null),
      ('h-joined-used', '00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', now() + interval '7 days', now()),
      ('h-joined-open', '00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', now() + interval '7 days', null)`);

    await migrateDatabase(t);

    expect(await rows<{ email: string }>(t.db, sql`select email from users order by email`)).toEqual([{ email: 'joined@example.com' }, { email: 'owner@example.com' }]);
    expect(await rows<{ email: string; role: string }>(t.db, sql`select u.email, m.role from memberships m join users u on u.id = m.user_id order by u.email`))
      .toEqual([{ email: 'joined@example.com', role: 'viewer' }, { email: 'owner@example.com', role: 'owner' }]);
    expect(await rows<{ token_hash: string; email: string; role: string; open: boolean }>(t.db, sql`select token_hash, email, role, used_at is null as open from invites order by token_hash`)).toEqual([
      { token_hash: 'h-joined-open', email: 'joined@example.com', role: 'viewer', open: false },
      { token_hash: 'h-joined-used', email: 'joined@example.com', role: 'viewer', open: false },
      { token_hash: 'h-pending', email: 'pending@example.com', role: 'editor', open: true },
    ]);
  });
});
