import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { D } from '@/lib/money';
import type { JsonFormat, RowOutcome, UsageRecord } from '../types';
import { anthropicCostReport, anthropicUsageReport } from './anthropic-api';
import { ANTHROPIC_FORMATS } from './anthropic';
import { recordsOf, totals } from './testing';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8'));
const USAGE = fixture('anthropic-admin-usage-report.RECONSTRUCTED.json');
const COST = fixture('anthropic-admin-cost-report.RECONSTRUCTED.json');

const run = (format: JsonFormat, doc: unknown) => [...format.rows(doc)];
const outcomesOf = (format: JsonFormat, doc: unknown): RowOutcome[] => run(format, doc).map((r) => r.outcome);


const bucket = (results: unknown[], start = '2025-08-01T00:00:00Z', end = '2025-08-02T00:00:00Z') => ({ starting_at: start, ending_at: end, results });
const usageResult = (over: Record<string, unknown> = {}) => ({
  uncached_input_tokens: 10, cache_creation: { ephemeral_1h_input_tokens: 1, ephemeral_5m_input_tokens: 2 },
  cache_read_input_tokens: 30, output_tokens: 5, api_key_id: null, workspace_id: null, model: 'claude-haiku-4-5-20251001',
  service_tier: 'standard', context_window: '0-200k', inference_geo: null, ...over,
});
const costResult = (over: Record<string, unknown> = {}) => ({
  currency: 'USD', amount: '50', workspace_id: null, description: null, cost_type: null, context_window: null,
  model: null, service_tier: null, token_type: null, inference_geo: null, ...over,
});

describe('anthropic-usage-report', () => {
  test('fixture totals and record', () => {
    const rows = run(anthropicUsageReport, USAGE);
    expect(rows.map((r) => r.line)).toEqual([1]);
    const records = recordsOf(rows.map((r) => r.outcome));
    // 1500 uncached + 1000 (5m) + 0 (1h) cache writes + 200 cache reads.
    expect(totals(records)).toEqual({ input: 2700, cached: 200, output: 500, requests: 0, cost: '0' });
    expect(records[0]).toEqual({
      occurredAt: new Date('2025-08-01T00:00:00Z'), granularity: 'day', providerId: 'anthropic', rawModel: 'claude-sonnet-4-20250514',
      project: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ', apiKey: 'apikey_01Rj2N8SVvo6BePZj99NhmiT', userRef: '', requests: 0,
      inputTokens: 2700, cachedInputTokens: 200, outputTokens: 500, batch: false, reportedCostUsd: null, keyExtra: undefined,
    });
  });

  test('array of pages; every result of a bucket is its own record; batch; hourly; empty buckets skipped', () => {
    const doc = [
      { data: [bucket([usageResult(), usageResult({ model: 'claude-sonnet-4-5', service_tier: 'batch', workspace_id: 'wrkspc_b', requests: 7 })], '2025-08-01T10:00:00Z', '2025-08-01T11:00:00Z')], has_more: true },
      { data: [bucket([], '2025-08-01T11:00:00Z', '2025-08-01T12:00:00Z')], has_more: false },
    ];
    const rows = run(anthropicUsageReport, doc);
    expect(rows.map((r) => [r.line, r.outcome.kind])).toEqual([[1, 'records'], [2, 'records'], [3, 'skip']]);
    expect(rows[2]!.outcome).toEqual({ kind: 'skip', reason: 'empty bucket' });
    const records = recordsOf(rows.map((r) => r.outcome));
    expect(totals(records)).toEqual({ input: 86, cached: 60, output: 10, requests: 7, cost: '0' });
    expect(records[0]).toMatchObject({ granularity: 'hour', project: '', apiKey: '', rawModel: 'claude-haiku-4-5-20251001', batch: false, keyExtra: undefined });
    expect(records[1]).toMatchObject({ project: 'wrkspc_b', batch: true, keyExtra: 'service_tier=batch' });
  });

  test('a result with no usage is skipped; a missing model is a placeholder, not invented', () => {
    const zero = usageResult({ uncached_input_tokens: 0, cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 }, cache_read_input_tokens: 0, output_tokens: 0 });
    const outcomes = outcomesOf(anthropicUsageReport, { data: [bucket([zero, usageResult({ model: null })])] });
    expect(outcomes[0]).toEqual({ kind: 'skip', reason: 'empty bucket' });
    expect(recordsOf(outcomes)[0]!.rawModel).toBe('(unattributed)');
  });

  test.each([
    [{ uncached_input_tokens: -5 }, 'uncached_input_tokens is negative: -5'],
    [{ output_tokens: 2.5 }, 'output_tokens is not a whole number: 2.5'],
    [{ cache_creation: { ephemeral_5m_input_tokens: '=HYPERLINK("x")' } }, /cache_creation.ephemeral_5m_input_tokens is not a number/],
    [{ cache_read_input_tokens: '1.5' }, 'cache_read_input_tokens is not a whole number: 1.5'],
  ])('rejects %j', (over, reason) => {
    const [o] = outcomesOf(anthropicUsageReport, { data: [bucket([usageResult(over)])] });
    expect(o!.kind).toBe('reject');
    expect(o!.kind === 'reject' && o!.reason).toMatch(reason);
  });

  test('rejects impossible bucket times', () => {
    const [a] = outcomesOf(anthropicUsageReport, { data: [bucket([usageResult()], '2025-02-30T00:00:00Z', '2025-03-01T00:00:00Z')] });
    expect(a).toEqual({ kind: 'reject', reason: 'starting_at is not a real date: "2025-02-30T00:00:00Z"' });
    const [b] = outcomesOf(anthropicUsageReport, { data: [bucket([usageResult()], '2025-08-02T00:00:00Z', '2025-08-01T00:00:00Z')] });
    expect(b).toEqual({ kind: 'reject', reason: 'ending_at is not after starting_at' });
  });
});

describe('anthropic-cost-report', () => {
  test('fixture: amount is cents', () => {
    const records = recordsOf(outcomesOf(anthropicCostReport, COST));
    // "123.78912" cents = $1.2378912, fractional cents kept.
    expect(totals(records)).toEqual({ input: 0, cached: 0, output: 0, requests: 0, cost: '1.2378912' });
    expect(records[0]).toEqual({
      occurredAt: new Date('2025-08-01T00:00:00Z'), granularity: 'day', providerId: 'anthropic', rawModel: 'claude-sonnet-4-20250514',
      project: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ', apiKey: '', userRef: '', requests: 0, inputTokens: 0, cachedInputTokens: 0,
      outputTokens: 0, batch: false, reportedCostUsd: '1.2378912',
      keyExtra: 'description=Claude Sonnet 4 Usage - Input Tokens|cost_type=tokens|token_type=uncached_input_tokens',
    });
  });

  test('several results per bucket; ungrouped totals; description as model fallback; sum exact', () => {
    const doc = { data: [
      bucket([
        costResult({ amount: '0.1' }),
        costResult({ amount: '0.2', workspace_id: 'wrkspc_x' }),
        costResult({ amount: '1234.5', description: 'Web Search', cost_type: 'web_search' }),
        costResult({ amount: '7', model: 'claude-haiku-4-5', token_type: 'output_tokens', cost_type: 'tokens', service_tier: 'batch' }),
      ]),
      bucket([], '2025-08-02T00:00:00Z', '2025-08-03T00:00:00Z'),
    ] };
    const outcomes = outcomesOf(anthropicCostReport, doc);
    expect(outcomes.map((o) => o.kind)).toEqual(['records', 'records', 'records', 'records', 'skip']);
    const records = recordsOf(outcomes);
    expect(totals(records).cost).toBe('12.418'); // (0.1 + 0.2 + 1234.5 + 7) cents
    expect(records.map((r) => [r.rawModel, r.project, r.batch, r.keyExtra])).toEqual([
      ['(unattributed)', '', false, 'cost'],
      ['(unattributed)', 'wrkspc_x', false, 'cost'],
      ['Web Search', '', false, 'description=Web Search|cost_type=web_search'],
      ['claude-haiku-4-5', '', true, 'cost_type=tokens|token_type=output_tokens|service_tier=batch'],
    ]);
  });

  test.each([
    [{ amount: 'abc' }, 'amount is not an amount: "abc"'],
    [{ amount: '=HYPERLINK("x")' }, /amount is not an amount/],
    [{ amount: null }, 'amount is missing'],
    [{ currency: 'EUR' }, 'currency is EUR, not USD'],
  ])('rejects %j', (over, reason) => {
    const [o] = outcomesOf(anthropicCostReport, { data: [bucket([costResult(over)])] });
    expect(o!.kind).toBe('reject');
    expect(o!.kind === 'reject' && o!.reason).toMatch(reason);
  });
});

describe('detect', () => {
  const openaiUsage = { object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [{ object: 'organization.usage.completions.result', input_tokens: 1000, output_tokens: 500, num_model_requests: 5 }] }] };
  const openaiCost = { object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [{ object: 'organization.costs.result', amount: { value: 0.06, currency: 'usd' } }] }] };
  const litellm = { results: [{ date: '2025-03-27', metrics: { spend: 0.01 } }] };

  test('own fixtures, and each other', () => {
    expect(anthropicUsageReport.detect(USAGE)).toBeGreaterThanOrEqual(0.9);
    expect(anthropicCostReport.detect(COST)).toBeGreaterThanOrEqual(0.9);
    expect(anthropicUsageReport.detect(COST)).toBe(0);
    expect(anthropicCostReport.detect(USAGE)).toBe(0);
    expect(anthropicUsageReport.detect([USAGE, USAGE])).toBeGreaterThanOrEqual(0.9);
  });

  test.each([['openai usage', openaiUsage], ['openai cost', openaiCost], ['litellm', litellm], ['array', [1, 2]], ['null', null], ['empty page', { data: [] }]])('%s → 0', (_, doc) => {
    expect(anthropicUsageReport.detect(doc)).toBe(0);
    expect(anthropicCostReport.detect(doc)).toBe(0);
  });

  test('only empty buckets: low scores, nothing to import either way', () => {
    const doc = { data: [bucket([])] };
    expect(anthropicUsageReport.detect(doc)).toBeLessThan(0.5);
    expect(anthropicCostReport.detect(doc)).toBeLessThan(anthropicUsageReport.detect(doc));
  });

  test('ANTHROPIC_FORMATS has unique ids and the two families', () => {
    expect(new Set(ANTHROPIC_FORMATS.map((f) => f.id)).size).toBe(4);
    expect(Object.fromEntries(ANTHROPIC_FORMATS.map((f) => [f.id, f.family]))).toEqual({
      'anthropic-console-tokens': 'anthropic-usage', 'anthropic-console-cost': 'anthropic-cost',
      'anthropic-usage-report': 'anthropic-usage', 'anthropic-cost-report': 'anthropic-cost',
    });
  });
});
