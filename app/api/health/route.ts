import { sql } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { currentMigration } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: which engine, which migration, and whether a query answers. */
export async function GET() {
  try {
    const h = await getDatabase();
    await h.db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database: h.kind, migration: await currentMigration(h.db) });
  } catch (e) {
    return Response.json(
      { status: 'unavailable', database: process.env.DATABASE_URL ? 'postgres' : 'pglite', migration: null, error: (e as Error).message },
      { status: 503 },
    );
  }
}
