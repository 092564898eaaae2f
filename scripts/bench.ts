/**
 * `npm run bench -- ingest --rows N [--engine postgres|pglite|both] [--json]`
 *
 * Generates N rows of a realistic OpenAI dashboard usage export (streamed to a temp file), ingests it through
 * the real path, and in the same run COPYs the same normalized rows into an unindexed table as the baseline.
 * Prints rows/s, the ratio to the baseline and peak RSS. Speed is measured here, never in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { EngineName, TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { withIngestSession } from '@/db/ingest-session';
import { parseArgs } from '@/lib/cli/args';
import { benchDashboard } from './bench-dashboard';
import { benchElo } from './bench-elo';
import { benchWhatIf } from './bench-whatif';
import { benchTokens } from './bench-tokens';
import { createResolver } from '@/lib/catalog/resolve';
import type { ParseMeta } from '@/lib/ingest/parse';
import { parseUsage } from '@/lib/ingest/parse';
import { ingestUpload } from '@/lib/ingest/pipeline';
import { decodeSource } from '@/lib/ingest/source';
import { createPricer } from '@/lib/ingest/costing';
import { createStager } from '@/lib/ingest/stage-row';

const args = parseArgs(process.argv.slice(2));
const [cmd] = args.positionals;
const rowsWanted = Number(args.flags.rows ?? 100_000);
const json = args.flags.json === true;
const log = (m: string) => process.stderr.write(`${m}\n`);

const MODELS = ['gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-4.1-2025-04-14', 'gpt-5-mini-2025-08-07'];
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens,input_uncached_tokens';

/** Writes the export and the baseline's normalized rows side by side, streaming (memory stays flat). */
async function generate(n: number, dir: string) {
  const exportFile = path.join(dir, 'completions_usage.csv');
  const baseFile = path.join(dir, 'normalized.csv');
  const a = fs.createWriteStream(exportFile);
  const b = fs.createWriteStream(baseFile);
  a.write(`${HEADER}\n`);
  const start = Date.UTC(2026, 7, 1) / 1000; // minute buckets from 2026-08-01
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const t = start + Math.floor(i / 50) * 60;
    const model = MODELS[i % MODELS.length]!;
    const project = `proj_${(i % 7).toString(36)}`;
    const key = `key_${(Math.floor(i / 5) % 10).toString(36)}`;
    const input = 100 + Math.floor(rnd() * 5000);
    const cached = Math.floor(input * rnd() * 0.3);
    const output = 10 + Math.floor(rnd() * 800);
    const req = 1 + Math.floor(rnd() * 20);
    const iso = new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
    const isoEnd = new Date((t + 60) * 1000).toISOString().replace('.000Z', '+00:00');
    const line = `${t},${t + 60},${iso},${isoEnd},${project},${req}.0,user-${i % 13},${key},${model},FALSE,default,${input}.0,${output}.0,${cached}.0,${input - cached}.0\n`;
    if (!a.write(line)) await once(a, 'drain');
    const norm = `b${i},${new Date(t * 1000).toISOString()},${iso.slice(0, 10)},minute,openai,${model},${model},${project},${key},user-${i % 13},f,${req},${input},${cached},${output}\n`;
    if (!b.write(norm)) await once(b, 'drain');
  }
  a.end();
  b.end();
  await Promise.all([once(a, 'finish'), once(b, 'finish')]);
  return { exportFile, baseFile, bytes: fs.statSync(exportFile).size };
}

const BASE_COLUMNS = ['row_key', 'occurred_at', 'day', 'granularity', 'provider_id', 'raw_model', 'model_id', 'project', 'api_key', 'user_ref', 'batch', 'requests', 'input_tokens', 'cached_input_tokens', 'output_tokens'];

/** COPY a CSV file into `table` (Postgres: streamed over the wire, as an upload is; PGlite: as one blob). Seconds. */
async function timedCopy(t: TestDatabase, table: string, columns: string[], file: string): Promise<number> {
  const started = performance.now();
  if (t.raw.kind === 'postgres') {
    const { from } = await import('pg-copy-streams');
    const client = await t.raw.pool.connect();
    try {
      const stream = client.query(from(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`));
      const done = new Promise((res, rej) => { stream.on('finish', res); stream.on('error', rej); });
      fs.createReadStream(file).pipe(stream);
      await done;
    } finally {
      client.release();
    }
  } else {
    // PGlite takes COPY input as one blob.
    const text = fs.readFileSync(file, 'utf8');
    const t0 = performance.now();
    await withIngestSession(t.raw, (s) => s.copyCsv(table, columns, text));
    return (performance.now() - t0) / 1000;
  }
  return (performance.now() - started) / 1000;
}

/**
 * The baseline: the normalized rows the ingest wrote, every column of them (workspace, upload, row key, bucket, model,
 * dimensions, tokens, both costs, price status), read back out of `usage` as CSV, then COPYed into an unindexed table of
 * the same columns. The "narrow" baseline is the earlier one: 15 of those columns, generated beside the export.
 */
async function baselineRows(t: TestDatabase, workspaceId: string, dir: string): Promise<{ file: string; columns: string[] }> {
  const file = path.join(dir, 'usage-rows.csv');
  const columns = (await withIngestSession(t.raw, (s) => s.query<{ c: string }>(`select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = 'usage' order by ordinal_position`))).map((r) => r.c);
  const select = `COPY (select ${columns.join(', ')} from usage where workspace_id = '${workspaceId}') TO STDOUT WITH (FORMAT csv)`;
  if (t.raw.kind === 'postgres') {
    const { to } = await import('pg-copy-streams');
    const { pipeline } = await import('node:stream/promises');
    const client = await t.raw.pool.connect();
    try {
      await pipeline(client.query(to(select)), fs.createWriteStream(file));
    } finally {
      client.release();
    }
  } else {
    const r = await t.raw.client.query(select.replace('TO STDOUT', "TO '/dev/blob'"));
    fs.writeFileSync(file, Buffer.from(await r.blob!.arrayBuffer()));
  }
  await withIngestSession(t.raw, (s) => s.query('create table bench_baseline_rows (like usage)'));
  return { file, columns };
}

async function narrowBaselineCopy(t: TestDatabase, file: string): Promise<number> {
  await t.db.execute(`create table if not exists bench_baseline (row_key text, occurred_at timestamptz, day date, granularity text, provider_id text,
    raw_model text, model_id text, project text, api_key text, user_ref text, batch boolean, requests bigint, input_tokens bigint,
    cached_input_tokens bigint, output_tokens bigint)` as never);
  return timedCopy(t, 'bench_baseline', BASE_COLUMNS, file);
}

async function benchIngest(engine: EngineName, n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-bench-'));
  try {
    log(`[${engine}] generating ${n.toLocaleString('en-US')} rows…`);
    const files = await generate(n, dir);
    const t = await createTestDatabase(engine);
    try {
      await seedReference(t.db);
      const ws = await createWorkspace(t.db, { slug: 'bench', name: 'bench' });
      if (typeof global.gc === 'function') global.gc();
      const rssStart = process.memoryUsage().rss;
      let peak = rssStart;
      let peakAt: NodeJS.MemoryUsage | null = null;
      const sampler = setInterval(() => { const m = process.memoryUsage(); if (m.rss > peak) { peak = m.rss; peakAt = m; } }, 50);
      log(`[${engine}] ingesting ${(files.bytes / 1024 / 1024).toFixed(1)} MB…`);
      // Open the pool's connections first, so the CPU of every backend the ingest uses is counted from here.
      const raw = t.raw;
      if (raw.kind === 'postgres') await Promise.all([1, 2, 3].map(() => raw.pool.query('select 1')));
      const db0 = await backendCpuSeconds(t);
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      const s = await ingestUpload(t, { workspaceId: ws.id, filename: 'completions_usage.csv', chunks: fs.createReadStream(files.exportFile, { highWaterMark: 256 * 1024 }) });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const db1 = await backendCpuSeconds(t);
      clearInterval(sampler);
      if (process.env.BENCH_MEM) log(`rss at start ${Math.round(rssStart / 1048576)} MB; at peak ${JSON.stringify(Object.fromEntries((Object.entries(peakAt ?? {}) as [string, number][]).map(([k, v]) => [k, Math.round(v / 1048576)])))}`);
      if (s.status !== 'ingested' || s.rowsIngested !== n) throw new Error(`ingest did not complete: ${s.status} ${s.rowsIngested}/${n} ${s.error ?? ''}`);
      log(`[${engine}] baseline COPY of the same normalized rows…`);
      const rowsFile = await baselineRows(t, ws.id, dir);
      const db1b = await backendCpuSeconds(t);
      const baselineSeconds = await timedCopy(t, 'bench_baseline_rows', rowsFile.columns, rowsFile.file);
      const db2 = await backendCpuSeconds(t);
      const narrowBaselineSeconds = await narrowBaselineCopy(t, files.baseFile);
      const dbCpu = db0 !== null && db1 !== null ? db1 - db0 : null;
      const baseCpu = db1b !== null && db2 !== null ? db2 - db1b : null;
      return {
        rows: n, seconds: round(seconds), baselineSeconds: round(baselineSeconds), ratio: round(seconds / baselineSeconds),
        rowsPerSecond: Math.round(n / seconds),
        narrowBaselineSeconds: round(narrowBaselineSeconds), narrowRatio: round(seconds / narrowBaselineSeconds), peakRssMb: Math.round(peak / 1024 / 1024), rssGrowthMb: Math.round((peak - rssStart) / 1024 / 1024), database: engine,
        // This process's CPU time (JS, and all of PGlite): on a shared machine, what wall time cannot show.
        nodeCpuSeconds: round((cpu.user + cpu.system) / 1e6),
        // Postgres backend CPU of the ingest and of the baseline COPY, and their ratio (Postgres only).
        dbCpuSeconds: dbCpu === null ? null : round(dbCpu), baselineDbCpuSeconds: baseCpu === null ? null : round(baseCpu),
        dbCpuRatio: dbCpu !== null && baseCpu ? round(dbCpu / baseCpu) : null,
      };
    } finally {
      await t.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The JavaScript half alone (read, decode, parse, cost, COPY lines and rollup delta), no database: µs per row. */
async function benchParse(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-bench-'));
  try {
    const files = await generate(n, dir);
    const meta: Partial<ParseMeta> = {};
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const events = parseUsage(decodeSource(fs.createReadStream(files.exportFile, { highWaterMark: 256 * 1024 }), { maxBytes: 2 ** 40, info: {} }), { meta });
    // The bench's models mapped and priced (one complete reference sheet), as in a seeded workspace: rows are costed.
    const pricer = createPricer({
      workspaceId: 'bench', discounts: [],
      candidates: MODELS.map((m, i) => ({
        sheetId: 'sheet', workspaceId: null, source: 'litellm' as const, complete: true, effectiveFrom: '2024-06-17', modelId: m, providerId: 'openai',
        inputPerMtok: `${i + 1}.25`, outputPerMtok: `${5 * i + 10}`, cachedInputPerMtok: `${i + 1}.125`, batchInputPerMtok: null, batchOutputPerMtok: null,
      })),
    });
    const stage = createStager({
      family: 'openai-usage', workspaceId: '00000000-0000-4000-8000-000000000000', uploadId: '00000000-0000-4000-8000-000000000001',
      resolve: createResolver(MODELS.map((m) => ({ pattern: m, modelId: m, rank: 1 }))), vendorOf: new Map(MODELS.map((m) => [m, 'openai'])),
      known: new Set(['openai']), pricer,
    });
    let rows = 0;
    let chars = 0;
    for await (const batch of events) {
      for (const ev of batch) {
        if (ev.outcome.kind !== 'records') continue;
        for (const r of ev.outcome.records) { stage(r); rows++; }
      }
      if (stage.rows() >= 25_000) chars += stage.take().usageBytes;
    }
    chars += stage.take().usageBytes;
    const seconds = (performance.now() - started) / 1000;
    // CPU time too: on a shared machine wall time says more about the neighbours than about the code.
    const cpu = process.cpuUsage(cpu0);
    return { rows, seconds: round(seconds), microsPerRow: round((seconds * 1e6) / rows), cpuMicrosPerRow: round((cpu.user + cpu.system) / rows), stagedMb: round(chars / 1024 / 1024) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU seconds used so far by the Postgres backends serving this database (Linux /proc; null elsewhere or on PGlite).
 * The machine is shared: wall time says as much about the neighbours as about the code, CPU time does not.
 */
async function backendCpuSeconds(t: TestDatabase): Promise<number | null> {
  if (t.raw.kind !== 'postgres') return null;
  const pids = (await t.raw.pool.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows.map((r) => r.pid);
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      return null;
    }
  }
  return ticks / 100;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  if (cmd === 'elo') {
    const r = await benchElo({ judgments: Number(args.flags.judgments ?? 100_000), rounds: Number(args.flags.rounds ?? 100), models: Number(args.flags.models ?? 20) });
    if (json) process.stdout.write(`${JSON.stringify({ ...r, target: '< 3 s' })}\n`);
    else log(`elo: ${r.judgments.toLocaleString('en-US')} judgments, ${r.models} models, ${r.rounds} bootstrap rounds in ${r.seconds.toFixed(3)} s (target < 3 s)`);
    process.exit(0);
  }
  if (cmd === 'whatif') {
    const engine = (typeof args.flags.engine === 'string' ? args.flags.engine : process.env.DATABASE_URL ? 'postgres' : 'pglite') as EngineName;
    if (engine === 'postgres' && !process.env.DATABASE_URL) process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    const r = await benchWhatIf(engine, Number(args.flags.rows ?? 10_000_000));
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else log(`whatif on ${r.database}: ${r.usageRowsRepresented.toLocaleString('en-US')} usage rows (${r.rollupRows.toLocaleString('en-US')} rollup rows, loaded in ${r.loadSeconds} s); `
      + `aggregation p50/p95 ${r.aggregationYearMs.p50}/${r.aggregationYearMs.p95} ms (year), ${r.aggregationMonthMs.p50}/${r.aggregationMonthMs.p95} ms (month); `
      + `evaluation, 5 targets, p50/p95 ${r.evaluationMs.p50}/${r.evaluationMs.p95} ms (${r.target}); end to end p50/p95 ${r.endToEndMs.p50}/${r.endToEndMs.p95} ms; `
      + `baseline bare sum() p50 ${r.baselineSumMs.p50} ms; ratio ${r.ratio}`);
    process.exit(0);
  }
  if (cmd === 'tokens') {
    const r = await benchTokens({ samples: Number(args.flags.samples ?? 10_000), fileMb: Number(args.flags['file-mb'] ?? 0) });
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      for (const t of r.perTokenizer as { id: string; samplesPerSecond: number; tokensPerSecond: number; seconds: number }[]) log(`tokens: ${t.id}: ${t.samplesPerSecond.toLocaleString('en-US')} samples/s (${t.tokensPerSecond.toLocaleString('en-US')} tokens/s, ${t.seconds} s)`);
      const p = r.pipeline as { samplesPerSecond: number; seconds: number };
      log(`tokens: whole comparison (read, 3 tokenizers, bootstrap): ${p.samplesPerSecond.toLocaleString('en-US')} samples/s (${p.seconds} s); vocabularies loaded in ${r.loadSeconds} s; peak RSS ${r.peakRssMb} MB`);
      if (r.file) log(`tokens: file ${JSON.stringify(r.file)}`);
    }
    process.exit(0);
  }
  if (cmd === 'dashboard') {
    const engine = (typeof args.flags.engine === 'string' ? args.flags.engine : 'postgres') as EngineName;
    if (engine === 'postgres' && !process.env.DATABASE_URL) process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    const r = await benchDashboard(engine, rowsWanted, Number(args.flags.runs ?? 20), log, typeof args.flags.only === 'string' ? args.flags.only : undefined, args.flags['skip-baseline'] === true);
    const worst = Math.max(...r.results.map((x) => x.p95Ms));
    if (json) process.stdout.write(`${JSON.stringify({ ...r, worstP95Ms: worst, target: 'p95 < 100 ms' })}\n`);
    else log(`${r.database}: ${r.rows.toLocaleString('en-US')} rows; worst p95 ${worst} ms (target < 100 ms)`);
    process.exit(0);
  }
  if (cmd === 'parse') {
    const r = await benchParse(rowsWanted);
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else log(`parse: ${r.rows.toLocaleString('en-US')} rows in ${r.seconds} s, ${r.microsPerRow} µs/row wall, ${r.cpuMicrosPerRow} µs/row CPU (no database)`);
    process.exit(0);
  }
  if (cmd !== 'ingest') {
    log('usage: npm run bench -- ingest --rows N [--engine postgres|pglite|both] [--json]\n       npm run bench -- elo [--judgments N] [--rounds R] [--models M] [--json]\n       npm run bench -- dashboard --rows N [--engine postgres|pglite] [--runs R] [--json]\n       npm run bench -- tokens [--samples N] [--file-mb M] [--json]\n       npm run bench -- whatif [--rows N] [--engine postgres|pglite] [--json]\n       npm run bench -- parse --rows N [--json]');
    process.exit(2);
  }
  const engineFlag = typeof args.flags.engine === 'string' ? args.flags.engine : process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const engines: EngineName[] = engineFlag === 'both' ? ['postgres', 'pglite'] : [engineFlag as EngineName];
  if (engines.includes('postgres') && !process.env.DATABASE_URL) process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  const results = [];
  for (const e of engines) results.push(await benchIngest(e, rowsWanted));
  for (const r of results) {
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else log(`${r.database}: ${r.rows.toLocaleString('en-US')} rows in ${r.seconds} s (${r.rowsPerSecond.toLocaleString('en-US')}/s); baseline COPY ${r.baselineSeconds} s; ratio ${r.ratio}; peak RSS ${r.peakRssMb} MB; node CPU ${r.nodeCpuSeconds} s${r.dbCpuSeconds === null ? '' : `; Postgres CPU ${r.dbCpuSeconds} s vs ${r.baselineDbCpuSeconds} s for the COPY (${r.dbCpuRatio})`}`);
  }
  process.exit(0);
}

main().catch((e) => {
  log(`bench failed: ${(e as Error).stack}`);
  process.exit(1);
});
