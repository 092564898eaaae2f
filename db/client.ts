import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Pool } from 'pg';
import { env } from '@/lib/env';
import { acquireLock, releaseLock } from './lock';
import * as schema from './schema';

/**
 * One database module for both engines. `DATABASE_URL` → a pg Pool; unset → embedded PGlite in a data folder
 * held under an exclusive lock. Driver differences are settled here: int8 comes back as a JS number and
 * `date` as a `YYYY-MM-DD` string from both; numeric stays a string (exact money).
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';
/**
 * The driver underneath, for the few things Drizzle does not do (bulk COPY in ingestion). On Postgres, writes that
 * hold a transaction for as long as a file takes to arrive (uploads) get a pool of their own, `ingestPool`, so reads
 * never wait behind them: however many uploads are open, the app's pool is free for every other request.
 */
export type RawClient = { kind: 'postgres'; pool: Pool; ingestPool?: Pool } | { kind: 'pglite'; client: PGlite };
export type DbHandle = { db: Db; kind: DbKind; label: string; raw: RawClient; close: () => Promise<void> };

// On globalThis: Next may load this module more than once (one copy per server layer), and the handle opened by
// one copy must be found by the others.
const RAW_KEY = Symbol.for('frontier.raw-clients');
const RAW: WeakMap<object, RawClient> = ((globalThis as Record<symbol, unknown>)[RAW_KEY] as WeakMap<object, RawClient>) ??
  ((globalThis as Record<symbol, unknown>)[RAW_KEY] = new WeakMap<object, RawClient>());

/** The driver under a Drizzle handle opened here (ingestion needs COPY). */
export function rawClientOf(db: Db): RawClient {
  const raw = RAW.get(db);
  if (!raw) throw new Error('not a database opened by openDatabase()');
  return raw;
}

const INT8 = 20;
const DATE = 1082;
const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(opts: { url?: string; dir?: string; purpose?: string } = {}): Promise<DbHandle> {
  const url = opts.url ?? (opts.dir ? undefined : env().DATABASE_URL);
  if (url) {
    const pg = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // Drizzle's pg session reads the global parsers, so they are set globally (only this app uses pg here).
    pg.default.types.setTypeParser(INT8, (v: string) => Number(v));
    pg.default.types.setTypeParser(DATE, (v: string) => v);
    const pool: Pool = new pg.default.Pool({ connectionString: url, max: poolSize('FRONTIER_DB_CONNECTIONS', 10) });
    const ingestPool: Pool = new pg.default.Pool({ connectionString: url, max: poolSize('FRONTIER_INGEST_CONNECTIONS', 3) });
    for (const p of [pool, ingestPool]) p.on('error', (e) => console.error('[db] idle client error:', e.message));
    const db = drizzle(pool, { schema }) as unknown as Db;
    const raw: RawClient = { kind: 'postgres', pool, ingestPool };
    RAW.set(db, raw);
    const u = new URL(url);
    return {
      db, kind: 'postgres', label: `${u.hostname}:${u.port || 5432}${u.pathname}`, raw,
      close: async () => { await Promise.all([pool.end(), ingestPool.end()]); },
    };
  }
  const dir = path.resolve(opts.dir ?? env().pgliteDir);
  acquireLock(dir, opts.purpose ?? 'app');
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client: PGlite = await PGlite.create(dir, {
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    RAW.set(db, { kind: 'pglite', client });
    return {
      db, kind: 'pglite', label: dir, raw: { kind: 'pglite', client },
      close: async () => { await client.close(); releaseLock(dir); },
    };
  } catch (e) {
    releaseLock(dir);
    throw e;
  }
}

function poolSize(name: string, fallback: number): number {
  const n = Number(process.env[name] || fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export async function migrateDatabase(h: DbHandle): Promise<void> {
  if (h.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(h.db as never, { migrationsFolder: MIGRATIONS });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(h.db as never, { migrationsFolder: MIGRATIONS });
  }
}

/** Rows of a raw SQL statement, the same shape from both drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** The name of the newest migration applied, for /api/health. */
export async function currentMigration(db: Db): Promise<string | null> {
  const { sql } = await import('drizzle-orm');
  try {
    const r = await rows<{ hash: string; created_at: number | string }>(db, sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    if (!r[0]) return null;
    const journal = (await import('./migrations/meta/_journal.json')).default as { entries: { when: number; tag: string }[] };
    const when = Number(r[0].created_at);
    return journal.entries.find((e) => e.when === when)?.tag ?? String(when);
  } catch {
    return null;
  }
}
