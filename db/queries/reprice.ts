import { withIngestSession, WORKSPACE_WRITE_LOCK, workspaceWriteLockKey } from '@/db/ingest-session';
import type { DbHandle } from '@/db/client';
import { rebuildRollups } from '@/db/rollups';
import { costExpr, statusExpr } from './ingest-sql';
import { trimDecimal } from '@/lib/ingest/summary';

/**
 * Controlled re-pricing: what the workspace's usage would cost with the prices in force now (overrides,
 * discounts, new sheets), as a preview; and, on confirmation, the same change applied in one transaction with the
 * rollup rebuilt for the days it touched. `rawModel` narrows it to one model string (after mapping it).
 */
const CALC = (filter: string) => `
  with keys as (
    select distinct model_id, price_provider, day from usage
    where workspace_id = $1 and model_id is not null and price_provider is not null ${filter}
  ),
  priced as materialized (
    select k.model_id, k.price_provider, k.day, pr.*, case when k.price_provider in ('openai', 'anthropic') then 0.5 else 1 end as batch_factor
    from keys k left join lateral frontier_price_in_force($1::uuid, k.model_id, k.price_provider, k.day) pr on true
  ),
  calc as (
    select u.row_key, u.day, u.occurred_at, u.model_id, u.raw_model, u.cost as old_cost, u.price_status as old_status,
      ${costExpr('u', 'pr')} as new_cost, ${statusExpr('u', 'pr')} as new_status
    from usage u left join priced pr on pr.model_id = u.model_id and pr.price_provider = u.price_provider and pr.day = u.day
    where u.workspace_id = $1 ${filter.replace(/\braw_model\b/g, 'u.raw_model')}
  ),
  changed as (select * from calc where new_cost is distinct from old_cost or new_status is distinct from old_status)`;

export type RepricePreview = {
  rows: number;
  days: number;
  models: string[];
  oldTotalUsd: string;
  newTotalUsd: string;
  deltaUsd: string;
};

export async function previewReprice(h: Pick<DbHandle, 'raw'>, workspaceId: string, rawModel?: string): Promise<RepricePreview> {
  const filter = rawModel ? 'and raw_model = $2' : '';
  return withIngestSession(h.raw, async (s) => {
    const [r] = await s.query<{ rows: number; days: number; models: string[] | null; old_total: string | null; new_total: string | null; delta: string | null }>(
      `${CALC(filter)}
       select (select count(*) from changed)::int as rows, (select count(distinct day) from changed)::int as days,
         (select array_agg(distinct coalesce(model_id, raw_model) order by coalesce(model_id, raw_model)) from changed) as models,
         (select sum(old_cost) from calc)::text as old_total, (select sum(new_cost) from calc)::text as new_total,
         (select sum(coalesce(new_cost, 0) - coalesce(old_cost, 0)) from changed)::text as delta`,
      rawModel ? [workspaceId, rawModel] : [workspaceId],
    );
    return {
      rows: r!.rows, days: r!.days, models: r!.models ?? [], oldTotalUsd: trimDecimal(r!.old_total) ?? '0',
      newTotalUsd: trimDecimal(r!.new_total) ?? '0', deltaUsd: trimDecimal(r!.delta) ?? '0',
    };
  });
}

export async function applyReprice(h: Pick<DbHandle, 'raw'>, workspaceId: string, rawModel?: string): Promise<{ rows: number; days: number }> {
  const filter = rawModel ? 'and raw_model = $2' : '';
  return withIngestSession(h.raw, async (s) => {
    await s.query(WORKSPACE_WRITE_LOCK, [workspaceWriteLockKey(workspaceId)]);
    const updated = await s.query<{ day: string }>(
      `${CALC(filter)}
       update usage u set cost = c.new_cost, price_status = c.new_status from changed c
       where u.workspace_id = $1 and u.day = c.day and u.occurred_at = c.occurred_at and u.row_key = c.row_key
       returning u.day::text as day`,
      rawModel ? [workspaceId, rawModel] : [workspaceId],
    );
    const days = [...new Set(updated.map((d) => d.day))];
    if (days.length) for (const [q, params] of rebuildRollups(workspaceId, days)) await s.query(q, params);
    return { rows: updated.length, days: days.length };
  });
}
