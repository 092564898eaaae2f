import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { trimDecimal } from '@/lib/ingest/summary';

export type PriceInForceRow = {
  modelId: string; modelName: string; vendor: string; providerId: string; providerName: string; inputPerMtok: string; outputPerMtok: string;
  cachedInputPerMtok: string | null; effectiveFrom: string; origin: 'override' | 'reference'; discountPercent: string | null; sheetName: string;
};

/** Every (model, provider) price in force for a workspace on a day, through the same SQL rule ingestion uses. */
export async function getPricesInForce(db: Db, workspaceId: string, day: string, q?: string): Promise<PriceInForceRow[]> {
  const like = q ? `%${q.toLowerCase()}%` : null;
  const r = await rows<Record<string, string | null>>(db, sql`
    with pairs as (
      select distinct p.model_id, p.provider_id from prices p join price_sheets s on s.id = p.sheet_id
      where s.workspace_id is null or s.workspace_id = ${workspaceId}
    )
    select pa.model_id, m.name as model_name, m.vendor, pa.provider_id, pv.name as provider_name, f.input_per_mtok::text as input, f.output_per_mtok::text as output,
      f.cached_input_per_mtok::text as cached, f.effective_from::text as effective_from, f.origin, f.discount_percent::text as discount, sh.name as sheet_name
    from pairs pa join models m on m.id = pa.model_id join providers pv on pv.id = pa.provider_id
    cross join lateral frontier_price_in_force(${workspaceId}::uuid, pa.model_id, pa.provider_id, ${day}::date) f
    join price_sheets sh on sh.id = f.sheet_id
    where not f.backdated and (${like}::text is null or lower(m.name) like ${like} or lower(pa.model_id) like ${like} or lower(pv.name) like ${like})
    order by m.vendor, m.name, pv.name`);
  return r.map((x) => ({
    modelId: x.model_id!, modelName: x.model_name!, vendor: x.vendor!, providerId: x.provider_id!, providerName: x.provider_name!,
    inputPerMtok: trimDecimal(x.input)!, outputPerMtok: trimDecimal(x.output)!, cachedInputPerMtok: trimDecimal(x.cached),
    effectiveFrom: x.effective_from!, origin: x.origin as 'override' | 'reference', discountPercent: trimDecimal(x.discount), sheetName: x.sheet_name!,
  }));
}

export async function listPriceSheets(db: Db, workspaceId: string) {
  return rows<{ id: string; name: string; source: string; effective_from: string; imported_at: string; imported_by: string | null; prices: number; scope: string }>(db, sql`
    select s.id, s.name, s.source, s.effective_from::text as effective_from, s.imported_at, s.imported_by, count(p.*)::int as prices,
      case when s.workspace_id is null then 'reference' else 'workspace' end as scope
    from price_sheets s left join prices p on p.sheet_id = s.id
    where s.workspace_id is null or s.workspace_id = ${workspaceId}
    group by s.id order by s.effective_from desc, s.imported_at desc`);
}

export async function listDiscounts(db: Db, workspaceId: string) {
  return rows<{ provider_id: string; percent: string; effective_from: string; note: string | null }>(db, sql`
    select provider_id, percent::text as percent, effective_from::text as effective_from, note from price_discounts where workspace_id = ${workspaceId} order by provider_id, effective_from`);
}

/** A model's price history on one provider: every dated price that ever applied (reference and the workspace's). */
export async function getPriceHistory(db: Db, workspaceId: string, modelId: string) {
  return rows<{ provider_id: string; effective_from: string; input: string; output: string; scope: string }>(db, sql`
    select p.provider_id, s.effective_from::text as effective_from, p.input_per_mtok::text as input, p.output_per_mtok::text as output,
      case when s.workspace_id is null then 'reference' else 'workspace' end as scope
    from prices p join price_sheets s on s.id = p.sheet_id
    where p.model_id = ${modelId} and (s.workspace_id is null or s.workspace_id = ${workspaceId})
    order by p.provider_id, s.effective_from`);
}

/** Model strings seen in this workspace's usage that match no catalog model, with how much usage they carry (from the model rollup). */
export async function getUnmappedModels(db: Db, workspaceId: string) {
  return rows<{ raw_model: string; provider_id: string | null; rows: number; input_tokens: string; output_tokens: string; first_day: string; last_day: string }>(db, sql`
    select raw_model, max(nullif(provider_id, '')) as provider_id, sum(unpriced_rows)::int as rows, sum(input_tokens)::text as input_tokens,
      sum(output_tokens)::text as output_tokens, min(day)::text as first_day, max(day)::text as last_day
    from usage_daily_model where workspace_id = ${workspaceId} and model_id is null
    group by raw_model having sum(unpriced_rows) > 0 order by sum(unpriced_rows) desc, raw_model limit 500`);
}

/** GPU prices and published throughput: reference rows and this workspace's own (its own listed first). */
export async function listGpus(db: Db, workspaceId: string) {
  const [prices, throughput] = await Promise.all([
    rows<{ id: string; gpu: string; offering: string; hourly_usd: string; source: string; scope: string }>(db, sql`
      select id, gpu, offering, hourly_usd::text as hourly_usd, source, case when workspace_id is null then 'reference' else 'workspace' end as scope
      from gpu_prices where workspace_id is null or workspace_id = ${workspaceId} order by (workspace_id is null), gpu, hourly_usd`),
    rows<{ model_id: string; gpu: string; gpus: number; tps: number; source: string }>(db, sql`
      select model_id, gpu, gpus, output_tokens_per_second as tps, source from gpu_throughput
      where workspace_id is null or workspace_id = ${workspaceId} order by model_id, gpu, gpus`),
  ]);
  return { prices, throughput };
}
