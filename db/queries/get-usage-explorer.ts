import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { trimDecimal } from '@/lib/ingest/summary';
import { D, toDecimalString } from '@/lib/money';
import type { ExplorerGroup, ExplorerMetric, ExplorerParams } from '@/lib/usage/explorer-params';
import { needsRawUsage, rangeDays, resolveRange, USER_MAX_DAYS, USER_RANGE_MESSAGE } from '@/lib/usage/explorer-params';
import { BadRequestError } from '@/lib/api/errors';

/**
 * The Usage explorer's numbers from the daily rollup: filters combined with AND (never spliced strings), a group-by
 * from a whitelist, totals per group (sorted, paginated) and the daily series of the groups on the page. The rollup
 * has no user dimension: a user filter or grouping reads raw `usage` (same column names), for at most 31 days.
 */
const GROUP_SQL: Record<ExplorerGroup, string> = {
  model: 'coalesce(d.model_id, d.raw_model)', provider: "coalesce(nullif(d.provider_id, ''), '(unknown)')",
  project: "coalesce(nullif(d.project, ''), '(none)')", key: "coalesce(nullif(d.api_key, ''), '(none)')", user: "coalesce(nullif(d.user_ref, ''), '(none)')",
  day: 'd.day::text',
};
export const PAGE_SIZE = 50;

export type ExplorerRow = { key: string; label: string; spend: string; reported: string | null; requests: number; input: number; cached: number; output: number; perMtok: string | null; perRequest: string | null };

function where(workspaceId: string, p: ExplorerParams, range: { from: string; to: string }): SQL {
  const parts: SQL[] = [sql`d.workspace_id = ${workspaceId}`, sql`d.day between ${range.from}::date and ${range.to}::date`];
  if (p.model.length) parts.push(sql`coalesce(d.model_id, d.raw_model) in ${p.model}`);
  if (p.provider.length) parts.push(sql`coalesce(nullif(d.provider_id, ''), '(unknown)') in ${p.provider}`);
  if (p.project.length) parts.push(sql`coalesce(nullif(d.project, ''), '(none)') in ${p.project}`);
  if (p.key.length) parts.push(sql`coalesce(nullif(d.api_key, ''), '(none)') in ${p.key}`);
  if (p.user.length) parts.push(sql`coalesce(nullif(d.user_ref, ''), '(none)') in ${p.user}`);
  return sql.join(parts, sql` and `);
}

export function metricOf(r: ExplorerRow, m: ExplorerMetric): number {
  switch (m) {
    case 'spend': return Number(r.spend);
    case 'requests': return r.requests;
    case 'input': return r.input;
    case 'output': return r.output;
    case 'cached': return r.cached;
    case 'perMtok': return Number(r.perMtok ?? 0);
    case 'perRequest': return Number(r.perRequest ?? 0);
  }
  return 0;
}

/** `source: 'raw'` forces raw usage: the benchmark's baseline for the same view. */
export async function getUsageExplorer(db: Db, workspaceId: string, p: ExplorerParams, opts: { source?: 'raw' } = {}) {
  const [last] = await rows<{ last: string | null }>(db, sql`select max(day)::text as last from usage_daily_model where workspace_id = ${workspaceId}`);
  const today = new Date().toISOString().slice(0, 10);
  const anchor = last?.last && last.last < today ? last.last : today;
  const range = resolveRange(p, anchor);
  const raw = needsRawUsage(p) || opts.source === 'raw';
  if (needsRawUsage(p) && rangeDays(range) > USER_MAX_DAYS) throw new BadRequestError(USER_RANGE_MESSAGE, [{ path: 'user', message: `at most ${USER_MAX_DAYS} days` }]);
  // Raw usage only for users; the full rollup when a project or key is involved; else the narrow model rollup.
  const needsKeyDims = p.project.length > 0 || p.key.length > 0 || p.groupBy === 'project' || p.groupBy === 'key';
  const src = sql.raw(raw ? 'usage' : needsKeyDims ? 'usage_daily' : 'usage_daily_model');
  const w = where(workspaceId, p, range);
  const g = sql.raw(GROUP_SQL[p.groupBy]);
  const grouped = await rows<{ key: string; label: string | null; spend: string | null; reported: string | null; requests: string; input: string; cached: string; output: string }>(db, sql`
    select ${g} as key, max(m.name) as label, sum(d.cost)::text as spend, sum(d.reported_cost)::text as reported, sum(d.requests)::text as requests,
      sum(d.input_tokens)::text as input, sum(d.cached_input_tokens)::text as cached, sum(d.output_tokens)::text as output
    from ${src} d left join models m on m.id = d.model_id where ${w} group by 1`);
  const all: ExplorerRow[] = grouped.map((r) => {
    const tokens = Number(r.input) + Number(r.output);
    const spend: string = trimDecimal(r.spend) ?? '0';
    return {
      key: r.key, label: p.groupBy === 'model' ? (r.label ?? r.key) : r.key, spend, reported: trimDecimal(r.reported), requests: Number(r.requests),
      input: Number(r.input), cached: Number(r.cached), output: Number(r.output),
      perMtok: tokens ? toDecimalString(new D(spend).div(tokens).times(1e6), 4) : null,
      perRequest: Number(r.requests) ? toDecimalString(new D(spend).div(r.requests), 6) : null,
    };
  });
  all.sort((a, b) => {
    const c = p.sort === 'name' ? a.label.localeCompare(b.label) : metricOf(a, p.metric) - metricOf(b, p.metric);
    return p.dir === 'asc' ? c : -c;
  });
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(p.page, pages);
  const pageRows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const onPage = new Set(pageRows.slice(0, 8).map((r) => r.key));
  const labels = new Map(all.map((r) => [r.key, r.label]));
  const series = p.groupBy === 'day' ? [] : (await rows<{ day: string; key: string; spend: string | null; requests: string; input: string; cached: string; output: string }>(db, sql`
    select d.day::text as day, ${g} as key, sum(d.cost)::text as spend, sum(d.requests)::text as requests, sum(d.input_tokens)::text as input,
      sum(d.cached_input_tokens)::text as cached, sum(d.output_tokens)::text as output
    from ${src} d where ${w} group by 1, 2 order by 1`)).map((r) => {
    const row: ExplorerRow = { key: r.key, label: r.key, spend: r.spend ?? '0', reported: null, requests: Number(r.requests), input: Number(r.input), cached: Number(r.cached), output: Number(r.output), perMtok: null, perRequest: null };
    const tokens = row.input + row.output;
    row.perMtok = tokens ? String(Number(row.spend) / tokens * 1e6) : null;
    row.perRequest = row.requests ? String(Number(row.spend) / row.requests) : null;
    const on = onPage.has(r.key);
    // `id` is the group's own key (a model id for models): what the chart's stable colours hash.
    return { day: r.day, key: on ? (labels.get(r.key) ?? r.key) : 'Other', id: on ? r.key : 'Other', value: metricOf(row, p.metric) };
  });

  const totalSpend = toDecimalString(all.reduce((s, r) => s.plus(r.spend), new D(0)), 6);
  return { range, anchor, raw, hasUsage: !!last?.last, rows: pageRows, all, page, pages, total: all.length, series, totalSpend };
}

/**
 * The values the filters offer: models and providers from the narrow rollup, projects and keys from the full one,
 * users from raw usage over the view's range when it is short enough (else its last 31 days). Separate from the view
 * so the browser fetches it once per range, not on every change of grouping, metric or page.
 */
export async function getUsageOptions(db: Db, workspaceId: string, range: { from: string; to: string }): Promise<{ dim: string; value: string }[]> {
  // Users are listed from raw usage over the view's range when it is short enough, else the last 31 days.
  const userRange = rangeDays(range) <= USER_MAX_DAYS ? range : { from: new Date(Date.parse(`${range.to}T00:00:00Z`) - (USER_MAX_DAYS - 1) * 86_400_000).toISOString().slice(0, 10), to: range.to };
  // One pass over the rollup for all four dimensions (grouping sets), rather than one scan per dimension.
  const options = await rows<{ dim: string; value: string }>(db, sql`
    select * from (
      select g.dim, g.value from (
        select coalesce(d.model_id, d.raw_model) as m, coalesce(nullif(d.provider_id, ''), '(unknown)') as pr,
          coalesce(nullif(d.project, ''), '(none)') as pj, coalesce(nullif(d.api_key, ''), '(none)') as k
        from usage_daily d where d.workspace_id = ${workspaceId} group by grouping sets ((1), (2), (3), (4))
      ) x cross join lateral (values ('model', x.m), ('provider', x.pr), ('project', x.pj), ('key', x.k)) as g(dim, value)
      where g.value is not null
      union all select 'user', value from (select coalesce(nullif(u.user_ref, ''), '(none)') as value from usage u
        where u.workspace_id = ${workspaceId} and u.day between ${userRange.from}::date and ${userRange.to}::date group by 1 limit 500) us
    ) o order by 1, 2 limit 2500`);
  return options;
}
