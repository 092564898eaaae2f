import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appMeta, gpuPrices, gpuThroughput, modelAliasPeriods, modelAliases, models, providers } from '@/db/schema';
import { getCatalog } from '@/db/queries/get-catalog';
import { saveDerivedModels } from '@/db/queries/save-derived-models';
import { savePriceSheet } from '@/db/queries/save-price-sheet';
import { saveQualitySnapshot } from '@/db/queries/save-quality-snapshot';
import { deriveCatalog, mergeDerived } from '@/lib/catalog/derive';
import { aliasRowsFor, createResolver, normalizeModelString } from '@/lib/catalog/resolve';
import { PROVIDERS } from '@/lib/catalog/types';
import { sha256 } from '@/lib/hash';
import { importLiteLLMPriceMap, unmappedLiteLLMKeys } from '@/lib/pricing/litellm';
import { parseArenaCsv } from '@/lib/quality/arena';
import { CATALOG } from './catalog';
import { MOVING_ALIASES } from './moving-aliases';
import { ARENA_SNAPSHOTS, GPU_PRICES, GPU_THROUGHPUT, PRICE_SHEETS } from './sources';

/** Bump when the seed's meaning changes without its inputs changing. */
const SEED_REVISION = '2';
const DATA_DIR = path.join(process.cwd(), 'db', 'seed', 'data');

export type SeedReport = { skipped: boolean; version: string; models: number; derivedModels: number; aliases: number; priceSheets: { name: string; prices: number }[]; snapshots: { name: string; scores: number; mapped: number }[] };

function readData(file: string): string {
  return fs.readFileSync(path.join(DATA_DIR, file), 'utf8');
}

export function referenceVersion(): string {
  const files = [...PRICE_SHEETS.map((s) => s.file), ...ARENA_SNAPSHOTS.map((s) => s.file)].map((f) => sha256(readData(f)));
  return sha256(JSON.stringify([SEED_REVISION, CATALOG, MOVING_ALIASES, PROVIDERS, PRICE_SHEETS, ARENA_SNAPSHOTS, GPU_PRICES, GPU_THROUGHPUT, files])).slice(0, 16);
}

/**
 * Loads the model catalog, providers, bundled price sheets and Arena snapshots. Idempotent: a database already
 * at this reference version is left alone; otherwise everything is upserted (same files keep their ids).
 */
export async function seedReference(db: Db, opts: { force?: boolean } = {}): Promise<SeedReport> {
  const version = referenceVersion();
  const [current] = await db.select().from(appMeta).where(eq(appMeta.key, 'reference_version'));
  const report: SeedReport = { skipped: false, version, models: CATALOG.length, derivedModels: 0, aliases: 0, priceSheets: [], snapshots: [] };
  if (current?.value === version && !opts.force) return { ...report, skipped: true };

  const aliasRows = aliasRowsFor(CATALOG);
  report.aliases = aliasRows.length;
  const periodRows = MOVING_ALIASES.flatMap((a) => a.names.flatMap((n) => a.periods.map(([from, modelId]) => ({ pattern: normalizeModelString(n), validFrom: from, modelId }))));
  await db.transaction(async (tx) => {
    await tx.insert(providers).values(PROVIDERS.map((p) => ({ id: p.id, name: p.name, kind: p.kind })))
      .onConflictDoUpdate({ target: providers.id, set: { name: sql`excluded.name`, kind: sql`excluded.kind` } });
    await tx.insert(models).values(CATALOG.map((m) => ({
      id: m.id, name: m.name, vendor: m.vendor, family: m.family, openWeights: m.openWeights, paramsB: m.paramsB,
      contextWindow: m.contextWindow, releasedOn: m.releasedOn, source: m.source, origin: 'curated' as const,
    }))).onConflictDoUpdate({
      target: models.id,
      set: {
        name: sql`excluded.name`, vendor: sql`excluded.vendor`, family: sql`excluded.family`, openWeights: sql`excluded.open_weights`,
        paramsB: sql`excluded.params_b`, contextWindow: sql`excluded.context_window`, releasedOn: sql`excluded.released_on`, source: sql`excluded.source`,
        origin: sql`excluded.origin`,
      },
    });
    await tx.delete(modelAliases).where(inArray(modelAliases.modelId, CATALOG.map((m) => m.id)));
    for (let i = 0; i < aliasRows.length; i += 500) {
      await tx.insert(modelAliases).values(aliasRows.slice(i, i + 500))
        .onConflictDoUpdate({ target: modelAliases.pattern, set: { modelId: sql`excluded.model_id`, rank: sql`excluded.rank` } });
    }
    await tx.delete(modelAliasPeriods);
    await tx.insert(modelAliasPeriods).values(periodRows);
  });

  // Every model a bundled sheet prices is priceable: keys no curated model claims become derived entries, read against
  // the curated catalog alone so that the same files always derive the same entries.
  const curated = { models: CATALOG, aliases: [...aliasRows, ...periodRows.map((p) => ({ pattern: p.pattern, modelId: p.modelId, rank: 0, from: p.validFrom }))] };
  const curatedResolve = createResolver(curated.aliases);
  const sheets = PRICE_SHEETS.map((s) => { const text = readData(s.file); return { ...s, text, json: JSON.parse(text) as unknown }; });
  const derived = mergeDerived(sheets.map((s) => {
    const first = importLiteLLMPriceMap(s.json, curated, { effectiveFrom: s.effectiveFrom });
    return deriveCatalog(unmappedLiteLLMKeys(s.json, first.unmapped), curatedResolve, s.name);
  }));
  report.derivedModels = derived.models.length;
  await saveDerivedModels(db, derived);

  const catalog = await getCatalog(db, null);
  for (const s of sheets) {
    const text = s.text;
    const result = importLiteLLMPriceMap(s.json, catalog, { effectiveFrom: s.effectiveFrom });
    const saved = await savePriceSheet(db, {
      workspaceId: null, source: 'litellm', complete: true, name: s.name, effectiveFrom: s.effectiveFrom, sha256: sha256(text), importedBy: 'seed', result,
    });
    report.priceSheets.push({ name: s.name, prices: saved.prices });
  }
  const resolve = createResolver(catalog.aliases);
  for (const s of ARENA_SNAPSHOTS) {
    const text = readData(s.file);
    const saved = await saveQualitySnapshot(db, {
      workspaceId: null, source: 'arena', name: s.name, asOf: s.asOf, sha256: sha256(text), snapshot: parseArenaCsv(text), resolve,
    });
    report.snapshots.push({ name: s.name, scores: saved.scores, mapped: saved.mapped });
  }
  await db.transaction(async (tx) => {
    await tx.delete(gpuPrices).where(isNull(gpuPrices.workspaceId));
    await tx.insert(gpuPrices).values(GPU_PRICES.map((g) => ({ ...g, workspaceId: null })));
    await tx.delete(gpuThroughput).where(isNull(gpuThroughput.workspaceId));
    await tx.insert(gpuThroughput).values(GPU_THROUGHPUT.map((g) => ({ ...g, workspaceId: null })));
  });
  await db.insert(appMeta).values({ key: 'reference_version', value: version })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: version, updatedAt: sql`now()` } });
  return report;
}
