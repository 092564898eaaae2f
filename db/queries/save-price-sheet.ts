import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { priceSheets, prices } from '@/db/schema';
import type { PriceImport } from '@/lib/pricing/types';

export type SavePriceSheetInput = {
  workspaceId: string | null;
  source: 'litellm' | 'csv' | 'manual' | 'override';
  name: string;
  effectiveFrom: string;
  sha256: string;
  complete: boolean;
  importedBy?: string | null;
  result: PriceImport;
};

/**
 * Writes a sheet and its prices in one transaction. The same file (same sha256) imported again replaces its
 * own prices and keeps its id, so importing twice adds nothing.
 */
export async function savePriceSheet(db: Db, input: SavePriceSheetInput): Promise<{ sheetId: string; prices: number; replaced: boolean }> {
  return db.transaction(async (tx) => {
    const wsCond = input.workspaceId ? eq(priceSheets.workspaceId, input.workspaceId) : isNull(priceSheets.workspaceId);
    const existing = await tx.select({ id: priceSheets.id }).from(priceSheets).where(and(wsCond, eq(priceSheets.sha256, input.sha256)));
    const summary = JSON.stringify({
      prices: input.result.rows.length,
      skipped: input.result.skipped.length,
      unmapped: input.result.unmapped.length,
      unmappedSample: input.result.unmapped.slice(0, 50),
    });
    let sheetId: string;
    if (existing[0]) {
      sheetId = existing[0].id;
      await tx.update(priceSheets).set({ name: input.name, effectiveFrom: input.effectiveFrom, summary, source: input.source, complete: input.complete }).where(eq(priceSheets.id, sheetId));
      await tx.delete(prices).where(eq(prices.sheetId, sheetId));
    } else {
      const [row] = await tx.insert(priceSheets).values({
        workspaceId: input.workspaceId, source: input.source, name: input.name, effectiveFrom: input.effectiveFrom,
        sha256: input.sha256, complete: input.complete, summary, importedBy: input.importedBy ?? null,
      }).returning({ id: priceSheets.id });
      sheetId = row!.id;
    }
    const rows = input.result.rows.map((r) => ({ ...r, sheetId }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(prices).values(rows.slice(i, i + 500));
    return { sheetId, prices: rows.length, replaced: Boolean(existing[0]) };
  });
}
