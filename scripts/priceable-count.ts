/**
 * How many models each shipped price sheet makes priceable: seeds a fresh embedded database with the reference data
 * and counts, per sheet, the distinct catalog models with a price and the (model, provider) pairs. Measures "every
 * model a loaded sheet prices is priceable" (run it on two commits to compare): `npx tsx scripts/priceable-count.ts`.
 */
import { sql } from 'drizzle-orm';
import { rows } from '@/db/client';
import { seedReference } from '@/db/seed';
import { createTestDatabase } from '@/db/testing';

async function main() {
  const t = await createTestDatabase('pglite');
  try {
    await seedReference(t.db);
    const r = await rows<{ sheet: string; models: number; pairs: number; unmapped: number }>(t.db, sql`
      select s.name as sheet, count(distinct p.model_id)::int as models, count(*)::int as pairs,
        coalesce((s.summary::jsonb ->> 'unmapped')::int, 0) as unmapped
      from price_sheets s join prices p on p.sheet_id = s.id where s.workspace_id is null group by s.name, s.summary order by s.name`);
    const [c] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from models where workspace_id is null`);
    console.log(JSON.stringify({ catalogModels: c!.n, sheets: r }, null, 2));
  } finally {
    await t.destroy();
  }
}

void main();
