import { getDatabase } from '@/db';
import { advertiseUrl } from '@/db/lock';
import { bootstrapFromEnv } from '@/lib/auth/service';

/**
 * Runs once when the server starts (from instrumentation.ts, Node runtime only): open the database (taking the
 * PGlite lock), apply migrations and load reference data before the first request, create the owner from the
 * environment if asked, and say where the app is. A second server on the same data folder stops here with a
 * clear message instead of silently losing writes.
 */
export async function startServer(): Promise<void> {
  try {
    const h = await getDatabase();
    const port = process.env.PORT ?? '3000';
    const url = `http://localhost:${port}`;
    if (h.kind === 'pglite') advertiseUrl(h.label, url);
    console.log(`[frontier] database: ${h.kind} (${h.label})`);
    const boot = await bootstrapFromEnv(h.db, process.env);
    if (boot === 'created') console.log(`[frontier] created the owner ${process.env.FRONTIER_ADMIN_EMAIL} from FRONTIER_ADMIN_EMAIL`);
    if (boot === 'none') console.log(`[frontier] first run: create the owner account at ${url}/setup`);
    else console.log(`[frontier] ready: open ${url}/models`);
  } catch (e) {
    console.error(`[frontier] cannot open the database: ${(e as Error).message}`);
    process.exit(1);
  }
}
