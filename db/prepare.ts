import type { DbHandle } from './client';
import { migrateDatabase } from './client';
import type { SeedReport } from './seed';
import { seedReference } from './seed';

/**
 * What every entry point (the app at start, each CLI command, the API through the app) does before its first query:
 * apply the migrations and load the reference data (catalog, price sheets, Arena snapshots). One function, so a
 * database the CLI touches first is the database the app's first start would leave: costed, not all unmapped.
 * Cheap when already done: both steps skip what is there.
 */
export async function prepareDatabase(h: DbHandle): Promise<{ reference: SeedReport }> {
  await migrateDatabase(h);
  return { reference: await seedReference(h.db) };
}
