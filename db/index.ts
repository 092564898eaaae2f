import type { DbHandle } from './client';
import { openDatabase } from './client';
import { prepareDatabase } from './prepare';

/**
 * The app's database: opened, migrated and seeded once per process, on first use. Kept on globalThis so
 * Next's separate module graphs (route handlers, server components, instrumentation) share one handle.
 */
const KEY = Symbol.for('frontier.db');
type Holder = { [KEY]?: Promise<DbHandle> };

export function getDatabase(): Promise<DbHandle> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    g[KEY] = (async () => {
      const h = await openDatabase({ purpose: 'app' });
      await prepareDatabase(h);
      const { markInterruptedUploads } = await import('@/lib/ingest/manage');
      const n = await markInterruptedUploads(h.db);
      if (n > 0) console.warn(`[frontier] ${n} upload(s) were interrupted by a restart and are marked failed (nothing was written)`);
      return h;
    })();
    g[KEY].catch(() => { delete g[KEY]; });
  }
  return g[KEY];
}

export async function getDb() {
  return (await getDatabase()).db;
}

/** Tests hand the app's routes their own database instead of opening one from the environment. */
export function useDatabaseForTests(h: DbHandle): void {
  (globalThis as Holder)[KEY] = Promise.resolve(h);
}
