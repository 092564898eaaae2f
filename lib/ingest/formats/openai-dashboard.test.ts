import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import { D } from '@/lib/money';
import type { CsvFormat, RowOutcome, UsageRecord } from '../types';
import { openaiCostsApi, openaiUsageApi } from './openai-api';
import { identityHash, openaiDashboardCost, openaiDashboardUsage, ordinals } from './openai-dashboard';
import { record } from '../values';
import { OPENAI_FORMATS } from './openai';

const read = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');

/** Splits and lower-cases the header the way the pipeline does, then runs every row. */
function run(format: CsvFormat, csv: string) {
  const [head, ...rows] = parseCsv(csv);
  const header = head!.fields.map((h) => h.trim().toLowerCase());
  const reader = format.start(header);
  const outcomes: RowOutcome[] = rows.map((r) => reader(r.fields));
  return {
    records: outcomes.flatMap((o) => (o.kind === 'records' ? o.records : [])),
    skips: outcomes.flatMap((o) => (o.kind === 'skip' ? [o.reason] : [])),
    rejects: outcomes.flatMap((o) => (o.kind === 'reject' ? [o.reason] : [])),
  };
}

const headerOf = (csv: string) => parseCsv(csv)[0]!.fields.map((h) => h.trim().toLowerCase());

function totals(rs: UsageRecord[]) {
  return {
    requests: rs.reduce((s, r) => s + r.requests, 0),
    input: rs.reduce((s, r) => s + r.inputTokens, 0),
    cached: rs.reduce((s, r) => s + r.cachedInputTokens, 0),
    output: rs.reduce((s, r) => s + r.outputTokens, 0),
    cost: rs.reduce((s, r) => (r.reportedCostUsd === null ? s : s.plus(r.reportedCostUsd)), new D(0)).toFixed(),
  };
}

const USAGE_HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
const COST_HEADER = 'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name';

describe('openai-dashboard-usage', () => {
  test('real export: 6 records, 1 empty bucket', () => {
    const { records, skips, rejects } = run(openaiDashboardUsage, read('openai-dashboard-usage-export.tsv'));
    expect(rejects).toEqual([]);
    expect(skips).toEqual(['empty bucket']);
    expect(records).toHaveLength(6);
    expect(totals(records)).toEqual({ requests: 53, input: 339711, cached: 13952, output: 549459, cost: '0' });
    const r = records[0]!;
    expect(r.occurredAt.toISOString()).toBe('2025-10-05T00:00:00.000Z');
    expect(r).toMatchObject({
      granularity: 'day', providerId: 'openai', rawModel: 'gpt-4o-2024-08-06', project: 'proj_4BhNtYH0z7dWbBtzhibxa65W',
      apiKey: 'key_OYRZfEkH5R9CNgtY', userRef: 'user-dAU7Ud7OljwJvKfi4wQzWHyV', batch: false, requests: 10, inputTokens: 59200,
      cachedInputTokens: 5760, outputTokens: 10646, reportedCostUsd: null, keyExtra: 'service_tier=default',
    });
    // Two rows for 2025-10-06 gpt-5 with identical dimensions: both kept, the second numbered.
    const gpt5 = records.filter((x) => x.rawModel === 'gpt-5-2025-08-07');
    expect(gpt5.map((x) => [x.requests, x.keyExtra])).toEqual([[8, 'service_tier=default'], [1, 'service_tier=default#2']]);
  });

  test('same bucket as the Usage API gives the same identity', () => {
    const csv = `${USAGE_HEADER}\n1730419200,1730505600,2024-11-01T00:00:00+00:00,2024-11-02T00:00:00+00:00,proj_a,5.0,user-a,key_a,gpt-4o,FALSE,default,1000.0,500.0,400.0\n`;
    const fromCsv = run(openaiDashboardUsage, csv).records[0]!;
    const fromApi = [...openaiUsageApi.rows({ object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [
      { object: 'organization.usage.completions.result', input_tokens: 1000, output_tokens: 500, input_cached_tokens: 400, num_model_requests: 5, project_id: 'proj_a', user_id: 'user-a', api_key_id: 'key_a', model: 'gpt-4o', batch: false, service_tier: 'default' },
    ] }] })][0]!.outcome;
    expect(fromApi).toEqual({ kind: 'records', records: [fromCsv] });
    expect(openaiDashboardUsage.family).toBe(openaiUsageApi.family);
  });

  test('comma CSV, minute buckets, ISO-only times, columns in any order', () => {
    const csv = 'model,input_tokens,output_tokens,num_model_requests,start_time_iso,end_time_iso,api_key_id,start_time,end_time\n'
      + 'gpt-4o-mini,10,5,1,2025-10-27T10:01:00+00:00,2025-10-27T10:02:00+00:00,key_1,,\n'
      + 'gpt-4o-mini,20,5,2,,,key_2,1761559260,1761559320\n';
    const { records, rejects } = run(openaiDashboardUsage, csv);
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.occurredAt.toISOString(), r.granularity, r.apiKey, r.batch])).toEqual([
      ['2025-10-27T10:01:00.000Z', 'minute', 'key_1', false],
      ['2025-10-27T10:01:00.000Z', 'minute', 'key_2', false],
    ]);
  });

  test('a no-usage export (only the four time columns): detected, every row skipped', () => {
    const csv = 'start_time,end_time,start_time_iso,end_time_iso\n1759881600,1759968000,2025-10-08T00:00:00+00:00,2025-10-09T00:00:00+00:00\n';
    expect(openaiDashboardUsage.detect(headerOf(csv))).toBe(0.6);
    expect(openaiDashboardCost.detect(headerOf(csv))).toBe(0);
    expect(run(openaiDashboardUsage, csv)).toEqual({ records: [], skips: ['empty bucket'], rejects: [] });
  });

  test('bad cells reject the row, naming the field', () => {
    const row = (cells: Partial<Record<'start' | 'end' | 'req' | 'in' | 'out' | 'cached' | 'batch', string>>) =>
      [cells.start ?? '1759622400', cells.end ?? '1759708800', '', '', 'proj', cells.req ?? '1.0', 'u', 'k', 'gpt-4o', cells.batch ?? 'FALSE', 'default', cells.in ?? '10.0', cells.out ?? '1.0', cells.cached ?? '0.0'].join(',');
    const csv = [USAGE_HEADER, row({ in: '-5' }), row({ out: '10.5' }), row({ req: '"=HYPERLINK(""http://x"",""3"")"' }), row({ cached: '11' }),
      row({ start: '2024-02-30' }), row({ start: '1759708800', end: '1759622400' }), row({ batch: 'maybe' }), row({})].join('\n');
    const { records, rejects } = run(openaiDashboardUsage, csv);
    expect(rejects).toEqual([
      'input_tokens is negative: -5',
      'output_tokens is not a whole number: 10.5',
      'num_model_requests is not a number: "=HYPERLINK("http://x","3")"',
      'input_cached_tokens (11) exceeds input_tokens (10)',
      'start_time is not a real date: "2024-02-30"',
      'end_time 2025-10-05T00:00:00.000Z is not after start_time 2025-10-06T00:00:00.000Z',
      'batch is not a yes/no value: "maybe"',
    ]);
    expect(records).toHaveLength(1);
  });
});

describe('openai-dashboard-cost', () => {
  test('real export: 6 days, 2 empty buckets, exact dollars', () => {
    const { records, skips, rejects } = run(openaiDashboardCost, read('openai-dashboard-cost-export.tsv'));
    expect(rejects).toEqual([]);
    expect(skips).toEqual(['empty bucket', 'empty bucket']);
    expect(totals(records)).toEqual({ requests: 0, input: 0, cached: 0, output: 0, cost: '2.98595375' });
    expect(records.map((r) => r.reportedCostUsd)).toEqual(['0.895874', '0.56177125', '0.569788', '0.5455665', '0.3409', '0.072054']);
    const r = records[0]!;
    expect(r.occurredAt.toISOString()).toBe('2025-10-05T00:00:00.000Z');
    expect(r).toMatchObject({ granularity: 'day', providerId: 'openai', rawModel: '(unattributed)', project: '', apiKey: '', requests: 0, inputTokens: 0 });
    expect(r.keyExtra).toBeUndefined();
  });

  test('same bucket as the Costs API gives the same identity', () => {
    const csv = `${COST_HEADER}\n1730419200,1730505600,,,0.0600000000,usd,"gpt-4o, input",proj_abc,org-1,Personal\n`;
    const fromCsv = run(openaiDashboardCost, csv).records[0]!;
    const fromApi = [...openaiCostsApi.rows({ object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [
      { object: 'organization.costs.result', amount: { value: 0.06, currency: 'usd' }, line_item: 'gpt-4o, input', project_id: 'proj_abc' },
    ] }] })][0]!.outcome;
    expect(fromApi).toEqual({ kind: 'records', records: [fromCsv] });
    expect(fromCsv).toMatchObject({ rawModel: 'gpt-4o', keyExtra: 'gpt-4o, input', reportedCostUsd: '0.06' });
    expect(openaiDashboardCost.family).toBe(openaiCostsApi.family);
  });

  test('bad cells reject', () => {
    const csv = [COST_HEADER, '1759622400,1759708800,,,=HYPERLINK("x"),usd,,,,', '1759622400,1759708800,,,1.5,eur,,,,', '2024-13-01,,,,1.5,usd,,,,'].join('\n');
    expect(run(openaiDashboardCost, csv).rejects).toEqual([
      'amount_value is not an amount: "=HYPERLINK("x")"',
      'currency is "eur": only US dollars are supported',
      'start_time is not a real date: "2024-13-01"',
    ]);
  });
});

describe('detection', () => {
  const files: [string, string | null][] = [
    ['openai-dashboard-usage-export.tsv', 'openai-dashboard-usage'],
    ['openai-dashboard-cost-export.tsv', 'openai-dashboard-cost'],
    ['claude_api_cost_2026_02_08_to_2026_02_15.csv', null],
    ['claude_api_tokens_2026_03_31.csv', null],
    ['openrouter-daily-model-export.csv', null],
    ['openrouter-logs-export.header.csv', null],
    ['litellm-spendlogs.SAMPLE.csv', null],
    ['helicone-export.header.csv', null],
  ];
  test.each(files)('%s', (name, id) => {
    const header = headerOf(read(name));
    const scores = OPENAI_FORMATS.flatMap((f) => (f.kind === 'csv' && f.detect(header) > 0 ? [[f.id, f.detect(header)] as const] : []));
    expect(scores.map(([fid]) => fid)).toEqual(id ? [id] : []);
    if (id) expect(scores[0]![1]).toBeGreaterThanOrEqual(0.9);
  });
});

describe('ordinals within a bucket', () => {
  const at = new Date('2026-08-01T00:00:00Z');
  const rec = (userRef: string, at2 = at) => record({ occurredAt: at2, granularity: 'minute', providerId: 'openai', rawModel: 'gpt-4o', project: 'p', apiKey: 'k', userRef });
  const keys = (rs: UsageRecord[]) => {
    const number = ordinals();
    return rs.map((r) => {
      const o = number({ kind: 'records', records: [r] });
      return o.kind === 'records' ? `${o.records[0]!.userRef}${o.records[0]!.keyExtra ?? ''}` : '?';
    });
  };

  test('a repeated identity is numbered, a new bucket starts again', () => {
    const later = new Date('2026-08-01T00:01:00Z');
    expect(keys([rec('a'), rec('b'), rec('a'), rec('a'), rec('a', later)])).toEqual(['a', 'b', 'a#2', 'a#3', 'a']);
  });

  test('two identities with the same 30-bit hash are still told apart exactly', () => {
    // Find a collision among generated users (a birthday search: about 2^15 tries).
    const byHash = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const u = `user-${i}`;
      const h = identityHash(rec(u));
      const other = byHash.get(h);
      if (other) pair = [other, u];
      else byHash.set(h, u);
    }
    const [x, y] = pair;
    expect(identityHash(rec(x))).toBe(identityHash(rec(y)));
    expect(keys([rec(x), rec(y), rec(x), rec(y), rec(y)])).toEqual([x, y, `${x}#2`, `${y}#2`, `${y}#3`]);
  });
});
