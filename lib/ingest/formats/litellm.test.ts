import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { D, toDecimalString } from '@/lib/money';
import type { CsvFormat, JsonFormat, RowOutcome, UsageRecord } from '../types';
import { LITELLM_FORMATS, litellmDailyActivity, litellmSpendLogsCsv, litellmSpendLogsJson } from './litellm';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');
const headerOf = (name: string) => parseCsv(fixture(name))[0]!.fields.map((h) => h.trim().toLowerCase());

function runCsv(format: CsvFormat, csv: string): RowOutcome[] {
  const [head, ...rows] = parseCsv(csv);
  const read = format.start(head!.fields.map((h) => h.trim().toLowerCase()));
  return rows.map((r) => read(r.fields));
}
const runJson = (format: JsonFormat, doc: unknown) => [...format.rows(doc)].map((r) => r.outcome);
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

const SPEND_HEADER = 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_group,custom_llm_provider,user,metadata,cache_hit,team_id,status';
const spendRow = (over: Partial<Record<string, string>>) => {
  const base: Record<string, string> = {
    request_id: 'r1', call_type: 'acompletion', api_key: 'hash', spend: '0.01', total_tokens: '15', prompt_tokens: '10',
    completion_tokens: '5', startTime: '2024-07-02 09:00:00', endTime: '2024-07-02 09:00:01', model: 'gpt-4o', model_group: 'gpt-4o',
    custom_llm_provider: 'openai', user: 'u', metadata: '{}', cache_hit: 'False', team_id: 't', status: 'success', ...over,
  };
  return `${SPEND_HEADER}\n${SPEND_HEADER.split(',').map((k) => `"${(base[k] ?? '').replace(/"/g, '""')}"`).join(',')}`;
};
const one = (csv: string) => runCsv(litellmSpendLogsCsv, csv)[0]!;

describe('litellm-spendlogs (CSV)', () => {
  const outcomes = runCsv(litellmSpendLogsCsv, fixture('litellm-spendlogs.SAMPLE.csv'));

  test('fixture totals: two successful requests, the zero-usage failure skipped', () => {
    expect(outcomes.map((o) => o.kind)).toEqual(['records', 'records', 'skip']);
    expect(outcomes[2]).toEqual({ kind: 'skip', reason: 'failed request, no usage' });
    expect(totals(recordsOf(outcomes))).toEqual({ input: 2000, cached: 0, output: 450, requests: 2, cost: '0.001696' });
  });

  test('record fields', () => {
    const [a, b] = recordsOf(outcomes);
    expect(a).toMatchObject({
      granularity: 'request', providerId: 'openai', rawModel: 'gpt-3.5-turbo-0125', project: 'team-support', userRef: 'alice',
      apiKey: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b', requests: 1, inputTokens: 1100, outputTokens: 300,
      reportedCostUsd: '0.001', keyExtra: 'chatcmpl-7f1a', batch: false,
    });
    expect(a!.occurredAt.toISOString()).toBe('2024-07-02T09:14:03.120Z');
    expect(b).toMatchObject({ providerId: 'groq', rawModel: 'groq/llama3-70b-8192', project: 'team-search', userRef: 'bob', reportedCostUsd: '0.000696', keyExtra: 'chatcmpl-7f1b' });
  });

  test('cached tokens come from metadata and are a subset of prompt_tokens', () => {
    const meta = JSON.stringify({ usage_object: { prompt_tokens_details: { cached_tokens: 6 } } });
    const o = one(spendRow({ metadata: meta }));
    expect(recordsOf([o])[0]).toMatchObject({ inputTokens: 10, cachedInputTokens: 6 });
    const legacy = JSON.stringify({ additional_usage_values: { cache_read_input_tokens: 4 } });
    expect(recordsOf([one(spendRow({ metadata: legacy }))])[0]!.cachedInputTokens).toBe(4);
    expect(one(spendRow({ metadata: JSON.stringify({ usage_object: { cache_read_input_tokens: 11 } }) }))).toMatchObject({ kind: 'reject', reason: expect.stringMatching(/exceed prompt_tokens/) });
    // Unreadable metadata only loses detail.
    expect(recordsOf([one(spendRow({ metadata: '{not json' }))])[0]!.cachedInputTokens).toBe(0);
  });

  test('non-generation calls and cache hits are skipped; unknown providers are null; blank provider falls back to the model prefix', () => {
    expect(one(spendRow({ call_type: 'aembedding' }))).toEqual({ kind: 'skip', reason: 'aembedding call (not text generation)' });
    expect(one(spendRow({ call_type: 'aimage_generation' })).kind).toBe('skip');
    expect(one(spendRow({ cache_hit: 'True' }))).toEqual({ kind: 'skip', reason: 'served from the LiteLLM response cache' });
    expect(recordsOf([one(spendRow({ custom_llm_provider: 'some_new_cloud' }))])[0]!.providerId).toBeNull();
    expect(recordsOf([one(spendRow({ custom_llm_provider: 'gemini' }))])[0]!.providerId).toBe('google');
    expect(recordsOf([one(spendRow({ custom_llm_provider: 'vertex_ai_beta' }))])[0]!.providerId).toBe('vertex_ai');
    expect(recordsOf([one(spendRow({ custom_llm_provider: '', model: 'together_ai/meta-llama/Llama-3-70b' }))])[0]!.providerId).toBe('together_ai');
    expect(recordsOf([one(spendRow({ call_type: 'aretrieve_batch' }))])[0]!.batch).toBe(true);
  });

  test.each([
    [{ prompt_tokens: '-5' }, /prompt_tokens is negative: -5/],
    [{ completion_tokens: '2.5' }, /completion_tokens is not a whole number/],
    [{ prompt_tokens: '=HYPERLINK("http://x","10")' }, /prompt_tokens is not a number/],
    [{ spend: '=HYPERLINK("http://x","1")' }, /spend is not an amount/],
    [{ startTime: '2024-02-30 10:00:00' }, /startTime is not a real date/],
    [{ startTime: '' }, /startTime is missing/],
    [{ request_id: '' }, /request_id is missing/],
  ])('bad row %j rejected', (over, re) => {
    const o = one(spendRow(over));
    expect(o.kind).toBe('reject');
    expect(o.kind === 'reject' && o.reason).toMatch(re);
  });

  test('detect', () => {
    expect(litellmSpendLogsCsv.detect(headerOf('litellm-spendlogs.SAMPLE.csv'))).toBeGreaterThanOrEqual(0.9);
    for (const other of ['helicone-export.header.csv', 'openai-dashboard-usage-export.tsv', 'openrouter-logs-export.header.csv', 'claude_api_tokens_2026_03_31.csv']) {
      expect(litellmSpendLogsCsv.detect(headerOf(other)), other).toBe(0);
    }
  });
});

describe('litellm-spendlogs-json', () => {
  const rows = [
    {
      request_id: 'chatcmpl-a', call_type: 'acompletion', api_key: 'h1', spend: 0.00306, prompt_tokens: 2000, completion_tokens: 120,
      total_tokens: 2120, startTime: '2025-04-21T10:00:00+00:00', endTime: '2025-04-21T10:00:02+00:00', model: 'claude-3-5-sonnet-20241022',
      model_group: 'sonnet', custom_llm_provider: 'anthropic', user: '', end_user: 'cust-9', team_id: null, cache_hit: 'False',
      metadata: { user_api_key_team_id: 'team-x', usage_object: { cache_read_input_tokens: 1500 } },
    },
    {
      request_id: 'chatcmpl-b', call_type: 'acompletion', api_key: 'h2', spend: 1.095e-5, prompt_tokens: 37, completion_tokens: 9,
      startTime: '2025-04-21T11:30:00Z', model: 'gpt-4o-mini', custom_llm_provider: 'azure', user: 'ann', team_id: 'team-y',
      metadata: '{"user_api_key_alias": "ann-key"}',
    },
    { request_id: 'emb-1', call_type: 'aembedding', spend: 0.00001, prompt_tokens: 500, startTime: '2025-04-21T11:31:00Z', model: 'text-embedding-3-small' },
    'not an object',
  ];

  test('array and {data} give the same records; JSON numbers read exactly', () => {
    const a = runJson(litellmSpendLogsJson, rows);
    expect(runJson(litellmSpendLogsJson, { data: rows, total: 4, page: 1 })).toEqual(a);
    expect(a.map((o) => o.kind)).toEqual(['records', 'records', 'skip', 'reject']);
    expect(totals(recordsOf(a))).toEqual({ input: 2037, cached: 1500, output: 129, requests: 2, cost: '0.00307095' });
    const [x, y] = recordsOf(a);
    expect(x).toMatchObject({ providerId: 'anthropic', project: 'team-x', userRef: 'cust-9', apiKey: 'h1', keyExtra: 'chatcmpl-a' });
    expect(x!.occurredAt.toISOString()).toBe('2025-04-21T10:00:00.000Z');
    expect(y).toMatchObject({ providerId: 'azure', reportedCostUsd: '0.00001095', project: 'team-y' });
  });

  test('detect', () => {
    expect(litellmSpendLogsJson.detect(rows)).toBeGreaterThanOrEqual(0.9);
    expect(litellmSpendLogsJson.detect({ data: rows })).toBeGreaterThanOrEqual(0.9);
    for (const other of ['openai-usage-api-completions.json', 'anthropic-admin-usage-report.RECONSTRUCTED.json', 'litellm-user-daily-activity.json', 'langfuse-observation.json', 'bedrock-invocation-log.json']) {
      expect(litellmSpendLogsJson.detect(JSON.parse(fixture(other))), other).toBe(0);
    }
  });
});

describe('litellm-daily-activity', () => {
  test('fixture (docs example): one day, one model in the breakdown; ambiguous provider stays null', () => {
    const outcomes = runJson(litellmDailyActivity, JSON.parse(fixture('litellm-user-daily-activity.json')));
    const records = recordsOf(outcomes);
    expect(totals(records)).toEqual({ input: 37, cached: 0, output: 9, requests: 1, cost: '0.00001095' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ granularity: 'day', rawModel: 'gpt-4o-mini', providerId: null, apiKey: '', project: '' });
    expect(records[0]!.occurredAt.toISOString()).toBe('2025-03-27T00:00:00.000Z');
  });

  const metrics = (spend: number, p: number, c: number, cached: number, req: number) => ({
    spend, prompt_tokens: p, completion_tokens: c, total_tokens: p + c, cache_read_input_tokens: cached, cache_creation_input_tokens: 0,
    api_requests: req, successful_requests: req, failed_requests: 0,
  });
  const current = {
    results: [
      {
        date: '2025-06-01',
        metrics: metrics(0.5, 3000, 300, 1000, 6),
        breakdown: {
          models: {
            'claude-3-5-sonnet-20241022': {
              metrics: metrics(0.4, 2000, 200, 1000, 4), metadata: {},
              api_key_breakdown: {
                k1: { metrics: metrics(0.3, 1500, 150, 1000, 3), metadata: { key_alias: 'ci', team_id: 'team-a' } },
                k2: { metrics: metrics(0.1, 500, 50, 0, 1), metadata: { key_alias: null, team_id: null } },
              },
            },
            'gpt-4o': { metrics: metrics(0.1, 1000, 100, 0, 2), metadata: {}, api_key_breakdown: {} },
          },
          providers: { anthropic: { metrics: metrics(0.5, 3000, 300, 1000, 6) } },
          api_keys: {},
        },
      },
      { date: '2025-06-02', metrics: metrics(0, 0, 0, 0, 0), breakdown: { models: {}, providers: {} } },
      { date: '2025-06-03', metrics: metrics(0.2, 100, 10, 0, 1), breakdown: {} },
      { date: '2025-06-04', breakdown: { models: { 'gpt-4o': '{ ... }' } } },
      { date: '2025-02-30', breakdown: { models: {} } },
      { date: '2025-06-05', breakdown: { models: { 'gpt-4o': { metrics: { prompt_tokens: -1 } } } } },
      { date: '2025-06-05', breakdown: { models: { 'gpt-4o': { metrics: { prompt_tokens: 1.5 } } } } },
    ],
    metadata: { total_spend: 0.7 },
  };

  test('current shape: per API key when broken down, sole provider applied, day totals without a breakdown kept as unattributed', () => {
    const outcomes = runJson(litellmDailyActivity, current);
    expect(outcomes.map((o) => o.kind)).toEqual(['records', 'skip', 'records', 'reject', 'reject', 'reject', 'reject']);
    expect(outcomes[1]).toEqual({ kind: 'skip', reason: 'empty bucket' });
    const day1 = recordsOf([outcomes[0]!]);
    expect(totals(day1)).toEqual({ input: 3000, cached: 1000, output: 300, requests: 6, cost: '0.5' });
    expect(day1.map((r) => [r.rawModel, r.apiKey, r.project, r.providerId])).toEqual([
      ['claude-3-5-sonnet-20241022', 'k1', 'team-a', 'anthropic'],
      ['claude-3-5-sonnet-20241022', 'k2', '', 'anthropic'],
      ['gpt-4o', '', '', 'anthropic'],
    ]);
    expect(recordsOf([outcomes[2]!])[0]).toMatchObject({ rawModel: '(unattributed)', inputTokens: 100, reportedCostUsd: '0.2' });
    const reasons = outcomes.slice(3).map((o) => (o.kind === 'reject' ? o.reason : ''));
    expect(reasons[0]).toMatch(/breakdown.models\["gpt-4o"\] is not an object/);
    expect(reasons[1]).toMatch(/date is not a real date/);
    expect(reasons[2]).toMatch(/prompt_tokens is negative/);
    expect(reasons[3]).toMatch(/prompt_tokens is not a whole number/);
  });

  test('detect', () => {
    expect(litellmDailyActivity.detect(JSON.parse(fixture('litellm-user-daily-activity.json')))).toBeGreaterThanOrEqual(0.9);
    expect(litellmDailyActivity.detect(current)).toBeGreaterThanOrEqual(0.9);
    for (const other of ['openai-usage-api-completions.json', 'anthropic-admin-usage-report.RECONSTRUCTED.json', 'langfuse-observation.json', 'bedrock-invocation-log.json']) {
      expect(litellmDailyActivity.detect(JSON.parse(fixture(other))), other).toBe(0);
    }
  });

  test('exported list', () => {
    expect(LITELLM_FORMATS.map((f) => [f.id, f.kind, f.family])).toEqual([
      ['litellm-spendlogs', 'csv', 'litellm'], ['litellm-spendlogs-json', 'json', 'litellm'], ['litellm-daily-activity', 'json', 'litellm-daily'],
    ]);
  });
});
