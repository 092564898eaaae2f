import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestDatabase } from '@/db/testing';
import { runCli } from './helpers/cli';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');


async function cli(args: string[], env: Record<string, string>, input?: string) {
  const r = await runCli(tsx, ['scripts/frontier.ts', ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 120_000, input });
  const out = r.stdout.trim();
  return { status: r.status, json: out ? JSON.parse(out.split('\n').pop()!) : null, stderr: r.stderr };
}

describe('CLI on a fresh PGlite folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { PGLITE_DIR: dir, DATABASE_URL: '' };

  test('migrate, seed, workspace create; each prints one JSON object', async () => {
    // Every command prepares the database as the app does at start: migrate also loads the reference data.
    expect((await cli(['migrate', '--json'], env))).toMatchObject({ status: 0, json: { ok: true, database: 'pglite', reference: { skipped: false, models: 82 } } });
    expect((await cli(['seed', '--json'], env)).json).toMatchObject({ ok: true, skipped: true, models: 82 });
    expect((await cli(['workspace', 'create', 'acme', '--name', 'Acme Inc', '--json'], env)).json).toMatchObject({ ok: true, workspace: { slug: 'acme', name: 'Acme Inc' } });
  });

  test('user create reads the password from stdin; apikey create prints the key once, and it works', async () => {
    const u = (await cli(['user', 'create', '--email', 'Ops@Example.com', '--password-stdin', '--workspace', 'acme', '--role', 'editor', '--json'], env, 'a long enough password\n'));
    expect(u).toMatchObject({ status: 0, json: { ok: true, user: { email: 'ops@example.com' }, membership: { workspace: 'acme', role: 'editor' } } });
    expect((await cli(['user', 'create', '--email', 'x@example.com', '--password-stdin', '--json'], env, 'short\n')).json).toEqual({ ok: false, error: 'Use at least 10 characters.' });
    const k = (await cli(['apikey', 'create', '--workspace', 'acme', '--role', 'editor', '--name', 'ci', '--json'], env));
    expect(k).toMatchObject({ status: 0, json: { ok: true, role: 'editor', workspace: 'acme', name: 'ci' } });
    expect(k.json.key).toMatch(/^fk_[\w-]{43}$/);
    expect((await cli(['apikey', 'create', '--workspace', 'acme', '--role', 'owner', '--json'], env)).json.error).toBe('--role must be one of viewer, editor');
    // The key authenticates against the same database (checked in-process; the app is not running here).
    const { openDatabase } = await import('@/db/client');
    const { resolveCaller } = await import('@/lib/auth/guard');
    const h = await openDatabase({ dir, purpose: 'test' });
    try {
      const caller = await resolveCaller(h.db, new Headers({ authorization: `Bearer ${k.json.key}` }));
      expect(caller).toMatchObject({ kind: 'key', role: 'editor', name: 'ci' });
    } finally {
      await h.close();
    }
  });

  test('ingest prints one result per file and exits non-zero when one failed; usage summary groups the same numbers', async () => {
    const fx = (f: string) => path.join(root, 'lib/ingest/__fixtures__', f);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    const r = (await cli(['ingest', fx('openai-dashboard-usage-export.tsv'), fx('claude_api_cost_2026_02_08_to_2026_02_15.csv'), bad, '--workspace', 'acme', '--json'], env));
    expect(r.status).toBe(1);
    expect(r.json.files).toHaveLength(3);
    expect(r.json.files[0]).toMatchObject({ format: 'openai-dashboard-usage', status: 'ingested', rowsIngested: 6, rowsSkipped: 1, requests: 53, inputTokens: 339711, cachedInputTokens: 13952, outputTokens: 549459 });
    expect(typeof r.json.files[0].computedCostUsd).toBe('string');
    expect(r.json.files[1]).toMatchObject({ format: 'anthropic-console-cost', status: 'ingested', reportedCostUsd: '19.97' });
    expect(r.json.files[2]).toMatchObject({ status: 'failed', rowsIngested: 0 });
    expect(r.json.files[2].error).toMatch(/no known export has these columns: a, b/);
    const again = (await cli(['ingest', fx('openai-dashboard-usage-export.tsv'), '--workspace', 'acme', '--json'], env));
    expect(again).toMatchObject({ status: 0, json: { files: [{ status: 'duplicate', rowsIngested: 0 }] } });
    const mapped = path.join(dir, 'mapped.csv');
    fs.writeFileSync(mapped, 'When,Engine,Prompt,Completion\n2024-07-01,gpt-3.5-turbo-0125,1000000,1000000\n');
    expect((await cli(['ingest', mapped, '--workspace', 'acme', '--map', 'time=when,model=engine,input=prompt,output=completion,defaultProvider=openai', '--json'], env)).json.files[0])
      .toMatchObject({ status: 'ingested', format: 'generic-csv', computedCostUsd: '2' });
    const sum = (await cli(['usage', 'summary', '--workspace', 'acme', '--from', '2024-07-01', '--to', '2024-07-01', '--group-by', 'model', '--json'], env));
    expect(sum.json).toMatchObject({ ok: true, totals: { inputTokens: 1000000, outputTokens: 1000000, computedCostUsd: '2' }, groups: [{ key: 'gpt-3.5-turbo-0125', computedCostUsd: '2' }] });
  });

  test('whatif runs a scenario file: the same JSON as POST /api/v1/whatif; a bad scenario names the field', async () => {
    const file = path.join(dir, 'scenario.json');
    fs.writeFileSync(file, JSON.stringify({
      baseline: { from: '2024-07-01', to: '2024-07-01' }, workloads: { models: ['gpt-3.5-turbo-0125'] },
      targets: [{ id: 'groq', kind: 'api', model: 'llama3-70b-8192', provider: 'groq' }],
    }));
    const r = (await cli(['whatif', file, '--workspace', 'acme', '--json'], env));
    expect(r.status).toBe(0);
    // 1M input + 1M output on 2024-07-01: $2.00 on GPT-3.5; on Groq at $0.64/$0.80, $1.44.
    expect(r.json.baseline).toMatchObject({ periodCostUsd: '2.00', days: 1 });
    expect(r.json.targets[0]).toMatchObject({ id: 'groq', periodCostUsd: '1.44', price: { inputPerMtok: '0.64', outputPerMtok: '0.8' } });
    expect(r.json.summary).toMatch(/Moving 100% of it to Llama 3 70B Instruct on Groq/);
    fs.writeFileSync(file, JSON.stringify({ share: 50, targets: [{ id: 'a', kind: 'api', model: 'x', provider: 'y' }] }));
    const bad = (await cli(['whatif', file, '--workspace', 'acme', '--json'], env));
    expect(bad.status).toBe(1);
    expect(bad.json.error).toMatch(/^Invalid scenario: share: share is a fraction between 0 and 1/);
  });

  test('quality fit prints ratings with bootstrap CIs; a bad anchor is refused', async () => {
    const file = path.join(dir, 'judgments.csv');
    fs.writeFileSync(file, ['model_a,model_b,winner', ...Array.from({ length: 30 }, () => 'llama-3-70b-instruct,gpt-3.5-turbo-0125,model_a'), ...Array.from({ length: 10 }, () => 'llama-3-70b-instruct,gpt-3.5-turbo-0125,model_b')].join('\n'));
    const r = (await cli(['quality', 'fit', file, '--anchor', 'gpt-3.5-turbo-0125=1104', '--rounds', '200', '--json'], env));
    expect(r.status).toBe(0);
    const llama = r.json.ratings.find((x: { model: string }) => x.model === 'llama-3-70b-instruct');
    expect(llama.elo).toBeCloseTo(1294.85, 1);
    expect(llama.ciLower).toBeLessThan(llama.elo);
    expect(llama.ciUpper).toBeGreaterThan(llama.elo);
    expect(llama.battles).toBe(40);
    expect((await cli(['quality', 'fit', file, '--anchor', 'nonsense', '--json'], env)).json.error).toMatch(/--anchor is model=elo/);
  });

  test('failures exit non-zero with a one-line reason', async () => {
    const dup = (await cli(['workspace', 'create', 'acme', '--json'], env));
    expect(dup.status).toBe(1);
    expect(dup.json).toEqual({ ok: false, error: 'workspace "acme" already exists' });
    const bad = (await cli(['workspace', 'create', 'Not A Slug', '--json'], env));
    expect(bad.status).toBe(1);
    expect(bad.json.error).toMatch(/slug must be/);
    expect((await cli(['frobnicate'], env))).toMatchObject({ status: 1, stderr: 'error: unknown command "frobnicate". Run `npm run frontier -- --help`.\n' });
  });

  test('refuses a data folder another live process holds, and names it', async () => {
    // A second process takes the lock the way the app does, and holds it until killed.
    const holder = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/helpers/hold-db.ts', dir], { cwd: root, env: { ...process.env, DATABASE_URL: '' } });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d) => String(d).includes('held') && resolve());
      holder.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
    });
    try {
      const r = (await cli(['seed', '--json'], env));
      expect(r.status).toBe(1);
      expect(r.json.error).toContain(`is in use by process ${holder.pid} (app`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.on('exit', r));
    }
    // The holder died without releasing: its lock is stale and the next process takes it over.
    expect((await cli(['seed', '--json'], env))).toMatchObject({ status: 0, json: { ok: true } });
  });
});

describe.runIf(!!process.env.DATABASE_URL)('CLI on a fresh Postgres database', () => {
  test('migrate loads the reference data too, then seed adds nothing', async () => {
    const t = await createTestDatabase('postgres', { migrate: false });
    try {
      const env = { DATABASE_URL: t.url! };
      expect((await cli(['migrate', '--json'], env))).toMatchObject({ status: 0, json: { ok: true, database: 'postgres', reference: { skipped: false, models: 82 } } });
      expect((await cli(['seed', '--json'], env)).json).toMatchObject({ ok: true, skipped: true });
    } finally {
      await t.destroy();
    }
  });
});
