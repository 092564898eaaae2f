import { asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { modelAliases, models, providers } from '@/db/schema';
import type { AliasRow } from '@/lib/catalog/resolve';

export type CatalogSnapshot = {
  models: { id: string; name: string; vendor: string; family: string; openWeights: boolean; paramsB: number | null; releasedOn: string | null }[];
  aliases: AliasRow[];
  providers: { id: string; name: string; kind: string }[];
};

/** Models, aliases and providers as the importers and resolvers need them. */
export async function getCatalog(db: Db): Promise<CatalogSnapshot> {
  const [m, a, p] = await Promise.all([
    db.select({ id: models.id, name: models.name, vendor: models.vendor, family: models.family, openWeights: models.openWeights, paramsB: models.paramsB, releasedOn: models.releasedOn }).from(models).orderBy(asc(models.id)),
    db.select({ pattern: modelAliases.pattern, modelId: modelAliases.modelId, rank: modelAliases.rank }).from(modelAliases),
    db.select().from(providers).orderBy(asc(providers.name)),
  ]);
  return { models: m.map((x) => ({ ...x, paramsB: x.paramsB === null ? null : Number(x.paramsB) })), aliases: a, providers: p };
}
