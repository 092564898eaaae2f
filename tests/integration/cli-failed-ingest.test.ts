import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbHandle } from '@/db/client';
import { openDatabase } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import type { Fault } from './helpers/failing-files';
import { cleanFile, dashboardTotals, EXPECTED_ERROR, faultyFile, FAULTS, GOOD_ROWS, GOOD_TOTAL_USD, limitFor, rowCounts, zeroCounts } from './helpers/failing-files';
import { runCli } from './helpers/cli';
import { FIXTURES } from './helpers/ingest';
import { slowProxy } from './helpers/slow-proxy';

/**
 * `frontier ingest` of a file that fails part-way (see helpers/failing-files.ts), on both engines: it fails with its
 * reason and leaves no row; then the same failing file and the complete one in one run (the second file is ingested on
 * the connection the first one used): no crash, the complete file counts in full. The CLI reaches Postgres through a
 * proxy that delays each reply 100 ms, as a database across a network would: the fault is then read while the first
 * batch's statements are still unanswered, every time (on loopback the reply often came first, and hid the fault).
 */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

describe.each(testEngines())('CLI ingest of a file that fails part-way on %s', (engine) => {
  let t: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-cli-fail-'));
  const ws: Partial<Record<Fault, string>> = {};
  let cutWs = '';
  let env: Record<string, string> = {};
  let proxy: Awaited<ReturnType<typeof slowProxy>> | undefined;
  /** PGlite allows one process: the test opens the folder only between CLI runs. */
  const inspect = async <T>(fn: (h: DbHandle) => Promise<T>): Promise<T> => {
    if (engine === 'postgres') return fn(t);
    const h = await openDatabase({ dir: t.dir!, purpose: 'test' });
    try { return await fn(h); } finally { await h.close(); }
  };
  const ingest = async (files: string[], slug: string) => {
    const r = await runCli(tsx, ['scripts/frontier.ts', 'ingest', ...files, '--workspace', slug, '--json'], { cwd: root, env: { ...process.env, ...env }, timeout: 150_000 });
    const out = r.stdout.trim();
    return { status: r.status, stderr: r.stderr, json: out ? JSON.parse(out.split('\n').pop()!) : null };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    for (const f of FAULTS) ws[f] = (await createWorkspace(t.db, { slug: `ws-${f}`, name: f })).id;
    cutWs = (await createWorkspace(t.db, { slug: 'ws-cut', name: 'cut' })).id;
    const full = fs.readFileSync(path.join(FIXTURES, 'openai-dashboard-usage-export.tsv'), 'utf8');
    fs.writeFileSync(path.join(dir, 'complete.tsv'), full);
    fs.writeFileSync(path.join(dir, 'cut.tsv'), full.slice(0, full.indexOf('\t22688') + 5));
    fs.writeFileSync(path.join(dir, 'clean.csv'), cleanFile());
    for (const f of FAULTS) fs.writeFileSync(path.join(dir, `${f}.csv`), faultyFile(f));
    let url = '';
    if (engine === 'postgres') {
      const u = new URL(t.url!);
      proxy = await slowProxy({ host: u.hostname, port: Number(u.port || 5432) }, 100);
      u.port = String(proxy.port);
      url = u.toString();
    }
    env = { FRONTIER_MAX_UPLOAD_BYTES: String(limitFor()), ...(engine === 'postgres' ? { DATABASE_URL: url } : { DATABASE_URL: '', PGLITE_DIR: t.dir! }) };
    if (engine === 'pglite') await t.close();
  });
  afterAll(async () => {
    await proxy?.close();
    if (engine === 'postgres') await t?.destroy();
    else fs.rmSync(t.dir!, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(FAULTS)('%s: failed and nothing written; then failing file and complete file in one run: no crash, full totals', async (fault: Fault) => {
    const bad = path.join(dir, `${fault}.csv`);
    const first = await ingest([bad], `ws-${fault}`);
    expect(first.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    expect(first.status).toBe(1);
    expect(first.json.files[0]).toMatchObject({ status: 'failed', rowsIngested: 0 });
    expect(first.json.files[0].error).toMatch(EXPECTED_ERROR[fault]);
    expect(await inspect((h) => rowCounts(h.db, ws[fault]!))).toEqual(zeroCounts());

    const both = await ingest([bad, path.join(dir, 'clean.csv')], `ws-${fault}`);
    expect(both.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    expect(both.status).toBe(1);
    expect(both.json.files.map((f: { status: string }) => f.status)).toEqual(['failed', 'ingested']);
    expect(both.json.files[1]).toMatchObject({ rowsIngested: GOOD_ROWS, duplicateRows: 0, computedCostUsd: GOOD_TOTAL_USD });
    const after = await inspect(async (h) => ({ counts: await rowCounts(h.db, ws[fault]!), totals: await dashboardTotals(h.db, ws[fault]!) }));
    expect(after.counts.usage).toBe(GOOD_ROWS);
    expect(after.totals).toEqual({ rows: GOOD_ROWS, input: GOOD_ROWS * 1000, cost: GOOD_TOTAL_USD });
  }, 300_000);

  test('a file cut off mid-row fails as cut off and writes nothing; the complete file next counts in full', async () => {
    const cut = await ingest([path.join(dir, 'cut.tsv')], 'ws-cut');
    expect(cut.status).toBe(1);
    expect(cut.json.files[0]).toMatchObject({ status: 'failed', rowsIngested: 0 });
    expect(cut.json.files[0].error).toMatch(/^the file looks cut off: its last line \(line 8\) has 12 of the header's 24 fields/);
    expect(await inspect((h) => rowCounts(h.db, cutWs))).toEqual(zeroCounts());
    const complete = await ingest([path.join(dir, 'complete.tsv')], 'ws-cut');
    expect(complete.status).toBe(0);
    // The fixture at list prices: see hardening/cut-off-file.test.ts.
    expect(complete.json.files[0]).toMatchObject({ status: 'ingested', rowsIngested: 6, duplicateRows: 0, inputTokens: 339_711, computedCostUsd: '2.04584475' });
    expect(await inspect((h) => dashboardTotals(h.db, cutWs))).toEqual({ rows: 6, input: 339_711, cost: '2.04584475' });
  }, 300_000);
});
