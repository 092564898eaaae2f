import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { audit } from '@/db/queries/audit';
import type { AuditActor } from '@/db/queries/audit';
import { getCatalog, getVisibleModel } from '@/db/queries/get-catalog';
import { applyReprice, previewReprice } from '@/db/queries/reprice';
import { saveDerivedModels } from '@/db/queries/save-derived-models';
import { savePriceSheet } from '@/db/queries/save-price-sheet';
import { models, priceDiscounts, usage, workspaceAliases } from '@/db/schema';
import { BadRequestError, ConflictError, NotFoundError } from '@/lib/api/errors';
import { FIRST_PARTY_PROVIDER, PROVIDERS } from '@/lib/catalog/types';
import { sha256 } from '@/lib/hash';
import { parseDecimal, toDecimalString } from '@/lib/money';
import { CsvError } from '@/lib/csv';
import { importPriceCsv, PriceCsvFormatError } from './csv-sheet';
import { deriveCatalog } from '@/lib/catalog/derive';
import { createResolver } from '@/lib/catalog/resolve';
import { importLiteLLMPriceMap, unmappedLiteLLMKeys } from './litellm';
import type { PriceRow } from './types';

/**
 * The price book's operations, shared by the Prices page, the API and the CLI. Nothing here re-costs usage by
 * itself: every change answers with a re-pricing preview, and costs change only when `reprice` is applied.
 */
export type ImportResult = {
  sheets: { sheetId: string; effectiveFrom: string; prices: number; replaced: boolean }[];
  rejects: { line: number; reason: string }[];
  unmapped: string[];
  skipped: number;
};

export async function importPriceFile(
  h: Pick<DbHandle, 'db' | 'raw'>,
  input: { workspaceId: string | null; filename: string; text: string; effectiveFrom?: string; actor: AuditActor },
): Promise<ImportResult> {
  // A workspace's sheet may price its own models; a reference sheet only the shared catalog.
  const catalog = await getCatalog(h.db, input.workspaceId);
  const trimmed = input.text.trimStart();
  const out: ImportResult = { sheets: [], rejects: [], unmapped: [], skipped: 0 };
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try { json = JSON.parse(input.text); } catch { throw new BadRequestError('the file is not valid JSON'); }
    const effectiveFrom = input.effectiveFrom ?? (typeof (json as { last_updated?: string }).last_updated === 'string' ? (json as { last_updated: string }).last_updated.slice(0, 10) : undefined);
    if (!effectiveFrom || !/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) throw new BadRequestError('say which date these prices take effect (--effective-from YYYY-MM-DD)');
    let r = importLiteLLMPriceMap(json, catalog, { effectiveFrom });
    // A reference map prices models the catalog may not have yet: they become derived entries, so that all it prices is
    // priceable. (A workspace's map leaves them unmapped, for the workspace to map or add as its own.)
    if (input.workspaceId === null && r.unmapped.length > 0) {
      const derived = deriveCatalog(unmappedLiteLLMKeys(json, r.unmapped), createResolver(catalog.aliases), `${input.filename} (${effectiveFrom})`);
      await saveDerivedModels(h.db, derived);
      r = importLiteLLMPriceMap(json, await getCatalog(h.db, null), { effectiveFrom });
    }
    const saved = await savePriceSheet(h.db, {
      workspaceId: input.workspaceId, source: 'litellm', complete: input.workspaceId === null, name: `${input.filename} (${effectiveFrom})`,
      effectiveFrom, sha256: sha256(`${effectiveFrom}\n${input.text}`), importedBy: input.actor.label, result: r,
    });
    out.sheets.push({ sheetId: saved.sheetId, effectiveFrom, prices: saved.prices, replaced: saved.replaced });
    out.unmapped = r.unmapped;
    out.skipped = r.skipped.length;
  } else {
    let r: ReturnType<typeof importPriceCsv>;
    try {
      r = importPriceCsv(input.text, catalog, { effectiveFrom: input.effectiveFrom });
    } catch (e) {
      // File-level problems (missing columns, broken quoting, a bad date option) are the caller's to fix.
      if (e instanceof PriceCsvFormatError || e instanceof CsvError || e instanceof RangeError) throw new BadRequestError((e as Error).message);
      throw e;
    }
    out.rejects = r.rejects;
    out.unmapped = r.unmapped;
    if (r.sheets.length === 0) throw new BadRequestError(r.rejects[0] ? `no price could be read; line ${r.rejects[0].line}: ${r.rejects[0].reason}` : 'the file has no prices');
    for (const sh of r.sheets) {
      const saved = await savePriceSheet(h.db, {
        workspaceId: input.workspaceId, source: 'csv', complete: false, name: `${input.filename} (${sh.effectiveFrom})`, effectiveFrom: sh.effectiveFrom,
        sha256: sha256(`${sh.effectiveFrom}\n${JSON.stringify(sh.rows)}`), importedBy: input.actor.label, result: { rows: sh.rows, skipped: [], unmapped: [] },
      });
      out.sheets.push({ sheetId: saved.sheetId, effectiveFrom: sh.effectiveFrom, prices: saved.prices, replaced: saved.replaced });
    }
  }
  if (input.workspaceId) await audit(h.db, input.workspaceId, input.actor, 'prices.imported', input.filename, { sheets: out.sheets.length, prices: out.sheets.reduce((n, s) => n + s.prices, 0) });
  return out;
}

const PROVIDER_IDS = new Set<string>(PROVIDERS.map((p) => p.id));

function money(v: string, field: string): string {
  let d;
  try { d = parseDecimal(v); } catch { throw new BadRequestError(`${field} is not a number: "${v}"`); }
  if (d.isNegative()) throw new BadRequestError(`${field} cannot be negative`);
  return toDecimalString(d);
}

/** A negotiated price for one model on one provider from a date: a one-row workspace sheet. */
export async function setOverride(
  h: Pick<DbHandle, 'db'>, workspaceId: string, actor: AuditActor,
  o: { modelId: string; providerId: string; inputPerMtok: string; outputPerMtok: string; cachedInputPerMtok?: string | null; effectiveFrom: string },
) {
  if (!PROVIDER_IDS.has(o.providerId)) throw new BadRequestError(`unknown provider "${o.providerId}"`);
  if (!(await getVisibleModel(h.db, workspaceId, o.modelId))) throw new NotFoundError(`no catalog model "${o.modelId}"`);
  const row: PriceRow = {
    modelId: o.modelId, providerId: o.providerId, inputPerMtok: money(o.inputPerMtok, 'input price'), outputPerMtok: money(o.outputPerMtok, 'output price'),
    cachedInputPerMtok: o.cachedInputPerMtok ? money(o.cachedInputPerMtok, 'cached input price') : null, batchInputPerMtok: null, batchOutputPerMtok: null,
    currency: 'USD', sourceKey: 'override',
  };
  const saved = await savePriceSheet(h.db, {
    workspaceId, source: 'override', complete: false, name: `Override: ${o.modelId} on ${o.providerId}`, effectiveFrom: o.effectiveFrom,
    sha256: sha256(`override\n${o.modelId}\n${o.providerId}\n${o.effectiveFrom}`), importedBy: actor.label, result: { rows: [row], skipped: [], unmapped: [] },
  });
  await audit(h.db, workspaceId, actor, 'prices.override_set', `${o.modelId} on ${o.providerId}`, { input: row.inputPerMtok, output: row.outputPerMtok, from: o.effectiveFrom });
  return saved;
}

export async function setDiscount(h: Pick<DbHandle, 'db'>, workspaceId: string, actor: AuditActor, d: { providerId: string; percent: string; effectiveFrom: string; note?: string }) {
  if (!PROVIDER_IDS.has(d.providerId)) throw new BadRequestError(`unknown provider "${d.providerId}"`);
  const pct = parseDecimal(d.percent);
  if (pct.isNegative() || pct.gt(100)) throw new BadRequestError('a discount is between 0 and 100 percent');
  await h.db.insert(priceDiscounts).values({ workspaceId, providerId: d.providerId, percent: toDecimalString(pct), effectiveFrom: d.effectiveFrom, note: d.note ?? null, createdBy: actor.label })
    .onConflictDoUpdate({ target: [priceDiscounts.workspaceId, priceDiscounts.providerId, priceDiscounts.effectiveFrom], set: { percent: toDecimalString(pct), note: d.note ?? null } });
  await audit(h.db, workspaceId, actor, 'prices.discount_set', d.providerId, { percent: toDecimalString(pct), from: d.effectiveFrom });
}

/**
 * A model the catalog lacks (a fine-tune, a private deployment), added as the workspace's own: it maps its strings
 * to it and prices it with a negotiated price, and no other workspace sees it. The shared catalog changes only from
 * the seed and the CLI (the operator's); a name the shared catalog or the workspace already has is refused, never
 * overwritten. The id is the name's slug with the workspace's id after it, so two workspaces' "Acme LLM" never meet.
 */
export async function addCatalogModel(
  h: Pick<DbHandle, 'db'>, workspaceId: string, actor: AuditActor & { workspaceSlug: string },
  m: { name: string; vendor: string; openWeights: boolean; paramsB?: number | null; family?: string },
): Promise<string> {
  const name = m.name.trim();
  if (!name || name.length > 100) throw new BadRequestError('name the model (up to 100 characters)');
  const slug = name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  if (!slug) throw new BadRequestError('the model name needs letters or digits');
  // The short id is taken only if another workspace whose id starts alike has this name too: the full id is unique.
  const ids = [`${slug}.${workspaceId.slice(0, 8)}`, `${slug}.${workspaceId}`];
  const taken = await h.db.select({ id: models.id }).from(models)
    .where(or(and(eq(models.id, slug), isNull(models.workspaceId)), and(eq(models.workspaceId, workspaceId), inArray(models.id, ids))));
  if (taken[0]) throw new ConflictError(`the catalog already has "${taken[0].id}": map to it instead`);
  const row = {
    name, vendor: m.vendor.trim() || 'Unknown', family: m.family ?? slug, openWeights: m.openWeights, paramsB: m.paramsB ?? null,
    contextWindow: null, releasedOn: null, source: `added by workspace ${actor.workspaceSlug} (${actor.label})`, workspaceId, origin: 'workspace' as const,
  };
  for (const id of ids) {
    const [added] = await h.db.insert(models).values({ id, ...row }).onConflictDoNothing().returning({ id: models.id });
    if (added) return added.id;
  }
  throw new ConflictError(`the catalog already has "${ids[1]}": map to it instead`);
}

/** Maps a raw model string of this workspace to a catalog model, then re-prices exactly those rows. */
export async function mapModel(h: Pick<DbHandle, 'db' | 'raw'>, workspaceId: string, actor: AuditActor, rawModel: string, modelId: string) {
  const m = await getVisibleModel(h.db, workspaceId, modelId);
  if (!m) throw new NotFoundError(`no catalog model "${modelId}"`);
  await h.db.insert(workspaceAliases).values({ workspaceId, rawModel, modelId, createdBy: actor.label })
    .onConflictDoUpdate({ target: [workspaceAliases.workspaceId, workspaceAliases.rawModel], set: { modelId } });
  const firstParty = FIRST_PARTY_PROVIDER[m.vendor] ?? null;
  await h.db.update(usage).set({ modelId, priceProvider: sql`coalesce(${usage.providerId}, ${firstParty})` })
    .where(and(eq(usage.workspaceId, workspaceId), eq(usage.rawModel, rawModel), isNull(usage.modelId)));
  const r = await applyReprice(h, workspaceId, rawModel);
  await audit(h.db, workspaceId, actor, 'models.mapped', rawModel, { modelId, rows: r.rows });
  return r;
}

export async function repriceWorkspace(h: Pick<DbHandle, 'db' | 'raw'>, workspaceId: string, actor: AuditActor) {
  const before = await previewReprice(h, workspaceId);
  const r = await applyReprice(h, workspaceId);
  await audit(h.db, workspaceId, actor, 'usage.repriced', null, { rows: r.rows, days: r.days, oldTotal: before.oldTotalUsd, newTotal: before.newTotalUsd });
  return { ...r, oldTotalUsd: before.oldTotalUsd, newTotalUsd: before.newTotalUsd };
}

export { previewReprice };
