import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { modelAliases, models } from '@/db/schema';
import type { DerivedCatalog } from '@/lib/catalog/derive';
import { aliasRowsFor } from '@/lib/catalog/resolve';

/**
 * Writes catalog entries derived from price sheets (lib/catalog/derive.ts) into the shared catalog. A derived entry never
 * overwrites a curated one or takes its alias: curating a model later (same id or one of its names) wins, and the derived
 * entry's facts are refreshed only while it is still derived.
 */
export async function saveDerivedModels(db: Db, derived: DerivedCatalog): Promise<number> {
  if (derived.models.length === 0 && derived.aliases.length === 0) return 0;
  return db.transaction(async (tx) => {
    let written = 0;
    for (let i = 0; i < derived.models.length; i += 500) {
      const chunk = derived.models.slice(i, i + 500);
      const r = await tx.insert(models).values(chunk.map((m) => ({
        id: m.id, name: m.name, vendor: m.vendor, family: m.family, openWeights: m.openWeights, paramsB: m.paramsB,
        contextWindow: m.contextWindow, releasedOn: m.releasedOn, source: m.source, origin: 'derived' as const,
      }))).onConflictDoUpdate({
        target: models.id,
        set: { vendor: sql`excluded.vendor`, family: sql`excluded.family`, openWeights: sql`excluded.open_weights`, contextWindow: sql`excluded.context_window`, source: sql`excluded.source` },
        setWhere: and(eq(models.origin, 'derived'), sql`${models.workspaceId} is null`),
      }).returning({ id: models.id });
      written += r.length;
    }
    const rows = [...aliasRowsFor(derived.models), ...derived.aliases.map((a) => ({ ...a, rank: 100 }))];
    for (let i = 0; i < rows.length; i += 500) await tx.insert(modelAliases).values(rows.slice(i, i + 500)).onConflictDoNothing();
    return written;
  });
}
