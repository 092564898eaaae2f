import { sql } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { currentMigration } from '@/db/client';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };

/** Liveness and readiness: which engine, which migration, and whether a query answers; never cached (a stale "ok" hides an outage). */
export async function GET() {
  try {
    const h = await getDatabase();
    await h.db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database: h.kind, migration: await currentMigration(h.db) }, { headers: NO_STORE });
  } catch (e) {
    return Response.json(
      { status: 'unavailable', database: process.env.DATABASE_URL ? 'postgres' : 'pglite', migration: null, error: (e as Error).message },
      { status: 503, headers: NO_STORE },
    );
  }
}
