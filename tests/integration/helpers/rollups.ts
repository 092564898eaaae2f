import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { DIM_COLUMN, FAMILY_DIMS, ROLLUPS, timeColumn } from '@/db/rollups';

/**
 * Every rollup of the workspace against the same sums computed from raw usage right now (monthly ones straight from
 * usage too, not from their daily rollup): the rows that differ, per table. Empty when all agree.
 */
export async function rollupDrift(db: Db, workspaceId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of ROLLUPS) {
    const dims = FAMILY_DIMS[r.family].map((d) => DIM_COLUMN[d]);
    const time = r.grain === 'day' ? 'day' : "date_trunc('month', day)::date";
    const fromUsage = dims.map((c) => (c === 'provider_id' ? "coalesce(provider_id, '')" : c));
    const cols = [timeColumn(r.grain), ...dims, ...r.measures.map((m) => m.col)];
    const expected = `select ${time}, ${fromUsage.join(', ')}, ${r.measures.map((m) => m.agg).join(', ')} from usage
      where workspace_id = $ws${r.onlyReported ? ' and reported_cost is not null' : ''} group by ${time}, ${fromUsage.join(', ')}`;
    const actual = `select ${cols.join(', ')} from ${r.table} where workspace_id = $ws`;
    const q = `select count(*)::int as n from ((${expected} except all ${actual}) union all (${actual} except all ${expected})) x`.replaceAll('$ws', `'${workspaceId}'::uuid`);
    const [d] = await rows<{ n: number }>(db, sql.raw(q));
    if (d!.n) out[r.table] = d!.n;
  }
  return out;
}
