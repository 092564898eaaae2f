import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { trimDecimal } from '@/lib/ingest/summary';
import type { EloScore, TargetPrice, UsageAggregate } from '@/lib/whatif/engine';
import { rollupSource } from './rollup-source';

/** The reads a what-if needs: workload aggregates from the rollup, prices in force, Elo, GPU defaults, token profiles. */

export type WorkloadFilter = { models?: string[]; providers?: string[]; projects?: string[]; apiKeys?: string[] };

const arr = (xs: string[] | undefined) => (xs && xs.length ? xs : null);

/** The newest day with usage in the workspace, or null. */
export async function latestUsageDay(db: Db, workspaceId: string): Promise<string | null> {
  const r = await rows<{ day: string | null }>(db, sql`select max(day)::text as day from usage_daily_model where workspace_id = ${workspaceId}`);
  return r[0]?.day ?? null;
}

/**
 * Usage of the selected workloads over [from, to], per (model, raw model, provider), read from the daily rollup.
 * `models` matches a catalog id, a raw model string or a model family (`gpt-3.5`), case-insensitively.
 */
export async function getWorkloadAggregates(db: Db, workspaceId: string, from: string, to: string, f: WorkloadFilter): Promise<UsageAggregate[]> {
  const parts: SQL[] = [sql`true`];
  const models = arr(f.models?.map((m) => m.toLowerCase()));
  if (models) parts.push(sql`(lower(coalesce(d.model_id, '')) in ${models} or lower(d.raw_model) in ${models} or lower(coalesce(m.family, '')) in ${models})`);
  const providers = arr(f.providers);
  if (providers) parts.push(sql`d.provider_id in ${providers}`);
  const projects = arr(f.projects);
  if (projects) parts.push(sql`d.project in ${projects}`);
  const keys = arr(f.apiKeys);
  if (keys) parts.push(sql`d.api_key in ${keys}`);
  // The smallest rollup with the filtered dimensions (whole months from the monthly one): the same totals as raw usage.
  const table = rollupSource(workspaceId, { from, to }, { dims: ['model', 'provider', ...(projects ? ['project' as const] : []), ...(keys ? ['key' as const] : [])] });
  const r = await rows<{ model_id: string | null; raw_model: string; provider_id: string; requests: number; input_tokens: number; cached: number; output_tokens: number; cost: string | null; reported: string | null }>(db, sql`
    select d.model_id, d.raw_model, d.provider_id, sum(d.requests)::float8 as requests, sum(d.input_tokens)::float8 as input_tokens,
      sum(d.cached_input_tokens)::float8 as cached, sum(d.output_tokens)::float8 as output_tokens,
      sum(d.cost)::text as cost, sum(d.reported_cost)::text as reported
    from ${table} d left join models m on m.id = d.model_id
    where ${sql.join(parts, sql` and `)}
    group by d.model_id, d.raw_model, d.provider_id having sum(d.rows) <> 0
    order by sum(d.input_tokens + d.output_tokens) desc`);
  return r.map((x) => ({
    modelId: x.model_id, rawModel: x.raw_model, providerId: x.provider_id, requests: Number(x.requests), inputTokens: Number(x.input_tokens),
    cachedInputTokens: Number(x.cached), outputTokens: Number(x.output_tokens), cost: x.cost, reportedCost: x.reported,
  }));
}

/** The values the builder's filters offer: models (with family), providers, projects and keys seen in the rollup. */
export async function getWorkloadOptions(db: Db, workspaceId: string) {
  const [models, dims] = await Promise.all([
    rows<{ model_id: string | null; raw_model: string; name: string | null; family: string | null; tokens: number }>(db, sql`
      select d.model_id, min(d.raw_model) as raw_model, m.name, m.family, sum(d.input_tokens + d.output_tokens)::float8 as tokens
      from usage_monthly_model d left join models m on m.id = d.model_id
      where d.workspace_id = ${workspaceId}
      group by d.model_id, m.name, m.family, case when d.model_id is null then d.raw_model end
      order by tokens desc`),
    rows<{ kind: string; value: string }>(db, sql`
      select distinct 'provider' as kind, provider_id as value from usage_monthly_model where workspace_id = ${workspaceId}
      union select distinct 'project', project from usage_monthly_key where workspace_id = ${workspaceId} and project <> ''
      union select distinct 'apiKey', api_key from usage_monthly_key where workspace_id = ${workspaceId} and api_key <> ''
      order by 1, 2`),
  ]);
  return {
    models: models.map((m) => ({ id: m.model_id ?? m.raw_model, name: m.name ?? m.raw_model, family: m.family, tokens: Number(m.tokens) })),
    providers: dims.filter((d) => d.kind === 'provider').map((d) => d.value),
    projects: dims.filter((d) => d.kind === 'project').map((d) => d.value),
    apiKeys: dims.filter((d) => d.kind === 'apiKey').map((d) => d.value),
  };
}

/** The price in force for (model, provider) on a day, through the same SQL rule ingestion uses. */
export async function getTargetPrice(db: Db, workspaceId: string, modelId: string, providerId: string, day: string): Promise<TargetPrice | null> {
  const r = await rows<{ input: string; output: string; cached: string | null; effective_from: string; origin: 'override' | 'reference'; backdated: boolean; sheet: string }>(db, sql`
    select f.input_per_mtok::text as input, f.output_per_mtok::text as output, f.cached_input_per_mtok::text as cached, f.effective_from::text as effective_from,
      f.origin, f.backdated, s.name as sheet
    from frontier_price_in_force(${workspaceId}::uuid, ${modelId}, ${providerId}, ${day}::date) f join price_sheets s on s.id = f.sheet_id`);
  const x = r[0];
  if (!x) return null;
  return { inputPerMtok: trimDecimal(x.input)!, outputPerMtok: trimDecimal(x.output)!, cachedInputPerMtok: trimDecimal(x.cached), sheetName: x.sheet, effectiveFrom: x.effective_from, origin: x.origin, backdated: x.backdated };
}

/** Every provider with a price in force for a model on a day (for the builder's provider picker). */
export async function getProvidersPricing(db: Db, workspaceId: string, day: string) {
  return rows<{ model_id: string; provider_id: string; provider_name: string; input: string; output: string }>(db, sql`
    with pairs as (
      select distinct p.model_id, p.provider_id from prices p join price_sheets s on s.id = p.sheet_id
      where s.workspace_id is null or s.workspace_id = ${workspaceId}
    )
    select pa.model_id, pa.provider_id, pv.name as provider_name, f.input_per_mtok::text as input, f.output_per_mtok::text as output
    from pairs pa join providers pv on pv.id = pa.provider_id
    cross join lateral frontier_price_in_force(${workspaceId}::uuid, pa.model_id, pa.provider_id, ${day}::date) f
    where not f.backdated
    order by pa.model_id, f.input_per_mtok + f.output_per_mtok`);
}

export type SnapshotInfo = { id: string; name: string; asOf: string; own: boolean };

/** Overall-category snapshots the workspace can use, newest first, with the models each rates. */
export async function getQualitySnapshots(db: Db, workspaceId: string): Promise<(SnapshotInfo & { models: string[] })[]> {
  const r = await rows<{ id: string; name: string; as_of: string; own: boolean; models: string[] | null }>(db, sql`
    select s.id, s.name, s.as_of::text as as_of, (s.workspace_id is not null) as own, array_agg(q.model_id) filter (where q.model_id is not null) as models
    from quality_snapshots s left join quality_scores q on q.snapshot_id = s.id
    where (s.workspace_id is null or s.workspace_id = ${workspaceId}) and s.category = 'overall'
    group by s.id order by s.as_of desc, s.name`);
  return r.map((s) => ({ id: s.id, name: s.name, asOf: s.as_of, own: s.own, models: s.models ?? [] }));
}

/** Elo with CI bounds of every catalog model a snapshot rates (the best-rated row when several map to one model). */
export async function getSnapshotElo(db: Db, snapshotId: string): Promise<Record<string, EloScore>> {
  const r = await rows<{ model_id: string; elo: number; lo: number | null; hi: number | null }>(db, sql`
    select distinct on (model_id) model_id, elo::float8 as elo, ci_lower::float8 as lo, ci_upper::float8 as hi
    from quality_scores where snapshot_id = ${snapshotId} and model_id is not null order by model_id, elo desc`);
  return Object.fromEntries(r.map((x) => [x.model_id, { elo: x.elo, lower: x.lo, upper: x.hi }]));
}

/** One model's Elo in one of the workspace's own snapshots, by catalog id or by the raw name it was judged under. */
export async function getSnapshotScoreFor(db: Db, workspaceId: string, snapshotId: string, model: string): Promise<{ snapshot: string; score: EloScore } | null> {
  const r = await rows<{ name: string; elo: number; lo: number | null; hi: number | null }>(db, sql`
    select s.name, q.elo::float8 as elo, q.ci_lower::float8 as lo, q.ci_upper::float8 as hi
    from quality_scores q join quality_snapshots s on s.id = q.snapshot_id
    where s.id = ${snapshotId} and s.workspace_id = ${workspaceId} and (q.model_id = ${model} or lower(q.raw_name) = lower(${model}))
    order by (q.model_id = ${model}) desc limit 1`);
  const x = r[0];
  return x ? { snapshot: x.name, score: { elo: x.elo, lower: x.lo, upper: x.hi } } : null;
}

/** GPU hourly prices (the workspace's own first) and published throughput setups. */
export async function getGpuTables(db: Db, workspaceId: string) {
  const [prices, throughput] = await Promise.all([
    rows<{ gpu: string; offering: string; hourly_usd: string; source: string; own: boolean }>(db, sql`
      select gpu, offering, trim_scale(hourly_usd)::text as hourly_usd, source, (workspace_id is not null) as own from gpu_prices
      where workspace_id is null or workspace_id = ${workspaceId} order by (workspace_id is null), hourly_usd`),
    rows<{ model_id: string; gpu: string; gpus: number; tps: number; source: string }>(db, sql`
      select model_id, gpu, gpus, output_tokens_per_second as tps, source from gpu_throughput
      where workspace_id is null or workspace_id = ${workspaceId} order by (workspace_id is null), model_id, gpu, gpus`),
  ]);
  return { prices, throughput };
}
