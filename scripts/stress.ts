/**
 * `npm run test:stress [-- --rows 1000000 --seconds 15 --connections 50 --only load,uploads,slow-uploads,pdf-burst,kill,lock,pg-restart --json]`
 *
 * Load, concurrency and faults against the real production build (`npm run build` first; run here when missing),
 * on demand rather than in every CI run. Each check prints its figures and fails the run when a target is missed:
 *   load     1M usage rows on Postgres; 50 concurrent keep-alive clients on loopback drive the dashboard and
 *            what-if APIs: requests/s, p50/p99 and errors per endpoint. Targets: zero errors, p99 < 500 ms.
 *   uploads  8 concurrent uploads of overlapping exports over HTTP: every bucket counted exactly once.
 *   slow-uploads  10 uploads from one editor key that send a header and stall, on Postgres and PGlite: /api/health
 *            and the usage summary answer while they are open (target: every answer 200, max < 1 s). With
 *            `--server routes` the route handlers are served by node:http in this process instead of `next start`
 *            (no production build needed; the pools, turns and timeouts under test are the app's own code).
 *   faults   SIGKILL of the server mid-upload (PGlite and Postgres): no partial rows, the upload shows failed
 *            after restart and a retry gives the same totals; Postgres restarted under the app: a clear 503,
 *            then recovery without restarting the app; a second process on a held PGlite folder: a clear refusal,
 *            the first keeps serving, nothing lost.
 * Needs a local Postgres (DATABASE_URL or 127.0.0.1:5432) and, for the Postgres restart, `pg_ctlcluster` as root.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rows } from '@/db/client';
import type { DbHandle } from '@/db/client';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { createApiKey, setupFirstOwner } from '@/lib/auth/service';
import { parseArgs } from '@/lib/cli/args';
import { backfillSql, ROLLUPS } from '@/db/rollups';

const args = parseArgs(process.argv.slice(2));
const ROWS = Number(args.flags.rows ?? 1_000_000);
const SECONDS = Number(args.flags.seconds ?? 15);
const CONNECTIONS = Number(args.flags.connections ?? 50);
const CHECKS = ['load', 'uploads', 'slow-uploads', 'pdf-burst', 'kill', 'lock', 'pg-restart'];
const SERVER: 'next' | 'routes' = args.flags.server === 'routes' ? 'routes' : 'next';
const ONLY = typeof args.flags.only === 'string' ? String(args.flags.only).split(',') : CHECKS;
const json = args.flags.json === true;
const root = path.resolve(__dirname, '..');
const log = (m: string) => process.stderr.write(`${m}\n`);
if (!process.env.DATABASE_URL) process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// ---------------------------------------------------------------------------------------------------------------
// The app under test: `next start` itself (not the npm wrapper), so a SIGKILL hits the server.

type App = { proc: ChildProcess; url: string; output: () => string; stop: () => Promise<void> };
/** A port nothing listens on now (the machine runs other services on well-known ports, e.g. MariaDB on 3306). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startApp(env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const bin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  let out = '';
  const proc = spawn(process.execPath, [bin, 'start', '-p', String(port)], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the app exited (${proc.exitCode}):\n${out.slice(-2000)}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await sleep(300);
  }
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode) return;
    proc.kill('SIGTERM');
    for (let i = 0; i < 50 && proc.exitCode === null && !proc.signalCode; i++) await sleep(100);
    if (proc.exitCode === null && !proc.signalCode) proc.kill('SIGKILL');
  };
  return { proc, url, output: () => out, stop };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function owner(db: DbHandle['db']) {
  const setup = await setupFirstOwner(db, { email: 'stress@frontier.test', password: 'stress-password-123', workspaceName: 'Stress', withDemo: false });
  const actor = { userId: setup.user.id, label: 'stress' };
  const key = await createApiKey(db, setup.workspace.id, actor, { name: 'stress', role: 'editor' });
  return { ws: setup.workspace.id, key: key.key };
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic usage, straight into the tables (the ingest path has its own bench): a year, 50 projects, 500 keys,
// 30 models, N rows, with the rollup built from them exactly as ingestion would.

async function loadUsage(t: TestDatabase, ws: string, n: number) {
  const started = performance.now();
  const upload = '00000000-0000-4000-8000-000000000001';
  await t.db.execute(sql`insert into uploads (workspace_id, id, filename, format, sha256, status, rows_read, rows_inserted)
    values (${ws}, ${upload}, 'synthetic.csv', 'openai-dashboard-usage', 'synthetic', 'done', ${n}, ${n})`);
  const models = (await rows<{ id: string }>(t.db, sql`select distinct model_id as id from prices p join price_sheets s on s.id = p.sheet_id where s.effective_from = '2026-07-24' and p.provider_id = 'openai' order by 1 limit 30`)).map((m) => m.id);
  const arr = sql.raw(`array[${models.map((m) => `'${m}'`).join(',')}]::text[]`);
  for (let from = 0; from < n; from += 250_000) {
    const to = Math.min(n, from + 250_000) - 1;
    await t.db.execute(sql`
      insert into usage (workspace_id, row_key, upload_id, occurred_at, day, granularity, provider_id, price_provider, raw_model, model_id, project, api_key, user_ref,
        batch, requests, input_tokens, cached_input_tokens, output_tokens, reported_cost, cost, price_status)
      select ${ws}::uuid, md5('stress' || i)::uuid, ${upload}::uuid, timestamptz '2025-11-01' + (i % 365) * interval '1 day' + (i % 24) * interval '1 hour',
        (date '2025-11-01' + (i % 365)), 'hour', 'openai', 'openai', m, m, 'project-' || (k % 50), 'key-' || k, 'user-' || (i % 97), false,
        1 + i % 20, 500 + (i * 37) % 4000, (i * 7) % 300, 50 + (i * 11) % 700, null,
        round(((500 + (i * 37) % 4000) * 0.5 + (50 + (i * 11) % 700) * 1.5) / 1000000.0, 12), 'priced'
      from generate_series(${from}::int, ${to}::int) i, lateral (select (i / 365) % 500 as k) kk, lateral (select (${arr})[1 + ((kk.k + i % 3 * 7) % ${models.length}::int)] as m) mm`);
  }
  // Every rollup, as ingestion would have left it (daily from usage, monthly from daily).
  for (const q of backfillSql(ROLLUPS.map((r) => r.table), ws)) await t.db.execute(sql.raw(q));
  for (const r of ROLLUPS) await t.db.execute(sql.raw(`analyze ${r.table}`));
  await t.db.execute(sql`analyze usage`);
  await t.db.execute(sql`analyze usage_daily`);
  const [c] = await rows<{ n: number; d: number }>(t.db, sql`select (select count(*) from usage where workspace_id = ${ws})::int as n, (select count(*) from usage_daily where workspace_id = ${ws})::int as d`);
  return { rows: c!.n, rollupRows: c!.d, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

// ---------------------------------------------------------------------------------------------------------------
// A closed-loop load generator: `connections` clients, each sends its next request when the last one answers.

type Endpoint = { name: string; method: 'GET' | 'POST'; path: string; body?: unknown };
type LoadFigures = { endpoint: string; requests: number; rps: number; p50: number; p99: number; max: number; errors: number; statuses: Record<string, number> };

async function drive(url: string, key: string, ep: Endpoint, seconds: number, connections: number): Promise<LoadFigures> {
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const body = ep.body ? JSON.stringify(ep.body) : undefined;
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body) headers['content-type'] = 'application/json';
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < end) {
      const t = performance.now();
      try {
        const r = await fetch(`${url}${ep.path}`, { method: ep.method, headers, body });
        await r.arrayBuffer();
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status >= 400) errors++;
      } catch {
        statuses.network = (statuses.network ?? 0) + 1;
        errors++;
      }
      lat.push(performance.now() - t);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]! * 10) / 10;
  return { endpoint: ep.name, requests: lat.length, rps: Math.round(lat.length / elapsed), p50: q(0.5), p99: q(0.99), max: Math.round(lat.at(-1)! * 10) / 10, errors, statuses };
}

async function loadTest() {
  log(`load: ${ROWS.toLocaleString('en-US')} usage rows on Postgres, ${CONNECTIONS} clients, ${SECONDS} s per endpoint`);
  const t = await createTestDatabase('postgres');
  try {
    await seedReference(t.db);
    const { ws, key } = await owner(t.db);
    const loaded = await loadUsage(t, ws, ROWS);
    log(`  loaded ${loaded.rows.toLocaleString('en-US')} rows (${loaded.rollupRows.toLocaleString('en-US')} rollup rows) in ${loaded.seconds} s`);
    const app = await startApp({ DATABASE_URL: t.url! });
    try {
      const endpoints: Endpoint[] = [
        { name: 'GET /api/v1/usage/summary (a year)', method: 'GET', path: '/api/v1/usage/summary' },
        { name: 'GET /api/v1/usage/explore (30 days by model)', method: 'GET', path: '/api/v1/usage/explore?preset=30d&groupBy=model' },
        { name: 'GET /api/v1/usage/explore (90 days by key)', method: 'GET', path: '/api/v1/usage/explore?preset=90d&groupBy=key' },
        { name: 'GET /api/v1/models/elo-price', method: 'GET', path: '/api/v1/models/elo-price' },
        {
          name: 'POST /api/v1/whatif (3 targets)', method: 'POST', path: '/api/v1/whatif',
          body: { targets: [
            { id: 'a', kind: 'api', model: 'llama-3-70b-instruct', provider: 'openrouter' },
            { id: 'b', kind: 'api', model: 'llama-3.1-8b-instruct', provider: 'deepinfra' },
            { id: 'c', kind: 'self_hosted', model: 'llama-3-70b-instruct' },
          ] },
        },
      ];
      const figures: LoadFigures[] = [];
      for (const ep of endpoints) {
        const warm = await fetch(`${app.url}${ep.path}`, { method: ep.method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: ep.body ? JSON.stringify(ep.body) : undefined });
        if (!warm.ok) throw new Error(`${ep.name}: ${warm.status} ${await warm.text()}`);
        const f = await drive(app.url, key, ep, SECONDS, CONNECTIONS);
        figures.push(f);
        log(`  ${f.endpoint}: ${f.rps} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, ${f.errors} errors (${JSON.stringify(f.statuses)})`);
        check(f.errors === 0, `${f.endpoint}: zero errors`);
        check(f.p99 < 500, `${f.endpoint}: p99 ${f.p99} ms < 500 ms`);
      }
      return { ...loaded, connections: CONNECTIONS, seconds: SECONDS, figures };
    } finally {
      await app.stop();
    }
  } finally {
    await t.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Exports for the upload and fault checks: an OpenAI dashboard usage CSV of daily buckets.

const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
function exportCsv(fromBucket: number, toBucket: number): string {
  const lines = [HEADER];
  for (let i = fromBucket; i < toBucket; i++) {
    const s = Date.UTC(2026, 0, 1) / 1000 + (i % 300) * 86400;
    lines.push(`${s},${s + 86400},,,proj_${Math.floor(i / 300)},${1 + (i % 9)}.0,user-1,key_1,gpt-4o-mini-2024-07-18,FALSE,default,${1000 + i}.0,${100 + (i % 50)}.0,0.0`);
  }
  return `${lines.join('\n')}\n`;
}
const bucketSums = (from: number, to: number) => {
  let input = 0, output = 0, requests = 0;
  for (let i = from; i < to; i++) { input += 1000 + i; output += 100 + (i % 50); requests += 1 + (i % 9); }
  return { rows: to - from, input, output, requests };
};

async function upload(url: string, key: string, name: string, body: string | Buffer | ReadableStream<Uint8Array>) {
  const r = await fetch(`${url}/api/v1/uploads?filename=${encodeURIComponent(name)}`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: body as BodyInit, duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  return { status: r.status, body: await r.json().catch(() => ({})) as Record<string, unknown> };
}

async function concurrentUploads() {
  log('uploads: 8 concurrent overlapping exports over HTTP (Postgres)');
  const t = await createTestDatabase('postgres');
  try {
    await seedReference(t.db);
    const { ws, key } = await owner(t.db);
    const app = await startApp({ DATABASE_URL: t.url! });
    try {
      // File k covers buckets [k·1000, k·1000 + 3000): each bucket is in up to three files.
      const files = Array.from({ length: 8 }, (_, k) => exportCsv(k * 1000, k * 1000 + 3000));
      const started = performance.now();
      const results = await Promise.all(files.map((f, k) => upload(app.url, key, `overlap-${k}.csv`, f)));
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const statuses = results.map((r) => r.status);
      const want = bucketSums(0, 10_000);
      const [got] = await rows<{ n: number; input: number; output: number; requests: number; daily_input: number }>(t.db, sql`select count(*)::int as n, sum(input_tokens)::float8 as input,
        sum(output_tokens)::float8 as output, sum(requests)::float8 as requests,
        (select sum(input_tokens) from usage_daily where workspace_id = ${ws})::float8 as daily_input from usage where workspace_id = ${ws}`);
      log(`  ${statuses.join(', ')} in ${seconds} s; ${got!.n} rows stored for ${want.rows} distinct buckets`);
      check(statuses.every((s) => s === 201), 'all 8 uploads accepted');
      check(got!.n === want.rows && got!.input === want.input && got!.output === want.output && got!.requests === want.requests, 'every bucket counted exactly once (rows, tokens, requests)');
      check(got!.daily_input === want.input, 'the rollup agrees with the rows');
      return { uploads: 8, seconds, bucketsExpected: want.rows, rowsStored: got!.n, inputTokens: got!.input };
    } finally {
      await app.stop();
    }
  } finally {
    await t.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Streams a big export slowly, kills the server with SIGKILL once some of it is in, restarts, retries. */
async function killMidUpload(engine: 'pglite' | 'postgres') {
  log(`faults: SIGKILL mid-upload on ${engine}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-stress-'));
  const t = engine === 'postgres' ? await createTestDatabase('postgres') : null;
  try {
    const env: Record<string, string> = t ? { DATABASE_URL: t.url! } : { DATABASE_URL: '', PGLITE_DIR: dir };
    let key = '';
    {
      const h = t ?? await openDatabase({ dir, purpose: 'stress' });
      if (!t) await migrateDatabase(h);
      await seedReference(h.db);
      ({ key } = await owner(h.db));
      if (!t) await h.close();
    }
    const N = 200_000;
    const csv = Buffer.from(exportCsv(0, N));
    let app = await startApp(env);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= csv.length) return controller.close();
        const chunk = csv.subarray(sent, sent + 64 * 1024);
        sent += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
        await sleep(40);
      },
    });
    const pending = upload(app.url, key, 'big.csv', stream).catch((e: Error) => ({ status: 0, body: { error: e.message } }));
    while (sent < csv.length * 0.4) await sleep(50);
    app.proc.kill('SIGKILL');
    const killedAt = Math.round((sent / csv.length) * 100);
    const answered = await pending;
    log(`  killed at ${killedAt}% of the body; the client saw ${answered.status === 0 ? 'the connection drop' : `HTTP ${answered.status}`}`);
    await sleep(500);
    app = await startApp(env);
    try {
      const list = await (await fetch(`${app.url}/api/v1/uploads`, { headers: { authorization: `Bearer ${key}` } })).json() as { uploads: { filename: string; status: string; error: string | null }[] };
      const big = list.uploads.find((u) => u.filename === 'big.csv');
      const before = await totals(app, key);
      log(`  after restart: upload ${big?.status ?? 'missing'} (${big?.error ?? ''}); ${before.inputTokens} input tokens, ${before.requests} requests stored`);
      check(big?.status === 'failed', `${engine}: the killed upload shows failed after restart`);
      check(before.inputTokens === 0 && before.requests === 0, `${engine}: no partial rows`);
      const retry = await upload(app.url, key, 'big.csv', csv);
      const want = bucketSums(0, N);
      const after = await totals(app, key);
      log(`  retry: HTTP ${retry.status}, ${after.inputTokens} input tokens, ${after.requests} requests (the file has ${want.input} and ${want.requests})`);
      check(retry.status === 201 && after.inputTokens === want.input && after.requests === want.requests && after.outputTokens === want.output, `${engine}: the retry gives the same totals as the file`);
      return { engine, killedAtPercent: killedAt, statusAfterRestart: big?.status, partialInputTokens: before.inputTokens, retryInputTokens: after.inputTokens };
    } finally {
      await app.stop();
    }
  } finally {
    await t?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function totals(app: App, key: string) {
  const r = await (await fetch(`${app.url}/api/v1/usage/summary?from=2025-01-01&to=2027-12-31`, { headers: { authorization: `Bearer ${key}` } })).json() as { totals: { inputTokens: number; outputTokens: number; requests: number } };
  return r.totals;
}

async function pgRestart() {
  log('faults: Postgres restarted under a running app');
  const cluster = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql')[0] : null;
  if (!cluster || spawnSync('which', ['pg_ctlcluster']).status !== 0) {
    log('  skipped: no pg_ctlcluster here');
    return { skipped: true };
  }
  const t = await createTestDatabase('postgres');
  try {
    await seedReference(t.db);
    const { key } = await owner(t.db);
    const app = await startApp({ DATABASE_URL: t.url! });
    try {
      const get = async () => {
        try {
          const r = await fetch(`${app.url}/api/v1/usage/summary`, { headers: { authorization: `Bearer ${key}` } });
          return { status: r.status, body: await r.json().catch(() => ({})) as { error?: { message?: string } } };
        } catch (e) {
          return { status: 0, body: { error: { message: (e as Error).message } } };
        }
      };
      check((await get()).status === 200, 'answers before the restart');
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'stop', '-m', 'fast'], { stdio: 'ignore' });
      const during = await get();
      log(`  while Postgres is down: HTTP ${during.status} "${during.body.error?.message ?? ''}"`);
      check(during.status === 503, 'a clear 503 while the database is down');
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'start'], { stdio: 'ignore' });
      let recovered = -1;
      const started = Date.now();
      for (let i = 0; i < 60; i++) {
        const r = await get();
        if (r.status === 200) { recovered = Date.now() - started; break; }
        await sleep(500);
      }
      log(`  recovered ${recovered >= 0 ? `${recovered} ms after Postgres came back` : 'never'}, without restarting the app`);
      check(recovered >= 0, 'recovers without restarting the app');
      check(app.proc.exitCode === null, 'the app process stayed up');
      return { duringStatus: during.status, recoveredMs: recovered };
    } finally {
      await app.stop();
    }
  } finally {
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'start'], { stdio: 'ignore' });
    await t.destroy().catch(() => undefined);
  }
}

async function secondProcess() {
  log('faults: a second app on a PGlite folder the first one holds');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-stress-'));
  try {
    const h = await openDatabase({ dir, purpose: 'stress' });
    await migrateDatabase(h);
    await seedReference(h.db);
    const { key } = await owner(h.db);
    await h.close();
    const env = { DATABASE_URL: '', PGLITE_DIR: dir };
    const first = await startApp(env);
    try {
      const up = await upload(first.url, key, 'a.csv', exportCsv(0, 500));
      let second: App | null = null;
      let refusal = '';
      try {
        second = await startApp(env);
        await fetch(`${second.url}/api/v1/uploads`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
      } catch (e) {
        refusal = (e as Error).message;
      }
      if (second) {
        const r = await fetch(`${second.url}/api/health`).then((x) => x.json()).catch(() => ({}));
        refusal = JSON.stringify(r);
        await second.stop();
      }
      log(`  second process: ${refusal.split('\n').find((l) => /in use by process/.test(l))?.trim() ?? refusal.slice(0, 300)}`);
      check(/in use by process \d+/.test(refusal), 'the second process refuses with a clear message');
      const list = await (await fetch(`${first.url}/api/v1/uploads`, { headers: { authorization: `Bearer ${key}` } })).json() as { uploads: { status: string; rowsInserted?: number }[] };
      check(up.status === 201 && list.uploads.length === 1 && list.uploads[0]!.status === 'done', 'the first keeps serving its data');
      return { refused: /in use by process \d+/.test(refusal) };
    } finally {
      await first.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const needsBuild = SERVER === 'next' || ONLY.some((c) => c !== 'slow-uploads');
  if (needsBuild && !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('no production build: running next build');
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: root, stdio: 'inherit' });
  }
  const results: Record<string, unknown> = {};
  if (ONLY.includes('load')) results.load = await loadTest();
  if (ONLY.includes('uploads')) results.uploads = await concurrentUploads();
  if (ONLY.includes('slow-uploads')) {
    const { slowUploads } = await import('./stress-slow-uploads');
    const ctx = { startApp, owner, check, log, sleep, server: SERVER };
    results.slowUploadsPostgres = await slowUploads('postgres', ctx);
    results.slowUploadsPglite = await slowUploads('pglite', ctx);
  }
  if (ONLY.includes('pdf-burst')) {
    const { pdfBurst } = await import('./stress-pdf-check');
    results.pdfBurst = await pdfBurst({ startApp, owner, check, log });
  }
  if (ONLY.includes('kill')) {
    results.killMidUploadPostgres = await killMidUpload('postgres');
    results.killMidUploadPglite = await killMidUpload('pglite');
  }
  if (ONLY.includes('lock')) results.secondProcess = await secondProcess();
  // Last: it stops the machine's Postgres for a moment.
  if (ONLY.includes('pg-restart')) results.postgresRestart = await pgRestart();
  if (json) process.stdout.write(`${JSON.stringify({ ok: failures.length === 0, failures, ...results })}\n`);
  log(failures.length ? `\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}` : '\nall stress checks passed');
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  log(`stress failed: ${(e as Error).stack}`);
  process.exit(1);
});
