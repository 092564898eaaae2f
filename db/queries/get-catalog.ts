import { asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { modelAliasPeriods, modelAliases, models, providers } from '@/db/schema';
import type { AliasRow } from '@/lib/catalog/resolve';

export type CatalogSnapshot = {
  models: { id: string; name: string; vendor: string; family: string; openWeights: boolean; paramsB: number | null; releasedOn: string | null; workspaceId: string | null; origin: 'curated' | 'derived' | 'workspace' }[];
  aliases: AliasRow[];
  providers: { id: string; name: string; kind: string }[];
};

/**
 * Models, aliases and providers as the importers and resolvers need them. With a workspace: the shared catalog and
 * that workspace's own models, what anything shown to or chosen by its members lists. With null: the shared catalog
 * alone (reference imports). Omitted: every model, only for looking up by an id a workspace's resolver already
 * produced (the ingest's vendor map), never for a list a person sees. The aliases end with the periods of names that
 * moved (`from` set), after the undated rows, so that a mapping appended after them (a workspace's own) still wins.
 */
export async function getCatalog(db: Db, workspaceId?: string | null): Promise<CatalogSnapshot> {
  const scope = workspaceId === undefined ? undefined : workspaceId === null ? isNull(models.workspaceId) : or(isNull(models.workspaceId), eq(models.workspaceId, workspaceId));
  const [m, a, d, p] = await Promise.all([
    db.select({ id: models.id, name: models.name, vendor: models.vendor, family: models.family, openWeights: models.openWeights, paramsB: models.paramsB, releasedOn: models.releasedOn, workspaceId: models.workspaceId, origin: models.origin })
      .from(models).where(scope).orderBy(asc(models.id)),
    db.select({ pattern: modelAliases.pattern, modelId: modelAliases.modelId, rank: modelAliases.rank }).from(modelAliases),
    db.select({ pattern: modelAliasPeriods.pattern, modelId: modelAliasPeriods.modelId, from: modelAliasPeriods.validFrom }).from(modelAliasPeriods)
      .orderBy(asc(modelAliasPeriods.pattern), asc(modelAliasPeriods.validFrom)),
    db.select().from(providers).orderBy(asc(providers.name)),
  ]);
  return {
    models: m.map((x) => ({ ...x, paramsB: x.paramsB === null ? null : Number(x.paramsB) })),
    aliases: [...a, ...d.map((x) => ({ ...x, rank: 0 }))],
    providers: p,
  };
}

/** A model this workspace may use (shared, or its own), or null: another workspace's model is as good as absent. */
export async function getVisibleModel(db: Db, workspaceId: string, modelId: string) {
  const [m] = await db.select({ id: models.id, vendor: models.vendor, workspaceId: models.workspaceId }).from(models)
    .where(eq(models.id, modelId));
  return m && (m.workspaceId === null || m.workspaceId === workspaceId) ? m : null;
}
