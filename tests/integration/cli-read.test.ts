import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbHandle } from '@/db/client';
import { openDatabase } from '@/db/client';
import { getWorkspaceBySlug } from '@/db/queries/accounts';
import type { EngineName } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { setOverride } from '@/lib/pricing/service';
import { createReport } from '@/lib/reports/service';
import { parseScenario, saveScenario } from '@/lib/whatif/service';
import { runCli } from './helpers/cli';

/**
 * Issue "Every dollar right", item 10: the CLI reads what the UI shows, from the same queries as the API:
 * models list, prices list, quality snapshots / show, uploads list, scenarios list, reports list; each --json.
 */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const MAP = 'time=when,model=engine,input=prompt,output=completion,defaultProvider=openai';

describe.each(testEngines())('CLI read commands (%s)', (engine: EngineName) => {
  let env: Record<string, string> = {};
  let inspect: <T>(fn: (h: DbHandle) => Promise<T>) => Promise<T>;
  let destroy = async () => {};
  const cli = async (args: string[]) => {
    const r = await runCli(tsx, ['scripts/frontier.ts', ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, json: args.includes('--json') ? JSON.parse(r.stdout.trim().split('\n').pop() || 'null') : null };
  };

  beforeAll(async () => {
    if (engine === 'postgres') {
      const t = await createTestDatabase('postgres', { migrate: false });
      env = { DATABASE_URL: t.url! };
      inspect = async (fn) => fn(t);
      destroy = t.destroy;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-cli-read-'));
      env = { DATABASE_URL: '', PGLITE_DIR: dir };
      inspect = async (fn) => { const h = await openDatabase({ dir, purpose: 'test' }); try { return await fn(h); } finally { await h.close(); } };
      destroy = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await cli(['workspace', 'create', 'acme', '--json'])).status).toBe(0);
    const file = path.join(os.tmpdir(), `frontier-read-${engine}-${process.pid}.csv`);
    // GPT-3.5 Turbo 0125, 1M + 1M on 2024-07-01 at $0.50/$1.50: $2; a model the catalog lacks: unpriced.
    fs.writeFileSync(file, 'When,Engine,Prompt,Completion\n2024-07-01,gpt-3.5-turbo-0125,1000000,1000000\n2024-07-01,mystery-model-x,10,10\n');
    expect((await cli(['ingest', file, '--workspace', 'acme', '--map', MAP, '--json'])).json.files[0]).toMatchObject({ status: 'ingested', computedCostUsd: '2' });
    fs.rmSync(file);
    await inspect(async (h) => {
      const ws = (await getWorkspaceBySlug(h.db, 'acme'))!.id;
      await setOverride(h, ws, { label: 't' }, { modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '0.4', outputPerMtok: '1.2', effectiveFrom: '2024-07-01' });
      await saveScenario(h.db, ws, { name: 'Move to Groq', spec: parseScenario({ targets: [{ id: 'groq', kind: 'api', model: 'llama3-70b-8192', provider: 'groq' }] }) });
      await createReport(h.db, ws, null, { title: 'July usage', note: '', source: { kind: 'usage', params: 'from=2024-07-01&to=2024-07-31&groupBy=model' } });
    });
  }, 600_000);
  afterAll(async () => destroy());

  test('prices list: the price in force on a day, the negotiated one from its date, filtered; a table without --json', async () => {
    const on = (d: string) => cli(['prices', 'list', '--workspace', 'acme', '--on', d, '--model', 'gpt-3.5-turbo-0125', '--provider', 'openai', '--json']);
    const july = await on('2024-07-01');
    expect(july).toMatchObject({ status: 0, json: { ok: true, date: '2024-07-01' } });
    expect(july.json.prices).toEqual([expect.objectContaining({ modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '0.4', outputPerMtok: '1.2', origin: 'override', effectiveFrom: '2024-07-01' })]);
    expect((await on('2024-06-30')).json.prices).toEqual([expect.objectContaining({ inputPerMtok: '0.5', outputPerMtok: '1.5', origin: 'reference', effectiveFrom: '2024-06-17' })]);
    const table = await cli(['prices', 'list', '--workspace', 'acme', '--on', '2024-07-01', '--model', 'gpt-3.5-turbo-0125', '--provider', 'openai']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^Model\s+Provider\s+Input\s+Cached input\s+Output\s+Since\s+Origin/m);
    expect(table.stdout).toMatch(/^gpt-3\.5-turbo-0125\s+openai\s+\$0\.40\s+—\s+\$1\.20\s+2024-07-01\s+override/m);
  }, 300_000);

  test('models list: Elo against the blended price for a snapshot and price date', async () => {
    const r = await cli(['models', 'list', '--workspace', 'acme', '--elo', '2024-06-19', '--prices', '2024-06-17', '--json']);
    expect(r).toMatchObject({ status: 0, json: { ok: true, priceDate: '2024-06-17', snapshot: { asOf: '2024-06-19' }, mix: { input: 3, output: 1 } } });
    // (3 × $0.50 + 1 × $1.50) / 4 = $0.75 per 1M tokens.
    expect(r.json.points.find((p: { modelId: string }) => p.modelId === 'gpt-3.5-turbo-0125')).toMatchObject({ providerId: 'openai', blendedPerMtok: '0.75' });
  }, 300_000);

  test('quality snapshots and quality show (by as-of date or id)', async () => {
    const s = await cli(['quality', 'snapshots', '--workspace', 'acme', '--json']);
    expect(s.status).toBe(0);
    const june = s.json.snapshots.find((x: { as_of: string }) => x.as_of === '2024-06-19');
    expect(june).toMatchObject({ name: 'Chatbot Arena (2024-06-19)', category: 'overall', models: 109, scope: 'reference' });
    const byDate = await cli(['quality', 'show', '2024-06-19', '--workspace', 'acme', '--json']);
    expect(byDate.json.snapshot.id).toBe(june.id);
    expect(byDate.json.scores).toHaveLength(109);
    expect(byDate.json.scores[0]).toMatchObject({ raw_name: 'GPT-4o-2024-05-13', model_id: 'gpt-4o-2024-05-13', rank: 1 });
    expect(Math.round(byDate.json.scores[0].elo)).toBe(1287);
    const byId = await cli(['quality', 'show', june.id, '--workspace', 'acme']);
    expect(byId.stdout).toMatch(/^Chatbot Arena \(2024-06-19\) \(overall, as of 2024-06-19\): 109 models$/m);
  }, 300_000);

  test('uploads, scenarios and reports list what was saved', async () => {
    const u = await cli(['uploads', 'list', '--workspace', 'acme', '--json']);
    expect(u.json.uploads).toHaveLength(1);
    expect(u.json.uploads[0]).toMatchObject({ format: 'generic-csv', status: 'done', rowsInserted: 2, summary: { computedCostUsd: '2' } });
    expect((await cli(['scenarios', 'list', '--workspace', 'acme', '--json'])).json.scenarios).toEqual([expect.objectContaining({ name: 'Move to Groq' })]);
    const reports = await cli(['reports', 'list', '--workspace', 'acme']);
    expect(reports.stdout).toMatch(/^[0-9a-f-]{36}\s+July usage\s+usage\s+1\s+\d{4}-\d{2}-\d{2}\s+0\s/m);
    expect(await cli(['uploads', 'list', '--json'])).toMatchObject({ status: 1, json: { ok: false, error: '--workspace is required' } });
  }, 300_000);
});
