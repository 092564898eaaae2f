import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { D } from '@/lib/money';
import type { CsvFormat, RowOutcome, UsageRecord } from '../types';
import { anthropicConsoleCost, anthropicConsoleTokens } from './anthropic-console';
import { recordsOf, runCsv, totals } from './testing';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');

const run = runCsv;



const headerOf = (csv: string) => parseCsv(csv)[0]!.fields.map((h) => h.trim().toLowerCase());

const TOKENS_HEADER = headerOf(fixture('claude_api_tokens_2026_03_31.csv')).join(',');
const COST_HEADER = headerOf(fixture('claude_api_cost_2026_02_08_to_2026_02_15.csv')).join(',');

/** Headers of the other formats detection runs against. */
const OTHER_HEADERS: Record<string, string> = {
  'openai usage': 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens',
  'openai cost': 'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name',
  'openrouter logs': headerOf(fixture('openrouter-logs-export.header.csv')).join(','),
  'openrouter daily': headerOf(fixture('openrouter-daily-model-export.csv')).join(','),
  litellm: 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,starttime,endtime,model',
  helicone: 'response_id,response_created_at,response_status,request_created_at,request_body,request_properties,request_user_id,model,prompt_tokens,completion_tokens,latency,cost_usd',
};

describe('anthropic-console-tokens', () => {
  const outcomes = run(anthropicConsoleTokens, fixture('claude_api_tokens_2026_03_31.csv'));
  const records = recordsOf(outcomes);

  test('fixture totals', () => {
    expect(outcomes.map((o) => o.kind)).toEqual(['records', 'records']);
    expect(totals(records)).toEqual({ input: 1_124_832 + 506_280, cached: 0, output: 254_558 + 117_816, requests: 0, cost: '0' });
  });

  test('record fields', () => {
    expect(records[0]).toEqual({
      occurredAt: new Date('2026-03-31T02:00:00Z'), granularity: 'hour', providerId: 'anthropic',
      rawModel: 'claude-haiku-4-5-20251001', project: 'Default', apiKey: 'super', userRef: '', requests: 0,
      inputTokens: 1_124_832, cachedInputTokens: 0, outputTokens: 254_558, batch: false, reportedCostUsd: null,
      // standard / ≤ 200k / not_available are the defaults, so the identity matches older exports without them.
      keyExtra: undefined,
    });
    expect(records[1]!.occurredAt.toISOString()).toBe('2026-03-31T03:00:00.000Z');
  });

  const row = (cells: Partial<Record<string, string>>) => {
    const base: Record<string, string> = {
      usage_date_utc: '2026-03-01', model_version: 'claude-sonnet-4-5-20250929', api_key: 'k', workspace: 'W', usage_type: 'standard',
      context_window: '≤ 200k', usage_input_tokens_no_cache: '100', usage_input_tokens_cache_write_5m: '20',
      usage_input_tokens_cache_write_1h: '10', usage_input_tokens_cache_read: '300', usage_output_tokens: '50',
      web_search_count: '0', inference_geo: 'not_available', speed: '',
    };
    const merged = { ...base, ...cells } as Record<string, string>;
    const header = TOKENS_HEADER.split(',');
    return `${TOKENS_HEADER}\n${header.map((h) => `"${merged[h] ?? ''}"`).join(',')}\n`;
  };
  const one = (cells: Partial<Record<string, string>>) => run(anthropicConsoleTokens, row(cells))[0]!;

  test('input adds cache writes and reads; daily date; batch and other dimensions split the bucket', () => {
    const o = one({ usage_type: 'batch', context_window: '> 200k', inference_geo: 'us' });
    expect(o.kind).toBe('records');
    const r = recordsOf([o])[0]!;
    expect(r).toMatchObject({ inputTokens: 430, cachedInputTokens: 300, outputTokens: 50, granularity: 'day', batch: true });
    expect(r.occurredAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(r.keyExtra).toBe('usage_type=batch|context_window=> 200k|inference_geo=us');
  });

  test('older header without context_window, inference_geo and speed, columns in another order', () => {
    const csv = 'workspace,usage_date_utc,model_version,api_key,usage_type,usage_output_tokens,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,web_search_count\n'
      + 'Prod,2025-06-02,claude-opus-4-20250514,ci,standard,7,1,2,3,4,0\n';
    const [r] = recordsOf(run(anthropicConsoleTokens, csv));
    expect(r).toMatchObject({ project: 'Prod', apiKey: 'ci', inputTokens: 10, cachedInputTokens: 4, outputTokens: 7, keyExtra: undefined });
  });

  test.each([
    [{ usage_input_tokens_no_cache: '-5' }, 'usage_input_tokens_no_cache is negative: -5'],
    [{ usage_output_tokens: '1.5' }, 'usage_output_tokens is not a whole number: 1.5'],
    [{ usage_input_tokens_cache_read: '=HYPERLINK("http://x","9")' }, /usage_input_tokens_cache_read is not a number/],
    [{ usage_date_utc: '2026-02-30' }, /usage_date_utc is not a real date/],
    [{ usage_date_utc: '2026-03-01 25:00' }, /usage_date_utc is not a real date/],
    [{ usage_date_utc: '' }, 'usage_date_utc is missing'],
  ])('rejects %j', (cells, reason) => {
    const o = one(cells);
    expect(o.kind).toBe('reject');
    expect(o.kind === 'reject' && o.reason).toMatch(reason);
  });

  test('a row with no tokens is an empty bucket', () => {
    const zero = { usage_input_tokens_no_cache: '0', usage_input_tokens_cache_write_5m: '', usage_input_tokens_cache_write_1h: '0', usage_input_tokens_cache_read: '0', usage_output_tokens: '0' };
    expect(one(zero)).toEqual({ kind: 'skip', reason: 'empty bucket' });
  });
});

describe('anthropic-console-cost', () => {
  const outcomes = run(anthropicConsoleCost, fixture('claude_api_cost_2026_02_08_to_2026_02_15.csv'));
  const records = recordsOf(outcomes);

  test('fixture total to the cent, one record per row', () => {
    expect(outcomes).toHaveLength(24);
    expect(records).toHaveLength(24);
    // Hand sum: 2026-02-12 6.55 + 2026-02-14 12.48 + 2026-02-15 0.94.
    expect(totals(records)).toEqual({ input: 0, cached: 0, output: 0, requests: 0, cost: '19.97' });
    const byDay = (day: string) => records.filter((r) => r.occurredAt.toISOString().startsWith(day)).reduce((s, r) => s.plus(r.reportedCostUsd!), new D(0)).toFixed(2);
    expect([byDay('2026-02-12'), byDay('2026-02-14'), byDay('2026-02-15')]).toEqual(['6.55', '12.48', '0.94']);
  });

  test('record fields', () => {
    expect(records[0]).toMatchObject({
      occurredAt: new Date('2026-02-12T00:00:00Z'), granularity: 'day', providerId: 'anthropic', rawModel: '(unattributed)',
      project: 'Default', apiKey: 'chat-key', batch: false, reportedCostUsd: '0.07', keyExtra: 'cost_type=web_search',
    });
    expect(records[1]).toMatchObject({ rawModel: 'Claude Haiku 4.5', reportedCostUsd: '0.09', keyExtra: 'cost_type=token|token_type=input_no_cache' });
    expect(records[17]).toMatchObject({ rawModel: 'Claude Sonnet 4.5', reportedCostUsd: '2.1', keyExtra: 'cost_type=token|token_type=output' });
  });

  test('the repeated input_cache_write_5m rows stay two records', () => {
    const writes = records.filter((r) => r.occurredAt.toISOString().startsWith('2026-02-12') && r.rawModel === 'Claude Sonnet 4.5' && r.keyExtra?.includes('input_cache_write_5m'));
    expect(writes.map((r) => [r.reportedCostUsd, r.keyExtra])).toEqual([
      ['0.75', 'cost_type=token|token_type=input_cache_write_5m'],
      ['1.16', 'cost_type=token|token_type=input_cache_write_5m#2'],
    ]);
    const keys = records.map((r) => [r.occurredAt.toISOString(), r.rawModel, r.project, r.apiKey, r.batch, r.keyExtra].join('|'));
    expect(new Set(keys).size).toBe(records.length);
  });

  const line = (cost: string, date = '2026-02-12') => `${COST_HEADER}\n${date},Claude Haiku 4.5,Default,k,message,≤ 200k,output,${cost},token,not_available,\n`;
  test.each([
    [line('-'), 'cost_usd is missing'],
    [line('abc'), /cost_usd is not an amount/],
    [line('"=HYPERLINK(""http://x"",""1"")"'), /cost_usd is not an amount/],
    [line('0.10', '2026-02-29'), /usage_date_utc is not a real date/],
  ])('rejects %#', (csv, reason) => {
    const [o] = run(anthropicConsoleCost, csv);
    expect(o!.kind).toBe('reject');
    expect(o!.kind === 'reject' && o!.reason).toMatch(reason);
  });

  test('newer header with list_price_usd; cost_usd kept exactly', () => {
    const csv = 'usage_date_utc,model,workspace,api_key,usage_type,context_window,token_type,cost_usd,list_price_usd,cost_type,inference_geo,speed\n'
      + '2026-04-01 13:00,Claude Opus 4.6,Research,r-key,batch,> 200k,input_cache_write_1h,0.123456,0.25,token,us,fast\n';
    const [r] = recordsOf(run(anthropicConsoleCost, csv));
    expect(r).toMatchObject({
      granularity: 'hour', batch: true, reportedCostUsd: '0.123456', project: 'Research', apiKey: 'r-key',
      keyExtra: 'cost_type=token|token_type=input_cache_write_1h|usage_type=batch|context_window=> 200k|inference_geo=us|speed=fast',
    });
  });
});

describe('detect', () => {
  const h = (s: string) => s.split(',');
  test('own fixtures', () => {
    expect(anthropicConsoleTokens.detect(h(TOKENS_HEADER))).toBeGreaterThanOrEqual(0.9);
    expect(anthropicConsoleCost.detect(h(COST_HEADER))).toBeGreaterThanOrEqual(0.9);
    expect(anthropicConsoleTokens.detect(h(COST_HEADER))).toBeLessThan(0.5);
    expect(anthropicConsoleCost.detect(h(TOKENS_HEADER))).toBe(0);
  });
  test.each(Object.entries(OTHER_HEADERS))('%s → 0', (_, header) => {
    expect(anthropicConsoleTokens.detect(h(header))).toBe(0);
    expect(anthropicConsoleCost.detect(h(header))).toBe(0);
  });
});
