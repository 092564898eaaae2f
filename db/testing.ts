import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DbHandle } from './client';
import { migrateDatabase, openDatabase } from './client';

/**
 * Test databases: every test file gets its own PGlite folder and its own Postgres database (created and
 * dropped here), never a shared one. Postgres runs when DATABASE_URL is set (npm test finds a local one).
 */
export type EngineName = 'pglite' | 'postgres';

export function testEngines(): EngineName[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

function assertLocal(url: URL): void {
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('/');
  if (!local && !process.env.FRONTIER_TEST_ALLOW_REMOTE) {
    throw new Error(`refusing to create test databases on ${url.hostname}: tests only touch a local Postgres`);
  }
}

export type TestDatabase = DbHandle & { engine: EngineName; url?: string; dir?: string; destroy: () => Promise<void> };

export async function createTestDatabase(engine: EngineName, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `frontier_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  let handle: DbHandle;
  let destroy: () => Promise<void>;
  let url: string | undefined;
  let dir: string | undefined;
  if (engine === 'postgres') {
    const admin = new URL(process.env.DATABASE_URL!);
    assertLocal(admin);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const u = new URL(admin.toString());
    u.pathname = `/${name}`;
    url = u.toString();
    handle = await openDatabase({ url });
    destroy = async () => {
      await handle.close();
      const c = new pg.default.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-pglite-'));
    handle = await openDatabase({ dir, purpose: 'test' });
    destroy = async () => {
      await handle.close();
      fs.rmSync(dir!, { recursive: true, force: true });
    };
  }
  if (opts.migrate !== false) await migrateDatabase(handle);
  return { ...handle, engine, url, dir, destroy };
}

if (!process.env.DATABASE_URL && process.env.VITEST) {
  console.warn('\n*** DATABASE_URL is not set: integration tests run on PGlite ONLY, not on Postgres. ***\n');
}
