/**
 * `npm run bench -- dashboard --rows N [--engine postgres|pglite] [--runs R] [--only <part of a case name>] [--skip-baseline] [--json]`
 *
 * Loads N synthetic usage rows (one year, 50 projects, 500 keys each in one project, 30 catalog models, 200 users,
 * 10% of rows with a reported cost) with one INSERT … SELECT generate_series, builds the `usage_daily` rollup from
 * them, then times every dashboard query module over the full year and over a month: p50/p95 over R calls after a
 * warm-up. Beside each, the same view computed from raw usage is the baseline.
 */
import { sql } from 'drizzle-orm';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { getEloPriceView } from '@/db/queries/get-elo-price';
import { getOverview } from '@/db/queries/get-overview';
import { getReconciliation } from '@/db/queries/get-reconciliation';
import { getUsageSummary } from '@/db/queries/get-usage-summary';
import { getUsageExplorer, getUsageOptions } from '@/db/queries/get-usage-explorer';
import { seedReference } from '@/db/seed';
import { backfillSql, ROLLUPS } from '@/db/rollups';
import type { EngineName, TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { explorerParamsSchema } from '@/lib/usage/explorer-params';
import { reconciliationParamsSchema } from '@/lib/usage/reconciliation';

const YEAR_FROM = '2025-11-01';
const YEAR_TO = '2026-10-31';
const MONTH = { from: '2026-10-01', to: '2026-10-31' };

async function load(t: TestDatabase, ws: string, n: number) {
  const models = (await rows<{ id: string; vendor: string }>(t.db, sql`select id, vendor from models order by id limit 30`)).map((m) => m.id);
  const arr = sql.raw(`array[${models.map((m) => `'${m.replace(/'/g, "''")}'`).join(',')}]::text[]`);
  // Key k belongs to project k % 50 and uses three models; rows spread evenly over the year, hour by hour.
  await t.db.execute(sql`
    insert into usage (workspace_id, row_key, upload_id, occurred_at, day, granularity, provider_id, price_provider, raw_model, model_id, project, api_key,
      user_ref, batch, requests, input_tokens, cached_input_tokens, output_tokens, reported_cost, cost, price_status)
    select ${ws}::uuid, md5(i::text)::uuid, '00000000-0000-0000-0000-000000000001'::uuid, ts, ts::date, 'hour', 'openai', 'openai', m, m,
      'project-' || (k % 50), 'key-' || k, 'user-' || (i % 200), false, r, inp, inp / 5, outp,
      case when i % 10 = 0 then round((inp * 0.0000025 + outp * 0.00001)::numeric * 1.02, 6) end,
      round((inp * 0.0000025 + outp * 0.00001)::numeric, 8), 'priced'
    from (
      select i, k, (${arr})[1 + ((k * 7 + (i / 500) % 3) % ${models.length}::int)::int] as m,
        ${YEAR_FROM}::timestamptz + make_interval(secs => (i::float8 / ${n}::float8) * 365 * 86400) as ts,
        1 + (i % 17) as r, 200 + (i * 7919) % 4000 as inp, 20 + (i * 104729) % 900 as outp
      from (select i, i % 500 as k from generate_series(1::bigint, ${n}::bigint) as i) s
    ) g`);
  // Every rollup, as ingestion would have left it (daily from usage, monthly from daily).
  for (const q of backfillSql(ROLLUPS.map((r) => r.table), ws)) await t.db.execute(sql.raw(q));
  for (const r of ROLLUPS) await t.db.execute(sql.raw(`analyze ${r.table}`));
  await t.db.execute(sql`analyze usage`);
  const [c] = await rows<{ raw: string; rollup: string; narrow: string }>(t.db, sql`select (select count(*) from usage where workspace_id = ${ws})::text as raw,
    (select count(*) from usage_daily where workspace_id = ${ws})::text as rollup, (select count(*) from usage_daily_model where workspace_id = ${ws})::text as narrow`);
  return { raw: Number(c!.raw), rollup: Number(c!.rollup), modelRollup: Number(c!.narrow) };
}

async function time(fn: () => Promise<unknown>, runs: number) {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 10) / 10;
  return { p50: q(0.5), p95: q(0.95) };
}

export async function benchDashboard(engine: EngineName, n: number, runs: number, log: (m: string) => void, only?: string, skipBaseline = false) {
  const t = await createTestDatabase(engine);
  try {
    await seedReference(t.db);
    const ws = (await createWorkspace(t.db, { slug: 'bench', name: 'bench' })).id;
    log(`[${engine}] loading ${n.toLocaleString('en-US')} usage rows and the rollup…`);
    const started = performance.now();
    const counts = await load(t, ws, n);
    const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
    log(`[${engine}] ${counts.raw.toLocaleString('en-US')} raw rows, ${counts.rollup.toLocaleString('en-US')} daily rollup rows, ${counts.modelRollup.toLocaleString('en-US')} model rollup rows in ${loadSeconds} s; timing ${runs} calls each…`);
    const ex = (q: Record<string, string>) => explorerParamsSchema.parse(q);
    const year = { from: YEAR_FROM, to: YEAR_TO };
    const cases: { name: string; run: () => Promise<unknown>; baseline?: () => Promise<unknown> }[] = [
      { name: 'overview (month to date, 90-day series by model, movers)', run: () => getOverview(t.db, ws, { groupBy: 'model' }) },
      { name: 'overview by key', run: () => getOverview(t.db, ws, { groupBy: 'key' }) },
      { name: 'overview by project', run: () => getOverview(t.db, ws, { groupBy: 'project' }) },
      ...(['year', 'month'] as const).flatMap((span) => {
        const r = span === 'year' ? year : MONTH;
        return (['model', 'project', 'key'] as const).map((g) => ({
          name: `usage explorer, ${span}, by ${g}`,
          run: () => getUsageExplorer(t.db, ws, ex({ ...r, groupBy: g })),
          baseline: () => getUsageExplorer(t.db, ws, ex({ ...r, groupBy: g }), { source: 'raw' }),
        }));
      }),
      { name: 'usage explorer, year, filtered to one project, by model', run: () => getUsageExplorer(t.db, ws, ex({ ...year, groupBy: 'model', project: 'project-7' })), baseline: () => getUsageExplorer(t.db, ws, ex({ ...year, groupBy: 'model', project: 'project-7' }), { source: 'raw' }) },
      { name: 'usage explorer, last 30 days (preset), by model', run: () => getUsageExplorer(t.db, ws, ex({ preset: '30d', groupBy: 'model' })), baseline: () => getUsageExplorer(t.db, ws, ex({ preset: '30d', groupBy: 'model' }), { source: 'raw' }) },
      { name: 'usage explorer, last 90 days (preset), by key', run: () => getUsageExplorer(t.db, ws, ex({ preset: '90d', groupBy: 'key' })), baseline: () => getUsageExplorer(t.db, ws, ex({ preset: '90d', groupBy: 'key' }), { source: 'raw' }) },
      { name: 'usage explorer, last 90 days, by day', run: () => getUsageExplorer(t.db, ws, ex({ preset: '90d', groupBy: 'day' })) },
      { name: 'usage filter options (fetched once per range), year', run: () => getUsageOptions(t.db, ws, year) },
      { name: 'usage explorer, year, by user', run: () => getUsageExplorer(t.db, ws, ex({ ...year, groupBy: 'user' })), baseline: () => getUsageExplorer(t.db, ws, ex({ ...year, groupBy: 'user' }), { source: 'raw' }) },
      { name: 'usage explorer, month, by user', run: () => getUsageExplorer(t.db, ws, ex({ ...MONTH, groupBy: 'user' })) },
      { name: 'usage explorer, year, one user, by model', run: () => getUsageExplorer(t.db, ws, ex({ ...year, groupBy: 'model', user: 'user-7' })) },
      { name: 'usage explorer, month, one user and one project', run: () => getUsageExplorer(t.db, ws, ex({ ...MONTH, groupBy: 'model', user: 'user-7', project: 'project-7' })) },
      { name: 'usage summary (API and CLI), year, by project', run: () => getUsageSummary(t.db, ws, { ...year, groupBy: 'project' }) },
      { name: 'usage summary, all time, by day', run: () => getUsageSummary(t.db, ws, { groupBy: 'day' }) },
      { name: 'reconciliation, year', run: () => getReconciliation(t.db, ws, reconciliationParamsSchema.parse(year)) },
      { name: 'reconciliation, month', run: () => getReconciliation(t.db, ws, reconciliationParamsSchema.parse(MONTH)) },
      { name: 'models, your usage over 365 days', run: () => getEloPriceView(t.db, { usage: '1', period: '365d' }, ws) },
    ];
    const results = [];
    for (const c of only ? cases.filter((x) => x.name.includes(only)) : cases) {
      const r = await time(c.run, runs);
      const b = c.baseline && !skipBaseline ? await time(c.baseline, Math.max(3, Math.floor(runs / 4))) : null;
      results.push({ query: c.name, p50Ms: r.p50, p95Ms: r.p95, rawBaselineP50Ms: b?.p50 ?? null, rawBaselineP95Ms: b?.p95 ?? null });
      log(`  ${c.name.padEnd(68)} p50 ${String(r.p50).padStart(7)} ms  p95 ${String(r.p95).padStart(7)} ms${b ? `   raw: p50 ${b.p50} ms, p95 ${b.p95} ms` : ''}`);
    }
    return { database: engine, rows: counts.raw, rollupRows: counts.rollup, modelRollupRows: counts.modelRollup, loadSeconds, runs, results };
  } finally {
    await t.destroy();
  }
}
