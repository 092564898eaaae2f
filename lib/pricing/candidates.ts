import type { PriceCandidate, ProviderDiscount } from './in-force';

/**
 * The loader for `priceInForce`: every price a workspace may be costed with (the reference sheets and its own) and
 * its provider discounts, read once. Takes a bare query function so that it runs inside the caller's transaction
 * (the ingest session) on either engine. Money stays text (numeric::text): exact.
 */
export type PriceBook = { workspaceId: string; candidates: PriceCandidate[]; discounts: ProviderDiscount[] };

type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

export async function loadPriceBook(query: Query, workspaceId: string): Promise<PriceBook> {
  const rows = await query<{
    sheet_id: string; workspace_id: string | null; source: PriceCandidate['source']; complete: boolean; effective_from: string; model_id: string;
    provider_id: string; i: string; o: string; c: string | null; bi: string | null; bo: string | null;
  }>(
    `select s.id::text as sheet_id, s.workspace_id::text as workspace_id, s.source, s.complete, s.effective_from::text as effective_from,
       p.model_id, p.provider_id, p.input_per_mtok::text as i, p.output_per_mtok::text as o, p.cached_input_per_mtok::text as c,
       p.batch_input_per_mtok::text as bi, p.batch_output_per_mtok::text as bo
     from prices p join price_sheets s on s.id = p.sheet_id where s.workspace_id is null or s.workspace_id = $1`,
    [workspaceId],
  );
  const discounts = await query<{ provider_id: string; percent: string; effective_from: string }>(
    'select provider_id, percent::text as percent, effective_from::text as effective_from from price_discounts where workspace_id = $1',
    [workspaceId],
  );
  return {
    workspaceId,
    candidates: rows.map((c) => ({
      sheetId: c.sheet_id, workspaceId: c.workspace_id ?? null, source: c.source, complete: Boolean(c.complete), effectiveFrom: c.effective_from,
      modelId: c.model_id, providerId: c.provider_id, inputPerMtok: c.i, outputPerMtok: c.o, cachedInputPerMtok: c.c ?? null,
      batchInputPerMtok: c.bi ?? null, batchOutputPerMtok: c.bo ?? null,
    })),
    discounts: discounts.map((d) => ({ workspaceId, providerId: d.provider_id, percent: d.percent, effectiveFrom: d.effective_from })),
  };
}
