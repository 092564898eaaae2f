import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { openDatabase, rows } from '@/db/client';
import { prepareDatabase } from '@/db/prepare';
import { referenceVersion } from '@/db/seed';
import type { EngineName } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { runCli } from './helpers/cli';

/**
 * Issue "Every dollar right", item 8: the CLI's first command on a fresh database leaves it as the app's first start
 * would (migrations and reference data), so `workspace create` then `ingest` costs the usage instead of calling every
 * model unmapped.
 */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

async function cli(args: string[], env: Record<string, string>) {
  const r = await runCli(tsx, ['scripts/frontier.ts', ...args, '--json'], { cwd: root, env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, json: JSON.parse(r.stdout.trim().split('\n').pop() || 'null'), stderr: r.stderr };
}

/** Row counts of the reference data and the migrations: what "ready" means. */
async function readiness(h: DbHandle) {
  const count = async (table: string, where = 'true') => Number((await rows<{ n: number }>(h.db, sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0]!.n);
  const [meta] = await rows<{ value: string }>(h.db, sql`select value from app_meta where key = 'reference_version'`);
  return {
    migrations: await count('drizzle.__drizzle_migrations'), referenceVersion: meta?.value ?? null,
    models: await count('models'), aliases: await count('model_aliases'), providers: await count('providers'),
    priceSheets: await count('price_sheets', 'workspace_id is null'), prices: await count('prices'),
    snapshots: await count('quality_snapshots', 'workspace_id is null'), scores: await count('quality_scores'),
    gpuPrices: await count('gpu_prices'), gpuThroughput: await count('gpu_throughput'),
  };
}

/** A fresh database for the CLI on each engine: its env for the subprocess and a way to look inside afterwards. */
async function freshDatabase(engine: EngineName): Promise<{ env: Record<string, string>; inspect: <T>(fn: (h: DbHandle) => Promise<T>) => Promise<T>; destroy: () => Promise<void> }> {
  if (engine === 'postgres') {
    const t = await createTestDatabase('postgres', { migrate: false });
    return { env: { DATABASE_URL: t.url! }, inspect: async <T>(fn: (h: DbHandle) => Promise<T>) => fn(t), destroy: t.destroy };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-cli-fresh-'));
  return {
    env: { DATABASE_URL: '', PGLITE_DIR: dir },
    // The CLI holds the folder's lock while it runs; open it only between commands.
    inspect: async <T>(fn: (h: DbHandle) => Promise<T>) => {
      const h = await openDatabase({ dir, purpose: 'test' });
      try { return await fn(h); } finally { await h.close(); }
    },
    destroy: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe.each(testEngines())('a fresh database touched first by the CLI (%s)', (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const c of cleanup) await c(); });

  test('workspace create leaves it as the app would; ingest then costs the usage', async () => {
    const db = await freshDatabase(engine);
    cleanup.push(db.destroy);
    // What the app's first start leaves, on a second fresh database of the same engine.
    const app = await createTestDatabase(engine, { migrate: false });
    cleanup.push(app.destroy);
    await prepareDatabase(app);
    const expected = await readiness(app);
    expect(expected.referenceVersion).toBe(referenceVersion());
    expect(expected.models).toBeGreaterThanOrEqual(82);
    expect(expected.prices).toBeGreaterThan(100);

    expect(await cli(['workspace', 'create', 'acme'], db.env)).toMatchObject({ status: 0, json: { ok: true, workspace: { slug: 'acme' } } });
    expect(await db.inspect(readiness)).toEqual(expected);

    // 1M input + 1M output tokens of GPT-3.5 Turbo on 2024-07-01 at $0.50/$1.50 per 1M: $2.
    const file = path.join(os.tmpdir(), `frontier-fresh-${engine}-${process.pid}.csv`);
    fs.writeFileSync(file, 'When,Engine,Prompt,Completion\n2024-07-01,gpt-3.5-turbo-0125,1000000,1000000\n');
    cleanup.push(async () => fs.rmSync(file, { force: true }));
    const r = await cli(['ingest', file, '--workspace', 'acme', '--map', 'time=when,model=engine,input=prompt,output=completion,defaultProvider=openai'], db.env);
    expect(r.status).toBe(0);
    expect(r.json.files[0]).toMatchObject({ status: 'ingested', rowsIngested: 1, computedCostUsd: '2', unmappedModels: [] });
  }, 300_000);

  test('any first command prepares it: seed reports what it loaded, migrate too', async () => {
    const a = await freshDatabase(engine);
    cleanup.push(a.destroy);
    expect(await cli(['migrate'], a.env)).toMatchObject({ status: 0, json: { ok: true, reference: { skipped: false, version: referenceVersion(), models: 82 } } });
    expect(await cli(['seed'], a.env)).toMatchObject({ status: 0, json: { ok: true, skipped: true, version: referenceVersion() } });
    expect(await cli(['seed', '--force'], a.env)).toMatchObject({ status: 0, json: { ok: true, skipped: false, models: 82 } });
    expect((await a.inspect(readiness)).models).toBeGreaterThanOrEqual(82);
  }, 300_000);
});
