/**
 * The SQL of one ingested file, as text for the ingest session (which speaks raw SQL so that it can COPY).
 * $1 is always the workspace id.
 */
import { deltaInsert } from '@/db/rollups';

/**
 * The fallback stage: a batch that may meet keys already in usage (or repeat one) is COPYed here first, in usage's own
 * columns (lib/ingest/stage-row.ts USAGE_COLUMNS, already costed), and moved by `insertBatchSql`.
 */
export const CREATE_STAGE = 'create temp table if not exists ingest_stage (like usage) on commit drop';

/**
 * Cost of a usage row `u` at price `pr` (the columns of `frontier_price_in_force`, plus `batch_factor`), exact numeric:
 * uncached input, cached input and output, batch-aware. Re-pricing (db/queries/reprice.ts) runs it; the ingest path
 * computes the same in TypeScript (lib/ingest/costing.ts), once per distinct (model, provider, day) for the price and
 * per row for the arithmetic: batch rows take the sheet's batch price, or half price at OpenAI and Anthropic (their
 * published batch discount); cached input takes the cached price.
 */
export function costExpr(u: string, pr: string): string {
  return `case when ${pr}.input_per_mtok is null or (${u}.input_tokens = 0 and ${u}.output_tokens = 0) then null
        else round((
          (${u}.input_tokens - ${u}.cached_input_tokens) * case when ${u}.batch then coalesce(${pr}.batch_input_per_mtok, ${pr}.input_per_mtok * ${pr}.batch_factor) else ${pr}.input_per_mtok end
          + ${u}.cached_input_tokens * coalesce(${pr}.cached_input_per_mtok, ${pr}.input_per_mtok)
          + ${u}.output_tokens * case when ${u}.batch then coalesce(${pr}.batch_output_per_mtok, ${pr}.output_per_mtok * ${pr}.batch_factor) else ${pr}.output_per_mtok end
        ) * 0.000001, 12) end`;
}

export function statusExpr(u: string, pr: string): string {
  return `case when ${u}.input_tokens = 0 and ${u}.output_tokens = 0 then 'cost_only'
        when ${u}.model_id is null then 'unmapped'
        when ${pr}.input_per_mtok is null then 'no_price'
        when ${pr}.backdated then 'backdated' else 'priced' end`;
}

/**
 * Moves one batch of staged (already costed) rows into usage, in one of three ways (the caller picks, see
 * lib/ingest/pipeline), the way a batch goes when it cannot be COPYed straight into usage:
 * - `fresh`: plain INSERT, no lookup. Any repeated key (an earlier batch of this file, or two rows of this batch)
 *   makes it fail with a unique violation, and the batch is run again as `merge`. (The pipeline COPYs such a batch
 *   straight into usage instead; this is for when it cannot add the batch's delta up exactly itself.)
 * - `probe`: skips rows whose key is already in usage by an index probe per row, then plain INSERT. For days that
 *   already have usage (an overlapping export). Uploads to one workspace take turns under an advisory lock, so no
 *   other transaction can add a conflicting row meanwhile. The LATERAL … LIMIT 1 keeps the probe a per-row index
 *   lookup whatever the planner thinks of usage's size (a hash anti-join would scan the workspace once per batch).
 * - `merge`: the probe and ON CONFLICT DO NOTHING: two rows of the batch with one key keep the first of them.
 * The primary key is (workspace_id, day, occurred_at, row_key): the row key fixes the other two, so the probe and the
 * conflict target name all four.
 */
export type BatchMode = 'fresh' | 'probe' | 'merge';

/** usage's columns as ingestion writes them: the order of the COPY lines (lib/ingest/stage-row) and of the stage. */
export const USAGE_COLUMNS = [
  'workspace_id', 'upload_id', 'row_key', 'occurred_at', 'day', 'granularity', 'provider_id', 'price_provider', 'raw_model', 'model_id', 'project',
  'api_key', 'user_ref', 'batch', 'requests', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'reported_cost', 'cost', 'price_status',
] as const;
const USAGE_COLS = USAGE_COLUMNS.join(', ');

export function insertBatchSql(mode: BatchMode): string {
  return `
  with ins as (
    insert into usage (${USAGE_COLS})
    select ${USAGE_COLS.replace(/(\w+)/g, 's.$1')}
    from ingest_stage s
    ${mode === 'fresh' ? '' : `left join lateral (select true as found from usage u
      where u.workspace_id = $1::uuid and u.day = s.day and u.occurred_at = s.occurred_at and u.row_key = s.row_key limit 1) seen on true
    where seen.found is null`}
    ${mode === 'merge' ? '-- Within one statement a second row with the same key conflicts with the first and is skipped too.\n    on conflict (workspace_id, day, occurred_at, row_key) do nothing' : ''}
    returning day, provider_id, raw_model, model_id, project, api_key, user_ref, batch, requests, input_tokens, cached_input_tokens,
      output_tokens, cost, reported_cost, price_status
  ),
  -- What went in, aggregated, joins the upload's delta in the same statement (no second pass over usage); the
  -- rollups grow by the delta once, at the end of the upload (db/rollups.ts).
  delta as (${deltaInsert('ins')})
  select count(*)::int as inserted, coalesce(sum(requests), 0)::text as requests, coalesce(sum(input_tokens), 0)::text as input_tokens,
    coalesce(sum(cached_input_tokens), 0)::text as cached_input_tokens, coalesce(sum(output_tokens), 0)::text as output_tokens,
    sum(cost)::text as cost, sum(reported_cost)::text as reported_cost, min(day)::text as first_day, max(day)::text as last_day,
    count(*) filter (where price_status = 'backdated')::int as backdated,
    (select coalesce(json_agg(json_build_object('rawModel', raw_model, 'rows', n)), '[]')
       from (select raw_model, count(*)::int as n from ins where price_status = 'unmapped' group by raw_model order by 2 desc limit 1000) u) as unmapped,
    (select coalesce(json_agg(json_build_object('rawModel', raw_model, 'providerId', provider_id, 'rows', n)), '[]')
       from (select raw_model, provider_id, count(*)::int as n from ins where price_status = 'no_price' group by raw_model, provider_id order by 3 desc limit 1000) p) as unpriced
  from ins`;
}

export type BatchResult = {
  inserted: number; requests: string; input_tokens: string; cached_input_tokens: string; output_tokens: string; cost: string | null;
  reported_cost: string | null; first_day: string | null; last_day: string | null; backdated: number;
  unmapped: { rawModel: string; rows: number }[] | string; unpriced: { rawModel: string; providerId: string | null; rows: number }[] | string;
};
