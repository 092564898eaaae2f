import { sql } from 'drizzle-orm';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { deleteUpload, markInterruptedUploads } from '@/lib/ingest/manage';
import { ingestBytes, ingestFixture } from './helpers/ingest';
import { ingestUpload } from '@/lib/ingest/pipeline';
import { rollupDrift } from './helpers/rollups';
import { ROLLUPS } from '@/db/rollups';
import { deleteWorkspace } from '@/lib/auth/service';
import { repriceWorkspace, setOverride } from '@/lib/pricing/service';

const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
function openaiRow(d: string, model: string, batch: boolean, input: number, output: number, cached: number, requests = 10, project = 'proj_a') {
  const s = day(d);
  return [s, s + 86400, `${d}T00:00:00+00:00`, '', project, `${requests}.0`, 'user-1', 'key_1', model, batch ? 'TRUE' : 'FALSE', 'default', `${input}.0`, `${output}.0`, `${cached}.0`].join(',');
}

describe.each(testEngines())('ingestion on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  const fresh = async (slug: string) => (await createWorkspace(t.db, { slug, name: slug })).id;
  const usageTotals = async (workspaceId: string) => (await rows<{ n: number; cost: string | null; reported: string | null; input: string; requests: string }>(t.db, sql`
    select count(*)::int as n, sum(cost)::text as cost, sum(reported_cost)::text as reported, coalesce(sum(input_tokens),0)::text as input, coalesce(sum(requests),0)::text as requests
    from usage where workspace_id = ${workspaceId}`))[0]!;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = await fresh('acme');
  });
  afterAll(async () => t?.destroy());

  test.each([
    ['openai-dashboard-usage-export.tsv', 'openai-dashboard-usage', { rowsIngested: 6, rowsSkipped: 1, requests: 53, inputTokens: 339711, cachedInputTokens: 13952, outputTokens: 549459 }],
    ['openai-dashboard-cost-export.tsv', 'openai-dashboard-cost', { rowsIngested: 6, rowsSkipped: 2, reportedCostUsd: '2.98595375' }],
    ['openai-usage-api-completions.json', 'openai-usage-api', { rowsIngested: 1, requests: 5, inputTokens: 1000, cachedInputTokens: 400, outputTokens: 500 }],
    ['openai-costs-api.json', 'openai-costs-api', { rowsIngested: 1, reportedCostUsd: '0.06' }],
    ['openai-legacy-v1-usage.json', 'openai-legacy-usage', { rowsIngested: 3, requests: 8, inputTokens: 1176, outputTokens: 906 }],
    ['openai-legacy-billing-usage.json', 'openai-legacy-billing', { rowsIngested: 5, reportedCostUsd: '0.672964' }],
    ['openai-batch-output.jsonl', 'openai-requests', { rowsIngested: 2, requests: 2, inputTokens: 42, outputTokens: 20 }],
    ['claude_api_tokens_2026_03_31.csv', 'anthropic-console-tokens', { rowsIngested: 2, inputTokens: 1631112, outputTokens: 372374 }],
    ['claude_api_cost_2026_02_08_to_2026_02_15.csv', 'anthropic-console-cost', { rowsIngested: 24, reportedCostUsd: '19.97' }],
    ['anthropic-admin-usage-report.RECONSTRUCTED.json', 'anthropic-usage-report', { rowsIngested: 1, inputTokens: 2700, cachedInputTokens: 200, outputTokens: 500 }],
    ['anthropic-admin-cost-report.RECONSTRUCTED.json', 'anthropic-cost-report', { rowsIngested: 1, reportedCostUsd: '1.2378912' }],
    ['openrouter-daily-model-export.csv', 'openrouter-daily', { rowsIngested: 2, requests: 8369, inputTokens: 158165158, outputTokens: 5805092, reportedCostUsd: '935.94' }],
    ['litellm-spendlogs.SAMPLE.csv', 'litellm-spendlogs', { rowsIngested: 2, inputTokens: 2000, outputTokens: 450, reportedCostUsd: '0.001696' }],
    ['litellm-user-daily-activity.json', 'litellm-daily-activity', { rowsIngested: 1, inputTokens: 37, outputTokens: 9, reportedCostUsd: '0.00001095' }],
    ['langfuse-observation.json', 'langfuse-observations', { rowsIngested: 1, inputTokens: 24, outputTokens: 1407, reportedCostUsd: '0.000952199999' }],
  ] as const)('%s is detected as %s and its totals land exactly', async (file, format, expected) => {
    const target = await fresh(`f-${format}`);
    const s = await ingestFixture(t, target, file);
    expect(s.error).toBeUndefined();
    expect(s).toMatchObject({ status: 'ingested', format, rowsRejected: 0, ...expected });
    const u = await usageTotals(target);
    expect(u.n).toBe(expected.rowsIngested);
    if ('reportedCostUsd' in expected) expect(Number(u.reported)).toBe(Number(expected.reportedCostUsd));
  });

  test('computed cost: price in force that day, cached and batch prices, backdated and unmapped rows', async () => {
    const target = await fresh('costing');
    const csv = [
      HEADER,
      openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 1_000_000, 500_000, 200_000), // 0.8M×0.5 + 0.2M×0.5 + 0.5M×1.5 = $1.25
      openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', true, 1_000_000, 1_000_000, 0), // batch: half price = $1.00
      openaiRow('2026-08-01', 'gpt-4o-2024-08-06', false, 2_000_000, 100_000, 1_000_000), // 1M×2.5 + 1M×1.25 + 0.1M×10 = $4.75
      openaiRow('2023-05-01', 'gpt-3.5-turbo-0125', false, 1_000_000, 0, 0), // before every sheet: earliest price, backdated = $0.50
      openaiRow('2024-07-02', 'mystery-model-x', false, 1_000, 1_000, 0), // unmapped: kept, not priced
    ].join('\r\n');
    const s = await ingestBytes(t, target, 'costing.csv', csv);
    expect(s).toMatchObject({ status: 'ingested', format: 'openai-dashboard-usage', rowsIngested: 5, computedCostUsd: '7.5', backdatedRows: 1, unmappedModels: [{ rawModel: 'mystery-model-x', rows: 1 }] });
    const status = await rows<{ price_status: string; n: number }>(t.db, sql`select price_status, count(*)::int as n from usage where workspace_id = ${target} group by 1 order by 1`);
    expect(status).toEqual([{ price_status: 'backdated', n: 1 }, { price_status: 'priced', n: 3 }, { price_status: 'unmapped', n: 1 }]);
    // The rollup agrees with the rows, to the last digit.
    const [r] = await rows<{ usage: string; rollup: string; unpriced: number }>(t.db, sql`
      select (select sum(cost) from usage where workspace_id = ${target})::text as usage,
             (select sum(cost) from usage_daily where workspace_id = ${target})::text as rollup,
             (select sum(unpriced_rows) from usage_daily where workspace_id = ${target})::int as unpriced`);
    expect(r).toEqual({ usage: r!.rollup, rollup: r!.rollup, unpriced: 1 });
    expect(Number(r!.usage)).toBe(7.5);
  });

  test('idempotent: the same file again adds nothing; an overlapping export adds only new buckets', async () => {
    const target = await fresh('idem');
    const a = [HEADER, openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 100, 10, 0), openaiRow('2024-07-02', 'gpt-3.5-turbo-0125', false, 200, 20, 0)].join('\n');
    const b = [HEADER, openaiRow('2024-07-02', 'gpt-3.5-turbo-0125', false, 200, 20, 0), openaiRow('2024-07-03', 'gpt-3.5-turbo-0125', false, 300, 30, 0)].join('\n');
    expect(await ingestBytes(t, target, 'a.csv', a)).toMatchObject({ status: 'ingested', rowsIngested: 2 });
    expect(await ingestBytes(t, target, 'a-again.csv', a)).toMatchObject({ status: 'duplicate', rowsIngested: 0, errorCode: 'duplicate' });
    expect(await ingestBytes(t, target, 'b.csv', b)).toMatchObject({ status: 'ingested', rowsIngested: 1, duplicateRows: 1 });
    expect(await usageTotals(target)).toMatchObject({ n: 3, input: '600' });
    // A bucket written twice in one file counts once.
    const twice = 'day,model,input\n2024-07-05,gpt-3.5-turbo-0125,5\n2024-07-05,gpt-3.5-turbo-0125,5\n';
    expect(await ingestBytes(t, target, 'twice.csv', twice, { mapping: { time: 'day', model: 'model', inputTokens: 'input' } }))
      .toMatchObject({ status: 'ingested', rowsStaged: 2, rowsIngested: 1, duplicateRows: 1 });
    // The same file gzip-compressed is new bytes but the same buckets.
    expect(await ingestBytes(t, target, 'a.csv.gz', gzipSync(Buffer.from(a)))).toMatchObject({ status: 'ingested', rowsIngested: 0, duplicateRows: 2, gzip: true });
  });

  test('batch by batch: keys repeated across and within batches count once, and the totals and rollup match one batch', async () => {
    const lines = [
      openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 1_000_000, 500_000, 200_000, 1, 'p1'),
      openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', true, 1_000_000, 1_000_000, 0, 2, 'p2'),
      openaiRow('2026-08-01', 'gpt-4o-2024-08-06', false, 2_000_000, 100_000, 1_000_000, 3, 'p3'),
      openaiRow('2024-07-02', 'mystery-model-x', false, 1_000, 1_000, 0, 4, 'p4'),
      openaiRow('2024-07-03', 'mystery-model-x', false, 2_000, 1_000, 0, 5, 'p5'),
    ];
    // The mapped generic CSV has no ordinals: a repeated line is the same bucket (here across batches and within one).
    const generic = ['day,model,input,project', '2024-07-05,gpt-3.5-turbo-0125,5,a', '2024-07-06,gpt-3.5-turbo-0125,7,a', '2024-07-05,gpt-3.5-turbo-0125,5,a',
      '2024-07-07,gpt-3.5-turbo-0125,9,a', '2024-07-07,gpt-3.5-turbo-0125,9,a', '2024-07-08,mystery-model-x,1,a'].join('\n');
    const mapping = { time: 'day', model: 'model', inputTokens: 'input', project: 'project' };
    const results = [];
    for (const batchRows of [1000, 2, 1]) {
      const target = await fresh(`batches-${batchRows}`);
      const a = await ingestBytes(t, target, 'a.csv', [HEADER, ...lines].join('\n'), { batchRows });
      const g = await ingestBytes(t, target, 'g.csv', generic, { mapping, batchRows });
      const [r] = await rows<{ n: number; cost: string; rollup_cost: string; rollup_rows: number; unpriced: number }>(t.db, sql`
        select (select count(*) from usage where workspace_id = ${target})::int as n, (select sum(cost) from usage where workspace_id = ${target})::text as cost,
          (select sum(cost) from usage_daily where workspace_id = ${target})::text as rollup_cost, (select sum(rows) from usage_daily where workspace_id = ${target})::int as rollup_rows,
          (select sum(unpriced_rows) from usage_daily where workspace_id = ${target})::int as unpriced`);
      results.push({ a: { ...a, uploadId: '' }, g: { ...g, uploadId: '' }, r });
    }
    expect(results[0]!.a).toMatchObject({ status: 'ingested', rowsIngested: 5, requests: 15, computedCostUsd: '7', backdatedRows: 0, unmappedModels: [{ rawModel: 'mystery-model-x', rows: 2 }] });
    expect(results[0]!.g).toMatchObject({ status: 'ingested', rowsStaged: 6, rowsIngested: 4, duplicateRows: 2, inputTokens: 22, unmappedModels: [{ rawModel: 'mystery-model-x', rows: 1 }] });
    const r0 = results[0]!.r!;
    expect(r0).toEqual({ n: 9, cost: r0.rollup_cost, rollup_cost: r0.rollup_cost, rollup_rows: 9, unpriced: 3 });
    expect(Number(r0.cost)).toBeGreaterThan(7);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  test('two concurrent uploads of overlapping files count each bucket once', async () => {
    const target = await fresh('concurrent');
    const days = Array.from({ length: 40 }, (_, i) => `2024-08-${String(1 + (i % 28)).padStart(2, '0')}`);
    const mk = (from: number, to: number) => [HEADER, ...days.slice(from, to).map((d, i) => openaiRow(d, 'gpt-3.5-turbo-0125', false, 1000, 100, 0, 1, `p${from + i}`))].join('\n');
    const [x, y] = await Promise.all([ingestBytes(t, target, 'x.csv', mk(0, 30)), ingestBytes(t, target, 'y.csv', mk(10, 40))]);
    expect(x.status).toBe('ingested');
    expect(y.status).toBe('ingested');
    expect(x.rowsIngested + y.rowsIngested).toBe(40);
    expect(x.duplicateRows + y.duplicateRows).toBe(20);
    const [r] = await rows<{ n: number; rollup_rows: number }>(t.db, sql`select (select count(*) from usage where workspace_id = ${target})::int as n,
      (select sum(rows) from usage_daily where workspace_id = ${target})::int as rollup_rows`);
    expect(r).toEqual({ n: 40, rollup_rows: 40 });
  });

  test('a few bad rows are listed with line and reason and the rest go in; too many fail the file and write nothing', async () => {
    const target = await fresh('rejects');
    const good = Array.from({ length: 199 }, (_, i) => openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 100 + i, 10, 0, 1, `p${i}`));
    const one = [HEADER, ...good.slice(0, 100), openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, -5, 10, 0, 1, 'neg'), ...good.slice(100)].join('\n');
    const s = await ingestBytes(t, target, 'one-bad.csv', one, { maxRejectRatio: 0.01 });
    expect(s).toMatchObject({ status: 'ingested', rowsIngested: 199, rowsRejected: 1, rejects: [{ line: 102, reason: 'input_tokens is negative: -5.0' }] });
    const before = await usageTotals(target);
    const many = [HEADER, openaiRow('2024-09-01', 'gpt-3.5-turbo-0125', false, 1.5 as unknown as number, 10, 0), openaiRow('2024-09-02', 'gpt-3.5-turbo-0125', false, 10, 10, 0)].join('\n').replace('1.5.0', '1.5');
    const f = await ingestBytes(t, target, 'many-bad.csv', many);
    expect(f).toMatchObject({ status: 'failed', errorCode: 'too_many_rejects', rowsIngested: 0 });
    expect(f.error).toMatch(/1 of 2 rows could not be read .* nothing was written\. First: line 2: input_tokens is not a whole number: 1\.5/);
    expect(await usageTotals(target)).toEqual(before);
    const [up] = await rows<{ status: string; error: string }>(t.db, sql`select status, error from uploads where workspace_id = ${target} and filename = 'many-bad.csv'`);
    expect(up!.status).toBe('failed');
  });

  test.each([
    ['empty file', '', 'empty', /the file is empty/],
    ['blank lines', '\n\n  \n', 'unreadable', /no content/],
    ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0x06, 0]), 'binary', /binary file/],
    ['truncated JSON', '{"object":"page","data":[{"object":"bucket","start_time":1730419200', 'unreadable', /JSON is not valid.*cut short/],
    ['duplicate headers', 'model,model,input_tokens\na,b,1\n', 'unreadable', /names a column twice: model/],
    ['unknown CSV', `${Array.from({ length: 100 }, (_, i) => `col${i}`).join(',')}\n${Array.from({ length: 100 }, () => '1').join(',')}\n`, 'needs_mapping', /no known export has these columns: col0, col1/],
    ['unknown JSON', '{"hello":"world"}', 'unknown_format', /not an export Frontier knows/],
    ['unterminated quote', `${HEADER}\n"oops,1`, 'unreadable', /never ends/],
    ['broken gzip', Buffer.concat([gzipSync(Buffer.from(`${HEADER}\n`)).subarray(0, 15)]), 'gzip', /gzip data is damaged/],
  ])('%s: a clear message and nothing written', async (_name, body, code, message) => {
    const target = await fresh(`bad-${_name.replace(/\W+/g, '-')}`);
    const s = await ingestBytes(t, target, `${_name}.dat`, body as string);
    expect(s.status).toBe('failed');
    expect(s.errorCode).toBe(code);
    expect(s.error).toMatch(message);
    expect((await usageTotals(target)).n).toBe(0);
  });

  test('encodings and CSV quirks: UTF-16 with BOM, Latin-1, UTF-8 BOM, CRLF, quoted commas and newlines, formula-looking cells', async () => {
    const target = await fresh('quirks');
    const csv = [HEADER, openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 100, 10, 0, 1, '"proj, with comma\nand newline"'), openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 100, 10, 0, 1, 'Café')].join('\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const s16 = await ingestBytes(t, target, 'utf16.csv', utf16);
    expect(s16).toMatchObject({ status: 'ingested', rowsIngested: 2, encoding: 'utf-16le' });
    const projects = await rows<{ project: string }>(t.db, sql`select project from usage where workspace_id = ${target} order by project`);
    expect(projects.map((p) => p.project)).toEqual(['Café', 'proj, with comma\nand newline']);
    const latin = await fresh('latin');
    const s1 = await ingestBytes(t, latin, 'latin1.csv', Buffer.from(csv, 'latin1'));
    expect(s1).toMatchObject({ status: 'ingested', rowsIngested: 2, encoding: 'latin-1 (windows-1252)' });
    expect((await rows<{ project: string }>(t.db, sql`select project from usage where workspace_id = ${latin} and project like 'Caf%'`))[0]!.project).toBe('Café');
    const bom = await fresh('bom');
    expect(await ingestBytes(t, bom, 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).toMatchObject({ status: 'ingested', rowsIngested: 2, format: 'openai-dashboard-usage' });
    const formula = await fresh('formula');
    const f = await ingestBytes(t, formula, 'formula.csv', `${HEADER}\n${openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 100, 10, 0).replace(',100.0,', ',"=HYPERLINK(""http://x"")",')}`, { maxRejectRatio: 1 });
    expect(f.rejects[0]).toEqual({ line: 2, reason: 'input_tokens is not a number: "=HYPERLINK("http://x")"' });
  });

  test('generic CSV: a mapping reads any columns, is remembered for the same header, and --map style specs work', async () => {
    const target = await fresh('generic');
    const csv = 'When,Engine,Team,Prompt,Completion,Dollars\n2024-07-01,gpt-3.5-turbo-0125,search,1000000,0,0.5\n2024-07-02,gpt-3.5-turbo-0125,search,0,1000000,1.5\n';
    const first = await ingestBytes(t, target, 'g.csv', csv);
    expect(first).toMatchObject({ status: 'failed', errorCode: 'needs_mapping' });
    expect(first.seen).toMatchObject({ header: ['when', 'engine', 'team', 'prompt', 'completion', 'dollars'], suggestion: { time: 'when', model: 'engine', project: 'team', inputTokens: 'prompt', outputTokens: 'completion', cost: 'dollars' } });
    const mapping = { time: 'when', model: 'engine', project: 'team', inputTokens: 'prompt', outputTokens: 'completion', cost: 'dollars', defaultProvider: 'openai' };
    const s = await ingestBytes(t, target, 'g.csv', csv, { mapping, saveMapping: true });
    expect(s).toMatchObject({ status: 'ingested', format: 'generic-csv', rowsIngested: 2, computedCostUsd: '2', reportedCostUsd: '2' });
    const again = csv.replace('2024-07-02', '2024-07-03');
    expect(await ingestBytes(t, target, 'g2.csv', again)).toMatchObject({ status: 'ingested', format: 'generic-csv', rowsIngested: 1, duplicateRows: 1 });
  });

  test('every rollup (daily and monthly, by model, key, user, reported cost) equals raw usage after uploads, a delete and a re-pricing', async () => {
    const target = await fresh('rollups');
    const mapping = { time: 'when', model: 'model', project: 'team', apiKey: 'key', user: 'who', inputTokens: 'in', outputTokens: 'out', cost: 'usd', defaultProvider: 'openai' };
    // 20 July to 2 October (four calendar months), three models (one unknown), two teams, three keys, four users; every third row carries a cost.
    const line = (i: number) => {
      const d = new Date(Date.UTC(2026, 6, 20) + (i % 75) * 86_400_000).toISOString().slice(0, 10);
      return `${d},${['gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06', 'mystery-x'][i % 3]},team-${i % 2},key-${i % 3},user-${i % 4},${1000 + i},${100 + i},${i % 3 === 0 ? (i / 100).toFixed(2) : ''}`;
    };
    const csv = (from: number, to: number) => ['when,model,team,key,who,in,out,usd', ...Array.from({ length: to - from }, (_, k) => line(from + k))].join('\n');
    const a = await ingestBytes(t, target, 'a.csv', csv(0, 300), { mapping, batchRows: 64 });
    expect(a).toMatchObject({ status: 'ingested', rowsIngested: 300 });
    expect(await rollupDrift(t.db, target)).toEqual({});
    const b = await ingestBytes(t, target, 'b.csv', csv(200, 450), { mapping, batchRows: 64 });
    expect(b).toMatchObject({ status: 'ingested', rowsIngested: 150, duplicateRows: 100 });
    expect(await rollupDrift(t.db, target)).toEqual({});
    const [m] = await rows<{ months: number; input: string }>(t.db, sql`select count(distinct month)::int as months, sum(input_tokens)::text as input from usage_monthly_key where workspace_id = ${target}`);
    // 450 rows: input 1000 + i for i in 0..449.
    expect(m).toEqual({ months: 4, input: String(450 * 1000 + (449 * 450) / 2) });
    // Days out of order (2 to 14 October) in a month that already has usage (1 and 2 October): through the delta and the
    // upserts. The same shape in a month new to the workspace (November): its days' daily rows go in directly, a day that
    // comes back after it was written goes through the delta, and November is summed again from the daily rollups.
    const shuffled = (month: string) => ['when,model,team,key,who,in,out,usd', ...Array.from({ length: 40 }, (_, k) => `2026-${month}-${String([3, 12, 2, 7, 3][k % 5]! + (k % 3)).padStart(2, '0')},gpt-4o-2024-08-06,team-${k % 2},key-${k % 3},user-${k % 4},${500 + k},${50 + k},${k % 4 === 0 ? '0.25' : ''}`)].join('\n');
    const rawMonth = async (month: string) => (await rows<{ rows: number; input: string }>(t.db, sql`select count(*)::int as rows, coalesce(sum(input_tokens), 0)::text as input
      from usage where workspace_id = ${target} and date_trunc('month', day) = ${`2026-${month}-01`}::date`))[0]!;
    for (const month of ['10', '11']) {
      const had = await rawMonth(month);
      expect(had.rows > 0).toBe(month === '10');
      expect(await ingestBytes(t, target, `${month}.csv`, shuffled(month), { mapping, batchRows: 7 })).toMatchObject({ status: 'ingested', rowsIngested: 40 });
      expect(await rollupDrift(t.db, target)).toEqual({});
      // The month holds what it had and the 40 rows (input 500..539).
      const raw = await rawMonth(month);
      expect(raw).toEqual({ rows: had.rows + 40, input: String(Number(had.input) + 40 * 500 + (39 * 40) / 2) });
      const [rolled] = await rows<{ rows: number; input: string }>(t.db, sql`select sum(rows)::int as rows, sum(input_tokens)::text as input from usage_monthly_user_full where workspace_id = ${target} and month = ${`2026-${month}-01`}::date`);
      expect(rolled).toEqual(raw);
    }
    await setOverride(t, target, { label: 'test' }, { modelId: 'gpt-4o-2024-08-06', providerId: 'openai', inputPerMtok: '7', outputPerMtok: '21', effectiveFrom: '2026-08-15' });
    const re = await repriceWorkspace(t, target, { label: 'test' });
    expect(re.rows).toBeGreaterThan(0);
    expect(await rollupDrift(t.db, target)).toEqual({});
    expect(await deleteUpload(t, target, a.uploadId)).toMatchObject({ deleted: true, rows: 300 });
    expect(await rollupDrift(t.db, target)).toEqual({});
    const [n] = await rows<{ rows: number }>(t.db, sql`select sum(rows)::int as rows from usage_monthly where workspace_id = ${target}`);
    expect(n!.rows).toBe(230);
  });

  test('deleting a workspace removes its usage and every rollup (they have no foreign key), and no other workspace\'s', async () => {
    const gone = await fresh('gone');
    const kept = await fresh('kept');
    const file = [HEADER, openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 1000, 10, 0), openaiRow('2024-08-02', 'gpt-4o-2024-08-06', false, 2000, 20, 0)].join('\n');
    for (const w of [gone, kept]) expect(await ingestBytes(t, w, 'w.csv', file)).toMatchObject({ status: 'ingested', rowsIngested: 2 });
    const count = async (w: string) => {
      const out: Record<string, number> = {};
      for (const r of ['usage', ...ROLLUPS.map((x) => x.table)]) out[r] = (await rows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.identifier(r)} where workspace_id = ${w}`))[0]!.n;
      return out;
    };
    const before = await count(gone);
    expect(before.usage).toBe(2);
    expect(before.usage_monthly_user_full).toBe(2);
    await deleteWorkspace(t.db, gone, 'owner');
    expect(await count(gone)).toEqual(Object.fromEntries(Object.keys(before).map((k) => [k, 0])));
    expect(await count(kept)).toEqual(before);
  });

  test.skipIf(engine === 'pglite')('deleting a workspace while an upload to it is running waits for the upload, then removes its rows too', async () => {
    const gone = await fresh('gone-mid');
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let started!: () => void;
    const reading = new Promise<void>((r) => { started = r; });
    const enc = (x: string) => new TextEncoder().encode(x);
    async function* held() {
      yield enc(`${HEADER}\n${openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 1000, 10, 0)}\n`);
      started();
      await gate;
      yield enc(`${openaiRow('2024-07-02', 'gpt-4o-2024-08-06', false, 2000, 20, 0)}\n`);
    }
    const upload = ingestUpload(t, { workspaceId: gone, filename: 'mid.csv', chunks: held(), batchRows: 1 });
    await reading;
    const deleting = deleteWorkspace(t.db, gone, 'owner');
    // Without the lock the delete is over long before this: it saw none of the upload's rows.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([upload, deleting]);
    const left: Record<string, number> = {};
    for (const r of ['usage', ...ROLLUPS.map((x) => x.table)]) left[r] = (await rows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.identifier(r)} where workspace_id = ${gone}`))[0]!.n;
    expect(left).toEqual(Object.fromEntries(Object.keys(left).map((k) => [k, 0])));
  });

  test('deleting an upload removes its rows and rollup atomically; an interrupted upload is marked failed at start', async () => {
    const target = await fresh('delete');
    const s = await ingestBytes(t, target, 'd.csv', [HEADER, openaiRow('2024-07-01', 'gpt-3.5-turbo-0125', false, 1000, 10, 0)].join('\n'));
    expect((await usageTotals(target)).n).toBe(1);
    expect(await deleteUpload(t, target, s.uploadId)).toEqual({ deleted: true, rows: 1 });
    const [r] = await rows<{ u: number; d: number; up: number }>(t.db, sql`select (select count(*) from usage where workspace_id = ${target})::int as u,
      (select count(*) from usage_daily where workspace_id = ${target})::int as d, (select count(*) from uploads where workspace_id = ${target})::int as up`);
    expect(r).toEqual({ u: 0, d: 0, up: 0 });
    await t.db.execute(sql`insert into uploads (workspace_id, filename, format, sha256, status) values (${target}, 'half.csv', 'auto', 'pending:x', 'processing')`);
    expect(await markInterruptedUploads(t.db)).toBe(1);
    const [u] = await rows<{ status: string; error: string }>(t.db, sql`select status, error from uploads where workspace_id = ${target}`);
    expect(u!.status).toBe('failed');
    expect(u!.error).toMatch(/interrupted/);
  });
});
