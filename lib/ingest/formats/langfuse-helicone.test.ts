import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { D, toDecimalString } from '@/lib/money';
import type { CsvFormat, JsonFormat, JsonlFormat, RowOutcome, UsageRecord } from '../types';
import {
  heliconeExportCsv, heliconeRequestsJson, heliconeRequestsJsonl, langfuseObservations, langfuseObservationsJsonl, OBSERVABILITY_FORMATS,
} from './langfuse-helicone';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');
const headerOf = (csv: string) => parseCsv(csv)[0]!.fields.map((h) => h.trim().toLowerCase());

function runCsv(format: CsvFormat, csv: string): RowOutcome[] {
  const [head, ...rows] = parseCsv(csv);
  const read = format.start(head!.fields.map((h) => h.trim().toLowerCase()));
  return rows.map((r) => read(r.fields));
}
const runJson = (format: JsonFormat, doc: unknown) => [...format.rows(doc)].map((r) => r.outcome);
const runJsonl = (format: JsonlFormat, lines: unknown[]) => lines.map((l) => format.row(l));
const recordsOf = (outcomes: RowOutcome[]) => outcomes.flatMap((o) => (o.kind === 'records' ? o.records : []));
function totals(records: UsageRecord[]) {
  return {
    input: records.reduce((s, r) => s + r.inputTokens, 0),
    cached: records.reduce((s, r) => s + r.cachedInputTokens, 0),
    output: records.reduce((s, r) => s + r.outputTokens, 0),
    requests: records.reduce((s, r) => s + r.requests, 0),
    cost: toDecimalString(records.reduce((s, r) => s.plus(r.reportedCostUsd ?? 0), new D(0)), 12),
  };
}
const reasonOf = (o: RowOutcome) => (o.kind === 'records' ? '' : o.reason);

const observation = JSON.parse(fixture('langfuse-observation.json')) as Record<string, unknown>;
const obs = (over: Record<string, unknown>) => ({ ...observation, ...over });

describe('langfuse-observations', () => {
  test('fixture: one generation; output adds the reasoning tokens Langfuse keeps apart', () => {
    const records = recordsOf(runJson(langfuseObservations, observation));
    expect(totals(records)).toEqual({ input: 24, cached: 0, output: 1407, requests: 1, cost: '0.000952199999' });
    expect(records[0]).toMatchObject({
      granularity: 'request', providerId: 'google', rawModel: 'gemini-2.5-flash', project: 'cmne40hg60borad08hh3psijv',
      apiKey: '', keyExtra: 'd8ab9e3ca45022e6',
    });
    expect(records[0]!.occurredAt.toISOString()).toBe('2026-04-04T06:21:09.835Z');
  });

  const many = [
    observation,
    obs({
      id: 'gen-anthropic', model: 'claude-3-5-sonnet-20241022', modelParameters: {}, metadata: { ls_provider: 'anthropic' }, userId: 'u-1',
      usageDetails: { input: 100, cache_read_input_tokens: 900, cache_creation_input_tokens: 50, output: 20, total: 1070 },
      costDetails: { input: 0.0003, cache_read_input_tokens: 0.00027, cache_creation_input_tokens: 0.0001875, output: 0.0003 },
    }),
    obs({ id: 'span-1', type: 'SPAN', usageDetails: {}, costDetails: {} }),
    // Legacy v1 API shape.
    {
      id: 'gen-v1', traceId: 't', type: 'GENERATION', startTime: '2024-09-01T12:00:00.000Z', model: 'gpt-4o', projectId: 'p',
      usage: { input: 500, output: 40, total: 540, unit: 'TOKENS' }, calculatedTotalCost: 0.00165,
    },
    // Unknown price: empty costDetails beside a zero totalCost is "unknown", not free.
    obs({ id: 'gen-unpriced', model: 'my-finetune', modelParameters: { system: 'You are a helpful assistant.' }, costDetails: {}, totalCost: 0 }),
  ];

  test('array, {data} and JSONL agree; Anthropic-style cache keys add to input', () => {
    const a = runJson(langfuseObservations, many);
    expect(runJson(langfuseObservations, { data: many, meta: { page: 1 } })).toEqual(a);
    expect(runJsonl(langfuseObservationsJsonl, many)).toEqual(a);
    expect(a.map((o) => o.kind)).toEqual(['records', 'records', 'skip', 'records', 'records']);
    expect(reasonOf(a[2]!)).toBe('SPAN observation (not a generation)');
    const records = recordsOf(a);
    expect(totals(records)).toEqual({ input: 24 + 1050 + 500 + 24, cached: 900, output: 1407 + 20 + 40 + 1407, requests: 4, cost: '0.003659699999' });
    expect(records[1]).toMatchObject({ providerId: 'anthropic', inputTokens: 1050, cachedInputTokens: 900, userRef: 'u-1', reportedCostUsd: '0.0010575' });
    expect(records[2]).toMatchObject({ providerId: null, rawModel: 'gpt-4o', inputTokens: 500, outputTokens: 40, reportedCostUsd: '0.00165' });
    expect(records[3]).toMatchObject({ providerId: null, reportedCostUsd: null });
  });

  test('non-token units and empty generations are skipped', () => {
    const chars = { id: 'g', traceId: 't', type: 'GENERATION', startTime: '2024-09-01T12:00:00Z', model: 'gemini-1.0-pro', usage: { input: 400, output: 90, unit: 'CHARACTERS' } };
    expect(langfuseObservationsJsonl.row(chars)).toEqual({ kind: 'skip', reason: 'usage measured in characters, not tokens' });
    expect(langfuseObservationsJsonl.row(obs({ usageDetails: {}, costDetails: {}, totalCost: null, inputUsage: 0, outputUsage: 0 }))).toEqual({ kind: 'skip', reason: 'no usage' });
  });

  test.each([
    [{ usageDetails: { input: -5, output: 1 } }, /usageDetails.input is negative: -5/],
    [{ usageDetails: { input: 2.5, output: 1 } }, /usageDetails.input is not a whole number/],
    [{ usageDetails: { input: '=HYPERLINK("http://x","10")' } }, /usageDetails.input is not a number/],
    [{ costDetails: { total: '=HYPERLINK("http://x","1")' } }, /costDetails.total is not an amount/],
    [{ startTime: '2026-02-30T10:00:00Z' }, /startTime is not a real date/],
    [{ id: null }, /id is missing/],
  ])('bad observation %j rejected', (over, re) => {
    const o = langfuseObservationsJsonl.row(obs(over));
    expect(o.kind).toBe('reject');
    expect(reasonOf(o)).toMatch(re);
  });

  test('detect', () => {
    for (const doc of [observation, [observation], { data: [observation] }]) expect(langfuseObservations.detect(doc)).toBeGreaterThanOrEqual(0.9);
    expect(langfuseObservationsJsonl.detect(observation)).toBeGreaterThanOrEqual(0.9);
    for (const other of ['openai-usage-api-completions.json', 'anthropic-admin-usage-report.RECONSTRUCTED.json', 'litellm-user-daily-activity.json', 'bedrock-invocation-log.json']) {
      expect(langfuseObservations.detect(JSON.parse(fixture(other))), other).toBe(0);
    }
    const batchLine = JSON.parse(fixture('openai-batch-output.jsonl').split('\n')[0]!) as unknown;
    expect(langfuseObservationsJsonl.detect(batchLine)).toBe(0);
    expect(heliconeRequestsJsonl.detect(batchLine)).toBe(0);
  });
});

// The fixture is the export CLI's header; the rows are written here the way the CLI writes them (all quoted).
const HELICONE_CSV = `${fixture('helicone-export.header.csv').trim()}
"3f0c1b52-8d7e-4a51-9d0e-6c2b1f1e0a01","2025-05-12T14:03:12.412Z","200","2025-05-12T14:03:10.981Z","{""model"":""gpt-4o-mini"",""messages"":[{""role"":""user"",""content"":""hi""}]}","{""Helicone-Property-App"":""support-bot""}","user-42","","812","96","1431","0.0001794"
"7a9d5e10-1111-4c2a-8f3b-2d4e6f8a0b02","2025-05-12T14:05:01.002Z","200","2025-05-12T14:04:55.310Z","{""model"":""claude-3-5-sonnet-20241022"",""max_tokens"":1024}","{}","user-7","claude-3-5-sonnet-20241022","2048","512","5692","0.013824"
"c1e2a3b4-2222-4d5e-9f60-718293a4b503","2025-05-12T14:06:00.000Z","500","2025-05-12T14:05:59.800Z","{""model"":""gpt-4o""}","{}","","","0","0","200",""
"e5f6a7b8-3333-4e6f-8071-8293a4b5c604","2025-05-12T14:07:30.500Z","200","2025-05-12T14:07:29.000Z","{}","{}","","","100","20","1500",""
`;

describe('helicone-export (CSV)', () => {
  const outcomes = runCsv(heliconeExportCsv, HELICONE_CSV);

  test('totals: three requests, the failed empty one skipped', () => {
    expect(outcomes.map((o) => o.kind)).toEqual(['records', 'records', 'skip', 'records']);
    expect(reasonOf(outcomes[2]!)).toBe('failed request (status 500), no usage');
    expect(totals(recordsOf(outcomes))).toEqual({ input: 2960, cached: 0, output: 628, requests: 3, cost: '0.0140034' });
  });

  test('record fields: model from the request body when the column is empty', () => {
    const [a, b, c] = recordsOf(outcomes);
    expect(a).toMatchObject({ granularity: 'request', providerId: null, rawModel: 'gpt-4o-mini', userRef: 'user-42', reportedCostUsd: '0.0001794', keyExtra: '3f0c1b52-8d7e-4a51-9d0e-6c2b1f1e0a01' });
    expect(a!.occurredAt.toISOString()).toBe('2025-05-12T14:03:10.981Z');
    expect(b).toMatchObject({ rawModel: 'claude-3-5-sonnet-20241022', inputTokens: 2048, outputTokens: 512 });
    expect(c).toMatchObject({ rawModel: '(unattributed)', reportedCostUsd: null });
  });

  const row = (tokens: string, date = '2025-05-12T14:03:10.981Z', cost = '') =>
    runCsv(heliconeExportCsv, `${fixture('helicone-export.header.csv').trim()}\n"r1","2025-05-12T14:03:12Z","200","${date}","{}","{}","","gpt-4o",${tokens},"10","${cost}"`)[0]!;
  test.each([
    [row('"-5","1"'), /prompt_tokens is negative: -5/],
    [row('"1.5","1"'), /prompt_tokens is not a whole number/],
    [row('"=HYPERLINK(""http://x"",""10"")","1"'), /prompt_tokens is not a number/],
    [row('"1","1"', '2025-02-30T10:00:00Z'), /request_created_at is not a real date/],
    [row('"1","1"', '2025-05-12T14:03:10Z', '=HYPERLINK("x")'), /cost_usd is not an amount/],
  ])('bad row rejected (%#)', (o, re) => {
    expect(o.kind).toBe('reject');
    expect(reasonOf(o)).toMatch(re);
  });

  test('detect', () => {
    expect(heliconeExportCsv.detect(headerOf(fixture('helicone-export.header.csv')))).toBeGreaterThanOrEqual(0.9);
    for (const other of ['litellm-spendlogs.SAMPLE.csv', 'openai-dashboard-usage-export.tsv', 'openrouter-logs-export.header.csv', 'claude_api_tokens_2026_03_31.csv']) {
      expect(heliconeExportCsv.detect(headerOf(fixture(other))), other).toBe(0);
    }
  });
});

describe('helicone-requests (JSON / JSONL)', () => {
  const requests = [
    {
      response_id: 'resp-1', response_created_at: '2025-06-01T08:00:02Z', response_status: 200, request_id: 'req-1', request_created_at: '2025-06-01T08:00:00Z',
      request_model: 'gpt-4o', response_model: 'gpt-4o-2024-08-06', provider: 'OPENAI', request_user_id: 'u1',
      prompt_tokens: 200, prompt_cache_read_tokens: 800, prompt_cache_write_tokens: 0, completion_tokens: 50, costUSD: 0.0015,
    },
    {
      response_id: 'resp-2', response_created_at: '2025-06-01T09:00:05Z', response_status: 200, request_id: 'req-2', request_created_at: '2025-06-01T09:00:00Z',
      request_model: 'claude-3-5-sonnet-20241022', response_model: null, provider: 'ANTHROPIC',
      prompt_tokens: 10, prompt_cache_read_tokens: 0, prompt_cache_write_tokens: 2000, completion_tokens: 300, costUSD: 0.01203,
    },
    {
      response_id: 'resp-3', response_created_at: '2025-06-01T09:01:00Z', request_created_at: '2025-06-01T09:01:00Z', provider: 'OPENAI',
      request_model: 'gpt-4o', prompt_tokens: 200, completion_tokens: 50, cache_reference_id: '5c1d7f0e-0000-4000-8000-000000000001',
    },
  ];

  test('cache reads and writes add to prompt_tokens; Helicone cache hits skipped', () => {
    const a = runJson(heliconeRequestsJson, { data: requests, error: null });
    expect(runJson(heliconeRequestsJson, requests)).toEqual(a);
    expect(runJsonl(heliconeRequestsJsonl, requests)).toEqual(a);
    expect(a.map((o) => o.kind)).toEqual(['records', 'records', 'skip']);
    expect(totals(recordsOf(a))).toEqual({ input: 3010, cached: 800, output: 350, requests: 2, cost: '0.01353' });
    const [x, y] = recordsOf(a);
    expect(x).toMatchObject({ providerId: 'openai', rawModel: 'gpt-4o-2024-08-06', inputTokens: 1000, cachedInputTokens: 800, userRef: 'u1', keyExtra: 'resp-1' });
    expect(y).toMatchObject({ providerId: 'anthropic', rawModel: 'claude-3-5-sonnet-20241022', inputTokens: 2010, cachedInputTokens: 0 });
  });

  test('detect', () => {
    expect(heliconeRequestsJson.detect({ data: requests })).toBeGreaterThanOrEqual(0.9);
    expect(heliconeRequestsJsonl.detect(requests[0])).toBeGreaterThanOrEqual(0.9);
    expect(heliconeRequestsJson.detect(observation)).toBe(0);
    expect(langfuseObservations.detect(requests)).toBe(0);
  });

  test('exported list', () => {
    expect(OBSERVABILITY_FORMATS.map((f) => [f.id, f.kind, f.family])).toEqual([
      ['langfuse-observations', 'json', 'langfuse'], ['langfuse-observations-jsonl', 'jsonl', 'langfuse'], ['helicone-export', 'csv', 'helicone'],
      ['helicone-requests', 'json', 'helicone'], ['helicone-requests-jsonl', 'jsonl', 'helicone'],
    ]);
  });
});
