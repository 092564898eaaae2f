import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { D } from '@/lib/money';
import type { CsvFormat, RowOutcome, UsageRecord } from '../types';
import { OPENROUTER_FORMATS, openrouterDaily, openrouterLogs } from './openrouter';
import { recordsOf, runCsv, totals } from './testing';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');

const run = runCsv;



const headerOf = (csv: string) => parseCsv(csv)[0]!.fields.map((h) => h.trim().toLowerCase());

// The real header (no public rows exist); rows below are written to match notes §3b.
const LOGS_HEADER = fixture('openrouter-logs-export.header.csv').trim();
const LOG_ROWS = [
  'gen-1782618417-aB3dE5fG7hI9jK1lM2nO,2026-06-28 03:46:57.713,0.00271425,0,-0.0001575,0,0,4821,312,0,1024,anthropic/claude-sonnet-4.6-20260217,Anthropic,standard,false,true,,end_turn,stop,5120,812,false,ledger-prod,Ledger',
  'gen-1789405331-Qw8eR7tY6uI5oP4aS3dF,2026-09-14 17:02:11.048,0.0004711,0,0,0,0,2210,845,0,0,deepseek/deepseek-chat-v3.1-20250821,DeepInfra,standard,false,true,user-42,stop,stop,3890,640,false,ledger-prod,Ledger',
  'gen-1789405540-Zx1cV2bN3mL4kJ5hG6fD,2026-09-14 17:05:40.502,0,0,0,0,0,900,120,0,0,meta-llama/llama-3.3-70b-instruct,Together,free,false,false,,stop,stop,1210,,false,scratch,',
  'gen-1790928909-Po9iU8yT7rE6wQ5aZ4sX,2026-10-02 08:15:09.990,0.00722,0,0,0,0,15000,3200,2560,12800,openai/gpt-5-mini-2025-08-07,OpenAI,standard,false,true,,completed,stop,21044,9120,false,ledger-prod,Ledger',
];
const LOGS = `${LOGS_HEADER}\n${LOG_ROWS.join('\n')}\n`;
const DAILY = fixture('openrouter-daily-model-export.csv');

const OTHER_HEADERS: Record<string, string> = {
  'openai usage': 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens',
  'openai cost': 'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name',
  'anthropic tokens': headerOf(fixture('claude_api_tokens_2026_03_31.csv')).join(','),
  'anthropic cost': headerOf(fixture('claude_api_cost_2026_02_08_to_2026_02_15.csv')).join(','),
  litellm: 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,starttime,endtime,model',
  helicone: 'response_id,response_created_at,response_status,request_created_at,request_body,request_properties,request_user_id,model,prompt_tokens,completion_tokens,latency,cost_usd',
  azure: 'billingcurrency,dailycost,day,x_skumetername',
};

describe('openrouter-logs', () => {
  const records = recordsOf(run(openrouterLogs, LOGS));

  test('totals', () => {
    expect(records).toHaveLength(4);
    // prompt includes cached and completion includes reasoning (OpenAI semantics), so nothing is added.
    expect(totals(records)).toEqual({ input: 22_931, cached: 13_824, output: 4_477, requests: 4, cost: '0.01040535' });
  });

  test('record fields', () => {
    expect(records[0]).toEqual({
      occurredAt: new Date('2026-06-28T03:46:57.713Z'), granularity: 'request', providerId: 'openrouter',
      rawModel: 'anthropic/claude-sonnet-4.6-20260217', project: 'Ledger', apiKey: 'ledger-prod', userRef: '', requests: 1,
      inputTokens: 4821, cachedInputTokens: 1024, outputTokens: 312, batch: false, reportedCostUsd: '0.00271425',
      keyExtra: 'gen-1782618417-aB3dE5fG7hI9jK1lM2nO',
    });
    expect(records[1]).toMatchObject({ userRef: 'user-42', rawModel: 'deepseek/deepseek-chat-v3.1-20250821' });
    expect(records[2]).toMatchObject({ project: '', apiKey: 'scratch', reportedCostUsd: '0', rawModel: 'meta-llama/llama-3.3-70b-instruct' });
    expect(new Set(records.map((r) => r.keyExtra)).size).toBe(4);
  });

  test('older export with a column fewer and another order; native counts preferred when present', () => {
    const csv = 'created_at,generation_id,model_permaslug,cost_total,tokens_prompt,native_tokens_prompt,tokens_completion,native_tokens_completion,native_tokens_cached\n'
      + '2025-12-01 10:00:00.000,gen-1764583200-abc,openai/gpt-4o-2024-11-20,0.01,1000,1100,50,55,100\n';
    expect(recordsOf(run(openrouterLogs, csv))[0]).toMatchObject({ inputTokens: 1100, outputTokens: 55, cachedInputTokens: 100, reportedCostUsd: '0.01' });
  });

  const withCell = (col: string, value: string) => {
    const header = LOGS_HEADER.split(',');
    const fields = LOG_ROWS[0]!.split(',');
    fields[header.indexOf(col)] = value;
    return `${LOGS_HEADER}\n${fields.join(',')}\n`;
  };
  test.each([
    ['tokens_prompt', '-5', 'tokens_prompt is negative: -5'],
    ['tokens_completion', '12.5', 'tokens_completion is not a whole number: 12.5'],
    ['tokens_cached', '"=HYPERLINK(""http://x"",""3"")"', /tokens_cached is not a number/],
    ['tokens_cached', '9999', 'tokens_cached (9999) exceeds tokens_prompt (4821)'],
    ['cost_total', '=1+2', /cost_total is not an amount/],
    ['created_at', '2026-02-30 10:00:00.000', /created_at is not a real date/],
    ['generation_id', '', 'generation_id is missing'],
  ])('rejects %s = %s', (col, value, reason) => {
    const [o] = run(openrouterLogs, withCell(col, value));
    expect(o!.kind).toBe('reject');
    expect(o!.kind === 'reject' && o!.reason).toMatch(reason);
  });

  test('a row of blanks is skipped', () => {
    const blank = LOGS_HEADER.split(',').map(() => '').join(',');
    expect(run(openrouterLogs, `${LOGS_HEADER}\n${blank}\n`)).toEqual([{ kind: 'skip', reason: 'empty row' }]);
  });
});

describe('openrouter-daily', () => {
  const outcomes = run(openrouterDaily, DAILY);
  const records = recordsOf(outcomes);

  test('fixture totals', () => {
    expect(outcomes.map((o) => o.kind)).toEqual(['records', 'records']);
    expect(totals(records)).toEqual({
      input: 70_965_665 + 87_199_493, cached: 0, output: 3_009_973 + 2_795_119, requests: 4115 + 4254, cost: '935.94',
    });
  });

  test('record fields', () => {
    expect(records[0]).toEqual({
      occurredAt: new Date('2026-05-12T00:00:00Z'), granularity: 'day', providerId: 'openrouter', rawModel: 'anthropic/claude-opus-4.7',
      project: '', apiKey: '', userRef: '', requests: 4115, inputTokens: 70_965_665, cachedInputTokens: 0, outputTokens: 3_009_973,
      batch: false, reportedCostUsd: '430.07',
    });
    expect(records[1]!.occurredAt.toISOString()).toBe('2026-05-13T00:00:00.000Z');
  });

  test('the minimal header (no token columns) reads requests and cost only', () => {
    const [r] = recordsOf(run(openrouterDaily, 'Date,Slug,Usage,BYOK Usage,Requests\n2026-05-14,openai/gpt-4o,1.5,0,3\n'));
    expect(r).toMatchObject({ requests: 3, inputTokens: 0, outputTokens: 0, reportedCostUsd: '1.5', rawModel: 'openai/gpt-4o' });
  });

  const line = (cells: string) => `Date,Slug,Usage,BYOK Usage,Requests,Prompt Tokens,Completion Tokens,Reasoning Tokens\n${cells}\n`;
  test.each([
    ['"2026-05-12 00:00:00","x/y","1","0","-1","0","0","0"', 'Requests is negative: -1'],
    ['"2026-05-12 00:00:00","x/y","1","0","2","10.5","0","0"', 'Prompt Tokens is not a whole number: 10.5'],
    ['"2026-05-12 00:00:00","x/y","=HYPERLINK(""x"")","0","2","1","0","0"', /Usage is not an amount/],
    ['"2026-13-01 00:00:00","x/y","1","0","2","1","0","0"', /Date is not a real date/],
  ])('rejects %s', (cells, reason) => {
    const [o] = run(openrouterDaily, line(cells));
    expect(o!.kind).toBe('reject');
    expect(o!.kind === 'reject' && o!.reason).toMatch(reason);
  });

  test('a day with nothing is an empty bucket', () => {
    expect(run(openrouterDaily, line('"2026-05-12 00:00:00","x/y","0","0","0","0","0","0"'))).toEqual([{ kind: 'skip', reason: 'empty bucket' }]);
  });
});

describe('detect', () => {
  const h = (s: string) => s.split(',');
  test('own fixtures, and each other', () => {
    expect(openrouterLogs.detect(headerOf(LOGS))).toBeGreaterThanOrEqual(0.9);
    expect(openrouterDaily.detect(headerOf(DAILY))).toBeGreaterThanOrEqual(0.9);
    expect(openrouterLogs.detect(headerOf(DAILY))).toBe(0);
    expect(openrouterDaily.detect(headerOf(LOGS))).toBe(0);
  });
  test.each(Object.entries(OTHER_HEADERS))('%s → 0', (_, header) => {
    expect(openrouterLogs.detect(h(header))).toBe(0);
    expect(openrouterDaily.detect(h(header))).toBe(0);
  });
  test('OPENROUTER_FORMATS', () => {
    expect(OPENROUTER_FORMATS.map((f) => [f.id, f.family])).toEqual([['openrouter-logs', 'openrouter-logs'], ['openrouter-daily', 'openrouter-daily']]);
  });
});
