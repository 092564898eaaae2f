import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';

export type UsageSummary = {
  from: string | null;
  to: string | null;
  totals: { cost: string; requests: number; inputTokens: number; outputTokens: number; rows: number };
  byProject: { project: string; cost: string; requests: number }[];
};

/** Totals for a workspace over a day range, money as exact decimal strings. Scoped by workspace_id, always. */
export async function getUsageSummary(db: Db, workspaceId: string, range: { from?: string; to?: string }): Promise<UsageSummary> {
  const from = range.from ?? null;
  const to = range.to ?? null;
  const where = sql`workspace_id = ${workspaceId}
    and (${from}::date is null or day >= ${from}::date) and (${to}::date is null or day <= ${to}::date)`;
  const [totals] = await rows<{ cost: string | null; requests: number | string | null; input_tokens: string | null; output_tokens: string | null; n: number; first: string | null; last: string | null }>(db, sql`
    select sum(cost)::numeric(20,2)::text as cost, sum(requests)::bigint as requests, sum(input_tokens)::text as input_tokens,
           sum(output_tokens)::text as output_tokens, count(*)::int as n, min(day)::text as first, max(day)::text as last
    from usage where ${where}`);
  const byProject = await rows<{ project: string; cost: string | null; requests: number | string }>(db, sql`
    select project, sum(cost)::numeric(20,2)::text as cost, sum(requests)::bigint as requests
    from usage where ${where} group by project order by sum(cost) desc nulls last, project`);
  return {
    from: from ?? totals?.first ?? null,
    to: to ?? totals?.last ?? null,
    totals: {
      cost: totals?.cost ?? '0.00', requests: Number(totals?.requests ?? 0), inputTokens: Number(totals?.input_tokens ?? 0),
      outputTokens: Number(totals?.output_tokens ?? 0), rows: totals?.n ?? 0,
    },
    byProject: byProject.map((p) => ({ project: p.project, cost: p.cost ?? '0.00', requests: Number(p.requests) })),
  };
}
