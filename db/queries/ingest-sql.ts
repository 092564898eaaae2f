/**
 * The SQL of one ingested file, as text for the ingest session (which speaks raw SQL so that it can COPY).
 * $1 is always the workspace id.
 */
import { deltaInsert } from '@/db/rollups';

export const STAGE_COLUMNS = [
  'line', 'row_key', 'occurred_at', 'day', 'granularity', 'provider_id', 'price_provider', 'raw_model', 'model_id', 'project',
  'api_key', 'user_ref', 'batch', 'requests', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'reported_cost',
] as const;

export const CREATE_STAGE = `
  create temp table ingest_stage (
    line integer, row_key uuid, occurred_at timestamptz, day date, granularity text, provider_id text, price_provider text,
    raw_model text, model_id text, project text, api_key text, user_ref text, batch boolean, requests bigint,
    input_tokens bigint, cached_input_tokens bigint, output_tokens bigint, reported_cost numeric
  ) on commit drop`;

/**
 * Moves staged rows into usage, costed with the price in force that day for (model, provider): the newest
 * reference sheet on or before the day (looking no further back than the newest complete sheet); failing that,
 * the earliest sheet that prices the pair (marked backdated). Batch rows take the sheet's batch price, or half
 * price at OpenAI and Anthropic (their published batch discount); cached input takes the cached price. Rows
 * already present (same workspace and row key) are left alone: that is what makes overlapping exports safe.
 * Prices are looked up once per distinct (model, provider, day), not per row; the daily rollup and the upload's
 * totals come from the inserted rows in the same statement. $2 = upload id.
 *
 * Cost of a usage row `u` at price `pr` (exact numeric): uncached input, cached input and output, batch-aware. */
export function costExpr(u: string, pr: string): string {
  return `case when ${pr}.input_per_mtok is null or (${u}.input_tokens = 0 and ${u}.output_tokens = 0) then null
        else round((
          (${u}.input_tokens - ${u}.cached_input_tokens) * case when ${u}.batch then coalesce(${pr}.batch_input_per_mtok, ${pr}.input_per_mtok * ${pr}.batch_factor) else ${pr}.input_per_mtok end
          + ${u}.cached_input_tokens * coalesce(${pr}.cached_input_per_mtok, ${pr}.input_per_mtok)
          + ${u}.output_tokens * case when ${u}.batch then coalesce(${pr}.batch_output_per_mtok, ${pr}.output_per_mtok * ${pr}.batch_factor) else ${pr}.output_per_mtok end
        ) / 1000000, 12) end`;
}

export function statusExpr(u: string, pr: string): string {
  return `case when ${u}.input_tokens = 0 and ${u}.output_tokens = 0 then 'cost_only'
        when ${u}.model_id is null then 'unmapped'
        when ${pr}.input_per_mtok is null then 'no_price'
        when ${pr}.backdated then 'backdated' else 'priced' end`;
}

/**
 * Moves one batch of staged rows into usage, in one of three ways (the caller picks, see lib/ingest/pipeline):
 * - `fresh`: plain INSERT, no lookup. For a batch whose days have no usage yet in the workspace (the usual upload of
 *   a new period). Any repeated key (an earlier batch of this file, or two rows of this batch) makes it fail with a
 *   unique violation, and the batch is run again as `merge`. Plain INSERT is much cheaper than ON CONFLICT (no
 *   speculative insertion: one WAL record less per row).
 * - `probe`: skips rows whose key is already in usage by an index probe per row, then plain INSERT. For days that
 *   already have usage (an overlapping export). Uploads to one workspace take turns under an advisory lock, so no
 *   other transaction can add a conflicting row meanwhile. The LATERAL … LIMIT 1 keeps the probe a per-row index
 *   lookup whatever the planner thinks of usage's size (a hash anti-join would scan the workspace once per batch).
 * - `merge`: the probe and ON CONFLICT DO NOTHING: two rows of the batch with one key keep the first of them.
 */
export type BatchMode = 'fresh' | 'probe' | 'merge';

export function insertBatchSql(mode: BatchMode): string {
  return `
  with keys as (
    select distinct model_id, price_provider, day from ingest_stage where model_id is not null and price_provider is not null
  ),
  priced as (
    select k.model_id, k.price_provider, k.day, pr.*, case when k.price_provider in ('openai', 'anthropic') then 0.5 else 1 end as batch_factor
    from keys k left join lateral frontier_price_in_force($1::uuid, k.model_id, k.price_provider, k.day) pr on true
  ),
  ins as (
    insert into usage (workspace_id, row_key, upload_id, occurred_at, day, granularity, provider_id, price_provider, raw_model, model_id,
      project, api_key, user_ref, batch, requests, input_tokens, cached_input_tokens, output_tokens, reported_cost, cost, price_status)
    select $1::uuid, s.row_key, $2::uuid, s.occurred_at, s.day, s.granularity, s.provider_id, s.price_provider, s.raw_model, s.model_id,
      s.project, s.api_key, s.user_ref, s.batch, s.requests, s.input_tokens, s.cached_input_tokens, s.output_tokens, s.reported_cost,
      ${costExpr('s', 'pr')}, ${statusExpr('s', 'pr')}
    from ingest_stage s
    ${mode === 'fresh' ? '' : 'left join lateral (select true as found from usage u where u.workspace_id = $1::uuid and u.row_key = s.row_key limit 1) seen on true'}
    left join priced pr on pr.model_id = s.model_id and pr.price_provider = s.price_provider and pr.day = s.day
    ${mode === 'fresh' ? '' : 'where seen.found is null'}
    ${mode === 'merge' ? '-- Within one statement a second row with the same key conflicts with the first and is skipped too.\n    on conflict (workspace_id, row_key) do nothing' : ''}
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
    (select count(*) from delta)::int as delta_rows,
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
