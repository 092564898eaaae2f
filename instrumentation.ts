/**
 * Runs once when the server starts: open the database (taking the PGlite lock), apply migrations and load
 * reference data before the first request, and say where the app is. A second server on the same data
 * folder stops here with a clear message instead of silently losing writes.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getDatabase } = await import('./db');
  const { advertiseUrl } = await import('./db/lock');
  try {
    const h = await getDatabase();
    const port = process.env.PORT ?? '3000';
    const url = `http://localhost:${port}`;
    if (h.kind === 'pglite') advertiseUrl(h.label, url);
    console.log(`[frontier] database: ${h.kind} (${h.label})`);
    const { bootstrapFromEnv } = await import('./lib/auth/service');
    const boot = await bootstrapFromEnv(h.db, process.env);
    if (boot === 'created') console.log(`[frontier] created the owner ${process.env.FRONTIER_ADMIN_EMAIL} from FRONTIER_ADMIN_EMAIL`);
    if (boot === 'none') console.log(`[frontier] first run: create the owner account at ${url}/setup`);
    else console.log(`[frontier] ready: open ${url}/models`);
  } catch (e) {
    console.error(`[frontier] cannot open the database: ${(e as Error).message}`);
    process.exit(1);
  }
}
