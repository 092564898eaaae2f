import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { trimDecimal } from '@/lib/ingest/summary';
import type { Dim } from '@/db/rollups';
import { rollupSource } from './rollup-source';

export const GROUP_BY = ['model', 'provider', 'project', 'key', 'day'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export type UsageFigures = {
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** null when none of the usage has a price: unpriced is never $0. Partial when unpricedRows > 0. */
  computedCostUsd: string | null;
  reportedCostUsd: string | null;
  /** Usage rows without a computed price (no price in force, or a model not in the catalog). */
  unpricedRows: number;
};

export type UsageSummary = {
  from: string | null;
  to: string | null;
  totals: UsageFigures;
  groups: (UsageFigures & { key: string })[];
};

// Whitelisted column expressions: the group-by is validated by zod and never spliced from user text.
const GROUP_SQL: Record<GroupBy, string> = {
  model: 'coalesce(model_id, raw_model)',
  provider: "provider_id",
  project: 'project',
  key: 'api_key',
  day: 'day::text',
};

type Row = { key?: string; rows?: string | number | null; requests: string | number | null; input: string | null; cached: string | null; output: string | null; cost: string | null; reported: string | null; unpriced: string | number | null };

function figures(r: Row | undefined): UsageFigures {
  return {
    requests: Number(r?.requests ?? 0),
    inputTokens: Number(r?.input ?? 0),
    cachedInputTokens: Number(r?.cached ?? 0),
    outputTokens: Number(r?.output ?? 0),
    // No usage at all spent nothing; usage without any price is unpriced (null), as ingest reports it.
    computedCostUsd: r?.cost == null && Number(r?.rows ?? 0) === 0 ? '0' : trimDecimal(r?.cost ?? null),
    reportedCostUsd: trimDecimal(r?.reported ?? null),
    unpricedRows: Number(r?.unpriced ?? 0),
  };
}

const DIMS: Record<GroupBy, Dim[]> = { model: ['model'], provider: ['provider'], project: ['project'], key: ['key'], day: [] };

/**
 * Totals (and optional groups) of a workspace's usage over a day range, from the smallest rollup with the grouping's
 * dimension (whole months from the monthly one). Always scoped by workspace_id; money is an exact decimal string.
 */
export async function getUsageSummary(db: Db, workspaceId: string, opts: { from?: string; to?: string; groupBy?: GroupBy }): Promise<UsageSummary> {
  const from = opts.from ?? null;
  const to = opts.to ?? null;
  const range = { from: from ?? '1900-01-01', to: to ?? '9999-12-31' };
  const sums = sql`sum(requests)::text as requests, sum(input_tokens)::text as input, sum(cached_input_tokens)::text as cached,
    sum(output_tokens)::text as output, sum(cost)::text as cost, sum(reported_cost)::text as reported,
    sum(rows)::text as rows, sum(unpriced_rows)::text as unpriced`;
  const [t] = await rows<Row>(db, sql`select ${sums} from ${rollupSource(workspaceId, range, { dims: [] })} d`);
  // The first and last day with usage come from the daily rollup's key (monthly rows start on the 1st).
  const [span] = await rows<{ first: string | null; last: string | null }>(db, sql`select min(day)::text as first, max(day)::text as last from usage_daily_model
    where workspace_id = ${workspaceId} and day between ${range.from}::date and ${range.to}::date`);
  let groups: UsageSummary['groups'] = [];
  if (opts.groupBy) {
    const col = sql.raw(GROUP_SQL[opts.groupBy]);
    const order = opts.groupBy === 'day' ? sql`1` : sql`sum(cost) desc nulls last, 1`;
    const src = rollupSource(workspaceId, range, { dims: DIMS[opts.groupBy], grain: opts.groupBy === 'day' ? 'day' : 'any' });
    const g = await rows<Row>(db, sql`select coalesce(${col}, '') as key, ${sums} from ${src} d group by 1 having sum(rows) <> 0 order by ${order}`);
    groups = g.map((r) => ({ key: r.key ?? '', ...figures(r) }));
  }
  return { from: from ?? span?.first ?? null, to: to ?? span?.last ?? null, totals: figures(t), groups };
}
