import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import type { Dim } from '@/db/rollups';
import { D } from '@/lib/money';
import { dimIn, rollupSource, shownDim } from './rollup-source';

/**
 * A stacked chart's numbers: per bucket (day or month), the named groups, and everything else as one "Other" row.
 * The named groups are read with a predicate on the group's own column (dimIn: an index range on the rollups keyed
 * by it); Other is the bucket's total under the same filters, from the smallest rollup without the group dimension,
 * minus the named groups, exactly. So a chart of 8 keys out of 500 reads 8 keys' rows and a day total, not 500.
 */
/** spend null: the bucket's usage of that group has no price (unpriced is never $0). */
export type SeriesPoint = { day: string; key: string | null; id: string | null; spend: string | null; requests: number; input: number; cached: number; output: number };

export type SeriesQuery = {
  workspaceId: string;
  range: { from: string; to: string };
  interval: 'day' | 'month';
  /** Dimensions the view's filters use (not the grouping). */
  filterDims: Dim[];
  groupDim: Dim | null;
  /** The group expression over the source alias `d` and the catalog `m` (e.g. coalesce(nullif(d.api_key, ''), '(none)')). */
  group: SQL;
  /** The view's filters over `d`. */
  where: SQL;
  keys: string[];
  /** Read usage itself (the benchmarks' baseline). */
  raw?: boolean;
};

export async function seriesWithOther(db: Db, q: SeriesQuery): Promise<SeriesPoint[]> {
  const grain = q.interval === 'day' ? 'day' : 'any';
  const bucket = sql.raw(q.interval === 'day' ? 'd.day' : "date_trunc('month', d.day)::date");
  const sums = sql`sum(d.cost)::text as spend, sum(d.requests)::text as requests, sum(d.input_tokens)::text as input,
    sum(d.cached_input_tokens)::text as cached, sum(d.output_tokens)::text as output`;
  type R = { day: string; key: string | null; id: string | null; spend: string | null; requests: string; input: string; cached: string; output: string };
  const named = q.keys.length === 0 ? [] : await rows<R>(db, sql`
    select ${bucket}::text as day, ${q.group} as key, min(coalesce(d.model_id, nullif(d.raw_model, ''))) as id, ${sums}
    from ${rollupSource(q.workspaceId, q.range, { dims: [...q.filterDims, ...(q.groupDim ? [q.groupDim] : [])], grain, raw: q.raw })} d left join models m on m.id = d.model_id
    where ${q.where} and ${q.groupDim && shownDim(q.groupDim) ? dimIn(q.groupDim, q.keys) : sql`${q.group} in ${q.keys}`}
    group by 1, 2 having sum(d.rows) <> 0 order by 1`);
  const totals = await rows<R>(db, sql`
    select ${bucket}::text as day, null as key, null as id, ${sums}
    from ${rollupSource(q.workspaceId, q.range, { dims: q.filterDims, grain, raw: q.raw })} d where ${q.where} group by 1 order by 1`);
  const namedByDay = new Map<string, R[]>();
  for (const r of named) {
    const list = namedByDay.get(r.day);
    if (list) list.push(r);
    else namedByDay.set(r.day, [r]);
  }
  const out: SeriesPoint[] = [];
  const point = (r: R): SeriesPoint => ({ day: r.day, key: r.key, id: r.id, spend: r.spend, requests: Number(r.requests), input: Number(r.input), cached: Number(r.cached), output: Number(r.output) });
  for (const t of totals) {
    const mine = namedByDay.get(t.day) ?? [];
    for (const r of mine) out.push(point(r));
    const other = point(t);
    for (const r of mine) {
      // A named group without a price took nothing out of the bucket's priced total.
      if (other.spend !== null && r.spend !== null) other.spend = new D(other.spend).minus(r.spend).toString();
      other.requests -= Number(r.requests);
      other.input -= Number(r.input);
      other.cached -= Number(r.cached);
      other.output -= Number(r.output);
    }
    if (other.requests || other.input || other.output || other.cached || (other.spend !== null && !new D(other.spend).isZero())) out.push(other);
  }
  return out;
}
