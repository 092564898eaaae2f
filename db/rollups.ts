/**
 * The usage rollups, declared once: which tables exist, their grain and dimensions, and the SQL that keeps them equal
 * to `usage` (the ingest upsert, the rebuild after a delete or a re-pricing). The dashboards pick among them with
 * `db/queries/rollup-source.ts`. Every rollup holds exact sums (numeric money) of the usage rows it covers.
 *
 * Why so many: a dashboard view costs what it reads. A year of 10M usage rows is 547,500 rows of the full daily
 * rollup (day × provider × model × project × key) but 18,000 of the monthly one, and 6,000 of the monthly
 * (project × key) one. Each view reads the smallest rollup that still has the dimensions it filters or groups by.
 */

export type Dim = 'provider' | 'model' | 'project' | 'key' | 'user';
export type Grain = 'day' | 'month';
export type Family = 'full' | 'model' | 'key' | 'user' | 'userFull' | 'reported';

/** The rollup column of each dimension (usage's own column names; `model` also carries `model_id`, not in the key). */
export const DIM_COLUMN: Record<Dim, string> = { provider: 'provider_id', model: 'raw_model', project: 'project', key: 'api_key', user: 'user_ref' };

export const FAMILY_DIMS: Record<Family, Dim[]> = {
  full: ['provider', 'model', 'project', 'key'],
  model: ['provider', 'model'],
  key: ['project', 'key'],
  user: ['user', 'provider', 'model'],
  // Every dimension, user first: one user's drill-down by project or key is an index range, never raw usage.
  userFull: ['user', 'provider', 'model', 'project', 'key'],
  // Only rows whose export carried a cost, with the counts the reconciliation explains differences by.
  reported: ['provider', 'model'],
};

type Measure = { col: string; type: 'integer' | 'bigint' | 'numeric'; agg: string; nullable?: boolean };

/** What every rollup sums, as aggregates over usage-shaped rows. */
export const STANDARD_MEASURES: Measure[] = [
  { col: 'rows', type: 'integer', agg: 'count(*)' },
  { col: 'requests', type: 'bigint', agg: 'sum(requests)' },
  { col: 'input_tokens', type: 'bigint', agg: 'sum(input_tokens)' },
  { col: 'cached_input_tokens', type: 'bigint', agg: 'sum(cached_input_tokens)' },
  { col: 'output_tokens', type: 'bigint', agg: 'sum(output_tokens)' },
  { col: 'cost', type: 'numeric', agg: 'sum(cost)', nullable: true },
  { col: 'reported_cost', type: 'numeric', agg: 'sum(reported_cost)', nullable: true },
  { col: 'unpriced_rows', type: 'integer', agg: "count(*) filter (where price_status in ('no_price', 'unmapped'))" },
];

export const RECONCILIATION_MEASURES: Measure[] = [
  ...STANDARD_MEASURES,
  { col: 'no_price_rows', type: 'integer', agg: "count(*) filter (where price_status = 'no_price')" },
  { col: 'unmapped_rows', type: 'integer', agg: "count(*) filter (where price_status = 'unmapped')" },
  { col: 'backdated_rows', type: 'integer', agg: "count(*) filter (where price_status = 'backdated')" },
  { col: 'cost_only_rows', type: 'integer', agg: "count(*) filter (where price_status in ('cost_only', 'not_usage'))" },
  { col: 'batch_rows', type: 'integer', agg: 'count(*) filter (where batch)' },
];

/** onlyReported: the rows with a reported cost only (over usage `reported_cost is not null`, over the delta `has_reported`). */
export type Rollup = { table: string; family: Family; grain: Grain; measures: Measure[]; onlyReported?: true; daily?: string };
const REPORTED_IN_USAGE = 'reported_cost is not null';

export const ROLLUPS: Rollup[] = [
  { table: 'usage_daily', family: 'full', grain: 'day', measures: STANDARD_MEASURES },
  { table: 'usage_daily_model', family: 'model', grain: 'day', measures: STANDARD_MEASURES },
  { table: 'usage_daily_key', family: 'key', grain: 'day', measures: STANDARD_MEASURES },
  { table: 'usage_daily_user', family: 'user', grain: 'day', measures: STANDARD_MEASURES },
  { table: 'usage_daily_user_full', family: 'userFull', grain: 'day', measures: STANDARD_MEASURES },
  { table: 'usage_daily_reported', family: 'reported', grain: 'day', measures: RECONCILIATION_MEASURES, onlyReported: true },
  { table: 'usage_monthly', family: 'full', grain: 'month', measures: STANDARD_MEASURES, daily: 'usage_daily' },
  { table: 'usage_monthly_model', family: 'model', grain: 'month', measures: STANDARD_MEASURES, daily: 'usage_daily_model' },
  { table: 'usage_monthly_key', family: 'key', grain: 'month', measures: STANDARD_MEASURES, daily: 'usage_daily_key' },
  { table: 'usage_monthly_user', family: 'user', grain: 'month', measures: STANDARD_MEASURES, daily: 'usage_daily_user' },
  { table: 'usage_monthly_user_full', family: 'userFull', grain: 'month', measures: STANDARD_MEASURES, daily: 'usage_daily_user_full' },
];

export const rollupTable = (family: Family, grain: Grain): string => {
  const r = ROLLUPS.find((x) => x.family === family && x.grain === grain);
  if (!r) throw new Error(`no ${grain} rollup for ${family}`);
  return r.table;
};

/** The time column: `day`, or `month` (the first day of the month) for monthly rollups. */
export const timeColumn = (grain: Grain) => (grain === 'day' ? 'day' : 'month');

const dimCols = (f: Family) => FAMILY_DIMS[f].map((d) => DIM_COLUMN[d]);
const hasModel = (f: Family) => FAMILY_DIMS[f].includes('model');
/** Usage columns as the rollups key them (a null provider is ''). */
const fromUsage = (c: string) => (c === 'provider_id' ? "coalesce(provider_id, '')" : c);

/**
 * The per-upload delta: the inserted rows of each batch, aggregated by every dimension any rollup has (and whether
 * the row carried a reported cost), kept in a temp table until the end of the upload, when each rollup grows by it
 * in one upsert. Far fewer rows than the upload when buckets repeat dimensions; never more.
 */
/** ingest_delta's dimension columns, in order, with their types (deltaInsert groups by all but model_id). */
const DELTA_DIM_TYPES: [string, string][] = [
  ['day', 'date'], ['provider_id', 'text'], ['raw_model', 'text'], ['model_id', 'text'], ['project', 'text'], ['api_key', 'text'], ['user_ref', 'text'], ['has_reported', 'boolean'],
];
/** ingest_delta's columns in order: what a COPY into it (lib/ingest/delta.ts) writes. */
export const DELTA_COLUMNS = [...DELTA_DIM_TYPES.map(([c]) => c), ...RECONCILIATION_MEASURES.map((m) => m.col)];

export const CREATE_DELTA = `
  create temp table ingest_delta (
    ${[...DELTA_DIM_TYPES.map(([c, type]) => `${c} ${type}`), ...RECONCILIATION_MEASURES.map((m) => `${m.col} ${m.type}`)].join(', ')}
  ) on commit drop`;

/** What deltaInsert groups usage rows by: the delta's dimensions but model_id (max() of it) and has_reported (its own expression). */
const DELTA_DIMS = DELTA_DIM_TYPES.map(([c]) => c).filter((c) => c !== 'model_id' && c !== 'has_reported');

/** A CTE body that adds the rows of `source` (usage-shaped, e.g. an INSERT's RETURNING) to the delta. */
export function deltaInsert(source: string): string {
  return `insert into ingest_delta (${DELTA_DIMS.join(', ')}, model_id, has_reported, ${RECONCILIATION_MEASURES.map((m) => m.col).join(', ')})
    select ${DELTA_DIMS.map(fromUsage).join(', ')}, max(model_id), reported_cost is not null, ${RECONCILIATION_MEASURES.map((m) => m.agg).join(', ')}
    from ${source} group by ${DELTA_DIMS.map(fromUsage).join(', ')}, reported_cost is not null
    returning 1`;
}

function mergeSet(r: Rollup): string {
  const parts = hasModel(r.family) ? ['model_id = coalesce(excluded.model_id, d.model_id)'] : [];
  for (const m of r.measures) {
    // A null money sum stays null only while both sides are null.
    parts.push(m.nullable
      ? `${m.col} = case when d.${m.col} is null then excluded.${m.col} when excluded.${m.col} is null then d.${m.col} else d.${m.col} + excluded.${m.col} end`
      : `${m.col} = d.${m.col} + excluded.${m.col}`);
  }
  return parts.join(', ');
}

/** A rollup's columns in order: workspace_id, its time, its dimensions, model_id (families with a model), its measures. */
const rollupColumns = (r: Rollup) => ['workspace_id', timeColumn(r.grain), ...dimCols(r.family), ...(hasModel(r.family) ? ['model_id'] : []), ...r.measures.map((m) => m.col)];

type Source = { time: string; from: string; aggs: (m: Measure) => string; where: string; col: (c: string) => string };

/**
 * INSERT … SELECT into a rollup from `select.from`, grouped by its time and dimensions; with `upsert`, added to the
 * rows already there. The workspace is `$1`, or with `allWorkspaces` each source row's own (grouped by it too).
 */
function insertInto(r: Rollup, select: Source, opts: { upsert?: boolean; allWorkspaces?: boolean } = {}): string {
  const dims = dimCols(r.family);
  const cols = rollupColumns(r);
  const groupBy = [...(opts.allWorkspaces ? ['workspace_id'] : []), select.time, ...dims.map(select.col)];
  return `insert into ${r.table} as d (${cols.join(', ')})
    select ${opts.allWorkspaces ? 'workspace_id' : '$1::uuid'}, ${select.time}, ${dims.map(select.col).join(', ')}${hasModel(r.family) ? ', max(model_id)' : ''}, ${r.measures.map(select.aggs).join(', ')}
    from ${select.from} where ${select.where} group by ${groupBy.join(', ')}
    ${opts.upsert ? `on conflict (workspace_id, ${primaryKey(r).join(', ')}) do update set ${mergeSet(r)}` : ''}`;
}

const MONTH_OF_DAY = "date_trunc('month', day)::date";
/** A monthly rollup from its daily one. */
const fromDaily = (r: Rollup, where: string): Source => ({ time: MONTH_OF_DAY, from: r.daily!, aggs: (m) => `sum(${m.col})`, col: (c) => c, where });
const wsFilter = (workspaceId?: string) => (workspaceId ? `workspace_id = '${workspaceId.replace(/[^0-9a-f-]/gi, '')}'::uuid` : 'true');

/** The key columns after workspace_id, in index order: a user rollup leads with the user, so one user is a range. */
export function primaryKey(r: Pick<Rollup, 'family' | 'grain'>): string[] {
  const dims = dimCols(r.family);
  const t = timeColumn(r.grain);
  return r.family === 'user' || r.family === 'userFull' ? ['user_ref', t, ...dims.filter((c) => c !== 'user_ref')] : [t, ...dims];
}

/**
 * At the end of an upload: every rollup grows by the delta ($1 = workspace). The monthly ones leave out the months in
 * $2 (date[]): those the upload wrote daily rows into directly, which rebuildMonthsSql then sums again from the daily
 * rollups.
 */
export function applyDeltaSql(): { daily: string[]; monthly: string[] } {
  const sqlFor = (r: Rollup) => insertInto(r, {
    time: r.grain === 'day' ? 'day' : MONTH_OF_DAY, from: 'ingest_delta', aggs: (m) => `sum(${m.col})`, col: (c) => c,
    where: `${r.onlyReported ? 'has_reported' : 'true'}${r.grain === 'month' ? ` and ${MONTH_OF_DAY} <> all($2::date[])` : ''}`,
  }, { upsert: true });
  return { daily: ROLLUPS.filter((r) => r.grain === 'day').map(sqlFor), monthly: ROLLUPS.filter((r) => r.grain === 'month').map(sqlFor) };
}

/** The daily rollups with what a row of each holds: its columns in COPY order (workspace_id, day, dimensions, model_id, measures). */
export function dailyRollupLayouts(): { table: string; dims: string[]; hasModel: boolean; measures: string[]; onlyReported: boolean; columns: string[] }[] {
  return ROLLUPS.filter((r) => r.grain === 'day').map((r) => {
    return { table: r.table, dims: dimCols(r.family), hasModel: hasModel(r.family), measures: r.measures.map((m) => m.col), onlyReported: r.onlyReported === true, columns: rollupColumns(r) };
  });
}

/** Every monthly rollup of the given months ($2, first days) summed again from its daily rollup ($1 = workspace). */
export function rebuildMonthsSql(): string[] {
  return ROLLUPS.filter((x) => x.grain === 'month').flatMap((r) => [
    `delete from ${r.table} where workspace_id = $1 and month = any($2::date[])`,
    insertInto(r, fromDaily(r, `workspace_id = $1 and day >= (select min(m) from unnest($2::date[]) m) and day < (select max(m) from unnest($2::date[]) m) + interval '1 month' and ${MONTH_OF_DAY} = any($2::date[])`)),
  ]);
}

const monthsOf = (days: string[]) => [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];

/**
 * Rebuilds every rollup for the days a change touched (a deleted upload, a re-pricing): the daily ones from usage,
 * then the monthly ones from their daily rollup for the months of those days. Returns [sql, params] pairs to run in
 * order within the caller's transaction.
 */
export function rebuildRollups(workspaceId: string, days: string[]): [string, unknown[]][] {
  const months = monthsOf(days);
  const out: [string, unknown[]][] = [];
  for (const r of ROLLUPS.filter((x) => x.grain === 'day')) {
    out.push([`delete from ${r.table} where workspace_id = $1 and day = any($2::date[])`, [workspaceId, days]]);
    out.push([insertInto(r, {
      time: 'day', from: 'usage', aggs: (m) => m.agg, col: fromUsage, where: `workspace_id = $1 and day = any($2::date[])${r.onlyReported ? ` and ${REPORTED_IN_USAGE}` : ''}`,
    }), [workspaceId, days]]);
  }
  for (const q of rebuildMonthsSql()) out.push([q, [workspaceId, months]]);
  return out;
}

/**
 * Builds the given rollups from scratch (daily from usage, monthly from their daily rollup), for every workspace or
 * one: the migration's backfill, and the benchmarks' loaders. Run daily tables before monthly ones (ROLLUPS order).
 */
export function backfillSql(tables: string[], workspaceId?: string): string[] {
  const ws = wsFilter(workspaceId);
  return ROLLUPS.filter((x) => tables.includes(x.table)).map((r) => insertInto(r, r.grain === 'day'
    ? { time: 'day', from: 'usage', aggs: (m) => m.agg, col: fromUsage, where: r.onlyReported ? `${ws} and ${REPORTED_IN_USAGE}` : ws }
    : fromDaily(r, ws), { allWorkspaces: true }));
}

/**
 * The rollups that follow from `usage_daily` alone (the model and key families, daily and monthly), for a benchmark
 * that loads the full daily rollup directly. Users and reported cost need raw usage and are left empty.
 */
export function deriveFromDailySql(workspaceId: string): string[] {
  const ws = wsFilter(workspaceId);
  return ROLLUPS.filter((x) => (x.family === 'model' || x.family === 'key' || x.family === 'full') && x.table !== 'usage_daily').map((r) => insertInto(r, r.grain === 'day'
    ? { time: 'day', from: 'usage_daily', aggs: (m) => `sum(${m.col})`, col: (c) => c, where: ws }
    : fromDaily(r, ws), { allWorkspaces: true }));
}
