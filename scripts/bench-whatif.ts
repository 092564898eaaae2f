/**
 * `npm run bench -- whatif [--rows N] [--engine postgres|pglite] [--json]`
 *
 * A year of synthetic usage standing for N usage rows (default 10M) across 50 projects, 500 keys and 30 models,
 * loaded straight into the daily rollup the what-if reads (one rollup row per day × key × model: 547,500 rows for
 * 500 keys using 3 models each). Times, as p50/p95 over repeated calls:
 *   - aggregation: the workload query over the rollup (a year; a month);
 *   - evaluation: the pure engine with 5 targets, after aggregation (target < 50 ms p95);
 *   - end to end: runScenario (aggregation, prices, Elo, evaluation);
 * and, as the baseline in the same process, a bare `sum()` over the same rollup rows.
 */
import { sql } from 'drizzle-orm';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { getWorkloadAggregates } from '@/db/queries/whatif';
import { seedReference } from '@/db/seed';
import type { EngineName } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { evaluateWhatIf } from '@/lib/whatif/engine';
import type { ResolvedTarget } from '@/lib/whatif/engine';
import { parseScenario, runScenario } from '@/lib/whatif/service';
import { deriveFromDailySql, ROLLUPS } from '@/db/rollups';

export type WhatIfBenchResult = {
  database: EngineName;
  usageRowsRepresented: number;
  rollupRows: number;
  loadSeconds: number;
  aggregationYearMs: { p50: number; p95: number };
  aggregationMonthMs: { p50: number; p95: number };
  evaluationMs: { p50: number; p95: number };
  endToEndMs: { p50: number; p95: number };
  baselineSumMs: { p50: number; p95: number };
  ratio: number;
  target: string;
};

const DAYS = 365;
const KEYS = 500;
const MODELS_PER_KEY = 3;

function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { p50: Math.round(q(0.5) * 100) / 100, p95: Math.round(q(0.95) * 100) / 100 };
}

async function timeIt(n: number, fn: () => Promise<unknown> | unknown) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return quantiles(out);
}

export async function benchWhatIf(engine: EngineName, usageRows: number): Promise<WhatIfBenchResult> {
  const t = await createTestDatabase(engine);
  try {
    await seedReference(t.db);
    const ws = (await createWorkspace(t.db, { slug: 'bench', name: 'Bench' })).id;
    const models = (await rows<{ id: string; vendor: string }>(t.db, sql`select id, vendor from models order by (id like 'gpt-3.5%') desc, id limit 30`));
    const ids = models.map((m) => m.id);
    const loadStarted = performance.now();
    const rollupRows = DAYS * KEYS * MODELS_PER_KEY;
    const perRollupRow = Math.max(1, Math.round(usageRows / rollupRows));
    // Key k belongs to project k % 50 and uses models k % 30, (k + 7) % 30, (k + 13) % 30.
    await t.db.execute(sql`
      insert into usage_daily (workspace_id, day, provider_id, raw_model, model_id, project, api_key, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
      select ${ws}::uuid, date '2025-11-01' + d, 'openai', m.id, m.id, 'project-' || (k % 50), 'key-' || k, ${perRollupRow},
        ${perRollupRow} * 3, ${perRollupRow} * (800 + (k * 37 + d) % 400), ${perRollupRow} * ((k + d) % 100), ${perRollupRow} * (150 + (k * 11 + d) % 90),
        round((${perRollupRow} * (800 + (k * 37 + d) % 400) * 0.5 + ${perRollupRow} * (150 + (k * 11 + d) % 90) * 1.5) / 1000000.0, 12), null, 0
      from generate_series(0, ${DAYS - 1}) d
      cross join generate_series(0, ${KEYS - 1}) k
      cross join generate_series(0, ${MODELS_PER_KEY - 1}) j
      join lateral (select (${sql.raw(`array[${ids.map((i) => `'${i.replace(/'/g, "''")}'`).join(',')}]`)})[1 + ((k + j * 7 + (j / 2) * 6) % ${ids.length})] as id) m on true`);
    // The model and key rollups (daily and monthly) follow from the full daily rollup, as ingestion would leave them.
    for (const q of deriveFromDailySql(ws)) await t.db.execute(sql.raw(q));
    for (const r of ROLLUPS) await t.db.execute(sql.raw(`analyze ${r.table}`));
    await t.db.execute(sql`analyze usage_daily`);
    const loadSeconds = Math.round((performance.now() - loadStarted) / 10) / 100;

    const year = { from: '2025-11-01', to: '2026-10-31' };
    const month = { from: '2026-10-01', to: '2026-10-31' };
    const filter = { models: ['gpt-3.5'] };
    const aggregationYearMs = await timeIt(15, () => getWorkloadAggregates(t.db, ws, year.from, year.to, filter));
    const aggregationMonthMs = await timeIt(15, () => getWorkloadAggregates(t.db, ws, month.from, month.to, filter));
    const baselineSumMs = await timeIt(15, () => t.db.execute(sql`select sum(input_tokens), sum(output_tokens), sum(cost) from usage_daily where workspace_id = ${ws} and day between ${year.from}::date and ${year.to}::date`));

    const usage = await getWorkloadAggregates(t.db, ws, year.from, year.to, {});
    const price = (i: string, o: string) => ({ inputPerMtok: i, outputPerMtok: o, cachedInputPerMtok: null, sheetName: 'bench', effectiveFrom: '2026-07-24', origin: 'reference' as const, backdated: false });
    const base = { modelId: 'llama-3-70b-instruct', modelName: 'Llama 3 70B', inputTokenRatio: '1.05', outputTokenRatio: '1.1', quality: { elo: 1207, lower: 1205, upper: 1210 }, qualitySource: 'bench' };
    const targets: ResolvedTarget[] = [
      { ...base, kind: 'api', id: 'a', label: 'Together', providerId: 'together_ai', providerName: 'Together', price: price('0.9', '0.9') },
      { ...base, kind: 'api', id: 'b', label: 'Groq', providerId: 'groq', providerName: 'Groq', price: price('0.59', '0.79') },
      { ...base, kind: 'api', id: 'c', label: '8B', providerId: 'groq', providerName: 'Groq', price: price('0.05', '0.08') },
      { ...base, kind: 'self_hosted', id: 'd', label: 'GPUs', gpu: 'H100', gpuHourlyUsd: '2.99', gpusPerReplica: 2, inputTokensPerSecond: 17280, outputTokensPerSecond: 1728, utilization: 0.6, minReplicas: 1 },
      { ...base, kind: 'fine_tuned', id: 'e', label: 'FT', providerId: 'together_ai', providerName: 'Together', trainingTokens: 20_000_000, epochs: 3, trainingPricePerMtok: '3', price: price('0.2', '0.2'), promptReduction: 0.3 },
    ];
    const elo = Object.fromEntries(ids.map((id, i) => [id, { elo: 1100 + i * 5, lower: 1095 + i * 5, upper: 1105 + i * 5 }]));
    const evaluationMs = await timeIt(200, () => evaluateWhatIf({ period: { ...year, days: 365 }, usage, share: 0.6, growthMonthlyPct: 3, horizonMonths: 24, minWinRate: 0.45, eloByModel: elo, targets }));

    const scenario = parseScenario({
      baseline: year, workloads: filter, growthMonthlyPct: 3, horizonMonths: 24,
      targets: [
        { id: 'a', kind: 'api', model: 'llama-3-70b-instruct', provider: 'openrouter' },
        { id: 'b', kind: 'api', model: 'llama-3-8b-instruct', provider: 'deepinfra' },
        { id: 'c', kind: 'api', model: 'llama-3.1-70b-instruct', provider: 'deepinfra' },
        { id: 'd', kind: 'self_hosted', model: 'llama-3-70b-instruct' },
        { id: 'e', kind: 'fine_tuned', model: 'llama-3-8b-instruct', trainingTokens: 2e7, trainingPricePerMtok: '3', inputPricePerMtok: '0.2', outputPricePerMtok: '0.2' },
      ],
    });
    const endToEndMs = await timeIt(15, () => runScenario(t.db, ws, scenario));
    return {
      database: engine, usageRowsRepresented: perRollupRow * rollupRows, rollupRows, loadSeconds,
      aggregationYearMs, aggregationMonthMs, evaluationMs, endToEndMs, baselineSumMs,
      ratio: Math.round((endToEndMs.p50 / Math.max(0.01, baselineSumMs.p50)) * 100) / 100,
      target: 'evaluation p95 < 50 ms',
    };
  } finally {
    await t.destroy();
  }
}
