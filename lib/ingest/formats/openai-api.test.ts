import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { D } from '@/lib/money';
import type { JsonFormat, RowOutcome, UsageRecord } from '../types';
import { openaiCostsApi, openaiLegacyBilling, openaiLegacyUsage, openaiUsageApi } from './openai-api';
import { costModel } from './openai-dashboard';
import { OPENAI_FORMATS } from './openai';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8'));

function run(format: JsonFormat, doc: unknown) {
  const outcomes: RowOutcome[] = [...format.rows(doc)].map((r) => r.outcome);
  const records = outcomes.flatMap((o) => (o.kind === 'records' ? o.records : []));
  const skips = outcomes.flatMap((o) => (o.kind === 'skip' ? [o.reason] : []));
  const rejects = outcomes.flatMap((o) => (o.kind === 'reject' ? [o.reason] : []));
  return { records, skips, rejects };
}

function totals(rs: UsageRecord[]) {
  return {
    requests: rs.reduce((s, r) => s + r.requests, 0),
    input: rs.reduce((s, r) => s + r.inputTokens, 0),
    cached: rs.reduce((s, r) => s + r.cachedInputTokens, 0),
    output: rs.reduce((s, r) => s + r.outputTokens, 0),
    cost: rs.reduce((s, r) => (r.reportedCostUsd === null ? s : s.plus(r.reportedCostUsd)), new D(0)).toFixed(),
  };
}

/** A usage page around the given results, one daily bucket on 2024-11-01. */
const usagePage = (...results: object[]) => ({
  object: 'page',
  data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: results.map((r) => ({ object: 'organization.usage.completions.result', ...r })) }],
});
const costPage = (...results: object[]) => ({
  object: 'page',
  data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: results.map((r) => ({ object: 'organization.costs.result', ...r })) }],
});

describe('openai-usage-api', () => {
  test('spec example: one ungrouped daily result', () => {
    const { records, skips, rejects } = run(openaiUsageApi, fixture('openai-usage-api-completions.json'));
    expect(rejects).toEqual([]);
    expect(skips).toEqual([]);
    expect(totals(records)).toEqual({ requests: 5, input: 1000, cached: 400, output: 500, cost: '0' });
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.occurredAt.toISOString()).toBe('2024-11-01T00:00:00.000Z');
    expect(r).toMatchObject({ granularity: 'day', providerId: 'openai', rawModel: '(unattributed)', project: '', apiKey: '', userRef: '', batch: false, reportedCostUsd: null });
    expect(r.keyExtra).toBeUndefined();
  });

  test('an array of pages, grouped results, hourly buckets, empty buckets skipped', () => {
    const hour = { object: 'bucket', start_time: 1730419200, end_time: 1730422800 };
    const doc = [
      { object: 'page', data: [{ ...hour, results: [
        { object: 'organization.usage.completions.result', input_tokens: 10, output_tokens: 2, input_cached_tokens: 4, num_model_requests: 1, model: 'gpt-4o-mini', project_id: 'proj_a', api_key_id: 'key_a', user_id: 'user-a', batch: true, service_tier: 'default' },
        { object: 'organization.usage.completions.result', input_tokens: 20, output_tokens: 3, input_cached_tokens: 0, num_model_requests: 2, model: 'gpt-4o-mini', project_id: 'proj_a', api_key_id: 'key_a', user_id: 'user-a', batch: true, service_tier: 'flex' },
      ] }], has_more: true },
      { object: 'page', data: [{ ...hour, start_time: 1730422800, end_time: 1730426400, results: [] }], has_more: false },
    ];
    const { records, skips } = run(openaiUsageApi, doc);
    expect(skips).toEqual(['empty bucket']);
    expect(records.map((r) => [r.granularity, r.rawModel, r.project, r.apiKey, r.userRef, r.batch, r.keyExtra])).toEqual([
      ['hour', 'gpt-4o-mini', 'proj_a', 'key_a', 'user-a', true, 'service_tier=default'],
      ['hour', 'gpt-4o-mini', 'proj_a', 'key_a', 'user-a', true, 'service_tier=flex'],
    ]);
    expect(totals(records)).toMatchObject({ requests: 3, input: 30, cached: 4, output: 5 });
  });

  test('identical identities within one export are numbered, not merged', () => {
    const same = { input_tokens: 5, output_tokens: 1, num_model_requests: 1, model: 'gpt-5' };
    const { records } = run(openaiUsageApi, usagePage(same, same));
    expect(records.map((r) => r.keyExtra)).toEqual([undefined, '#2']);
  });

  test('bad values reject the one result, naming the field', () => {
    const { records, rejects } = run(openaiUsageApi, usagePage(
      { input_tokens: -5, output_tokens: 1, num_model_requests: 1 },
      { input_tokens: 10.5, output_tokens: 1, num_model_requests: 1 },
      { input_tokens: '=HYPERLINK("http://x","1")', output_tokens: 1, num_model_requests: 1 },
      { input_tokens: 10, input_cached_tokens: 11, output_tokens: 1, num_model_requests: 1 },
      { input_tokens: 10, output_tokens: 1, num_model_requests: 1, batch: 'sometimes' },
      { input_tokens: 10, output_tokens: 1, num_model_requests: 1 },
    ));
    expect(rejects).toEqual([
      'input_tokens is negative: -5',
      'input_tokens is not a whole number: 10.5',
      'input_tokens is not a number: "=HYPERLINK("http://x","1")"',
      'input_cached_tokens (11) exceeds input_tokens (10)',
      'batch is not a yes/no value: "sometimes"',
    ]);
    expect(records).toHaveLength(1);
  });

  test('impossible bucket times reject', () => {
    const doc = { object: 'page', data: [
      { object: 'bucket', start_time: '2024-02-30', end_time: null, results: [{ object: 'organization.usage.completions.result', input_tokens: 1, num_model_requests: 1 }] },
      { object: 'bucket', start_time: 1730505600, end_time: 1730419200, results: [{ object: 'organization.usage.completions.result', input_tokens: 1, num_model_requests: 1 }] },
    ] };
    const { rejects } = run(openaiUsageApi, doc);
    expect(rejects[0]).toMatch(/start_time is not a real date/);
    expect(rejects[1]).toMatch(/end_time .* is not after start_time/);
  });

  test('other usage endpoints are skipped with a reason; embeddings are read', () => {
    const doc = { object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [
      { object: 'organization.usage.images.result', images: 2, num_model_requests: 2 },
      { object: 'organization.usage.embeddings.result', input_tokens: 300, num_model_requests: 3, model: 'text-embedding-3-small' },
    ] }] };
    const { records, skips } = run(openaiUsageApi, doc);
    expect(skips).toEqual(['organization.usage.images.result results are not completion token usage']);
    expect(records.map((r) => [r.rawModel, r.inputTokens, r.outputTokens, r.requests])).toEqual([['text-embedding-3-small', 300, 0, 3]]);
  });
});

describe('openai-costs-api', () => {
  test('spec example: $0.06 ungrouped', () => {
    const { records, skips, rejects } = run(openaiCostsApi, fixture('openai-costs-api.json'));
    expect([skips, rejects]).toEqual([[], []]);
    expect(totals(records)).toEqual({ requests: 0, input: 0, cached: 0, output: 0, cost: '0.06' });
    const r = records[0]!;
    expect(r.occurredAt.toISOString()).toBe('2024-11-01T00:00:00.000Z');
    expect(r).toMatchObject({ granularity: 'day', providerId: 'openai', rawModel: '(unattributed)', project: '', reportedCostUsd: '0.06' });
    expect(r.keyExtra).toBeUndefined();
  });

  test('a lone result object has no time: rejected with the reason', () => {
    const doc = fixture('openai-costs-api-result-object.json');
    expect(openaiCostsApi.detect(doc)).toBe(0.5);
    expect(openaiUsageApi.detect(doc)).toBe(0);
    const { records, rejects } = run(openaiCostsApi, doc);
    expect(records).toEqual([]);
    expect(rejects).toEqual(['a lone costs result has no bucket, so no time: export the whole page (object "page" with data[] of buckets)']);
  });

  test('line items: one record each, model taken from "<model>, <component>", dollars exact', () => {
    const { records, rejects } = run(openaiCostsApi, costPage(
      { amount: { value: 0.000015, currency: 'usd' }, line_item: 'gpt-4o-2024-08-06, input', project_id: 'proj_abc' },
      { amount: { value: '1.2300000000', currency: 'usd' }, line_item: 'gpt-4o-2024-08-06, output', project_id: 'proj_abc' },
      { amount: { value: 0.5, currency: 'usd' }, line_item: 'web search tool calls', project_id: 'proj_abc' },
      { amount: { value: 1, currency: 'eur' }, line_item: 'x' },
      { amount: { value: 'lots', currency: 'usd' }, line_item: 'y' },
    ));
    expect(rejects).toEqual(['currency is "eur": only US dollars are supported', 'amount.value is not an amount: "lots"']);
    expect(records.map((r) => [r.rawModel, r.keyExtra, r.project, r.reportedCostUsd])).toEqual([
      ['gpt-4o-2024-08-06', 'gpt-4o-2024-08-06, input', 'proj_abc', '0.000015'],
      ['gpt-4o-2024-08-06', 'gpt-4o-2024-08-06, output', 'proj_abc', '1.23'],
      ['web search tool calls', 'web search tool calls', 'proj_abc', '0.5'],
    ]);
    expect(totals(records).cost).toBe('1.730015');
  });

  test('costModel', () => {
    expect(costModel('input_tokens')).toBe('input_tokens');
    expect(costModel('gpt-realtime-2.1, audio input')).toBe('gpt-realtime-2.1');
    expect(costModel('')).toBe('(unattributed)');
  });
});

describe('openai-legacy-usage', () => {
  test('5-minute snapshot rows', () => {
    const { records, skips, rejects } = run(openaiLegacyUsage, fixture('openai-legacy-v1-usage.json'));
    expect([skips, rejects]).toEqual([[], []]);
    expect(totals(records)).toEqual({ requests: 8, input: 1176, cached: 0, output: 906, cost: '0' });
    expect(records.map((r) => [r.occurredAt.toISOString(), r.granularity, r.rawModel, r.keyExtra])).toEqual([
      ['2023-05-06T17:00:00.000Z', 'minute', 'gpt-3.5-turbo-0301', 'completion'],
      ['2023-05-06T17:05:00.000Z', 'minute', 'gpt-3.5-turbo-0301', 'completion'],
      ['2023-05-06T17:10:00.000Z', 'minute', 'code-cushman-001', 'completion'],
    ]);
    expect(records.every((r) => r.providerId === 'openai' && !r.batch)).toBe(true);
  });

  test('DALL·E entries are skipped with a reason', () => {
    const { records, skips } = run(openaiLegacyUsage, fixture('openai-legacy-v1-usage-with-dalle.json'));
    expect(skips).toEqual(['DALL·E image usage is not token usage']);
    expect(totals(records)).toEqual({ requests: 2, input: 554, cached: 0, output: 1224, cost: '0' });
    expect(records[0]!.rawModel).toBe('gpt-4-0314');
  });

  test('bad values reject', () => {
    const { rejects } = run(openaiLegacyUsage, { object: 'list', data: [
      { aggregation_timestamp: 1683392400, n_requests: 1, operation: 'completion', snapshot_id: 'x', n_context_tokens_total: -1, n_generated_tokens_total: 1 },
      { aggregation_timestamp: 1683392400, n_requests: 1.5, operation: 'completion', snapshot_id: 'x', n_context_tokens_total: 1, n_generated_tokens_total: 1 },
      { aggregation_timestamp: 99, n_requests: 1, operation: 'completion', snapshot_id: 'x', n_context_tokens_total: 1, n_generated_tokens_total: 1 },
    ] });
    expect(rejects).toEqual(['n_context_tokens_total is negative: -1', 'n_requests is not a whole number: 1.5', 'aggregation_timestamp is out of range: 1970-01-01T00:01:39.000Z']);
  });
});

describe('openai-legacy-billing', () => {
  test('cents per line item, zero items skipped', () => {
    const { records, skips, rejects } = run(openaiLegacyBilling, fixture('openai-legacy-billing-usage.json'));
    expect(rejects).toEqual([]);
    expect(skips).toHaveLength(14 - 5);
    // 32 + 0.2964 cents on 2023-05-06, 4 + 15 + 16 cents on 2023-05-07.
    expect(totals(records)).toEqual({ requests: 0, input: 0, cached: 0, output: 0, cost: '0.672964' });
    expect(records.map((r) => [r.occurredAt.toISOString().slice(0, 10), r.rawModel, r.keyExtra, r.reportedCostUsd])).toEqual([
      ['2023-05-06', 'Instruct models', 'Instruct models', '0.32'],
      ['2023-05-06', 'Chat models', 'Chat models', '0.002964'],
      ['2023-05-07', 'Fine-tuned models', 'Fine-tuned models', '0.04'],
      ['2023-05-07', 'Image models', 'Image models', '0.15'],
      ['2023-05-07', 'Audio models', 'Audio models', '0.16'],
    ]);
    expect(records.every((r) => r.granularity === 'day' && r.providerId === 'openai')).toBe(true);
  });
});

describe('detection', () => {
  const json = ['openai-usage-api-completions.json', 'openai-costs-api.json', 'openai-costs-api-result-object.json', 'openai-legacy-v1-usage.json',
    'openai-legacy-v1-usage-with-dalle.json', 'openai-legacy-billing-usage.json', 'anthropic-admin-usage-report.RECONSTRUCTED.json',
    'anthropic-admin-cost-report.RECONSTRUCTED.json', 'litellm-user-daily-activity.json', 'bedrock-invocation-log.json', 'langfuse-observation.json'];
  const expected: Record<string, string | null> = {
    'openai-usage-api-completions.json': 'openai-usage-api',
    'openai-costs-api.json': 'openai-costs-api',
    'openai-costs-api-result-object.json': 'openai-costs-api',
    'openai-legacy-v1-usage.json': 'openai-legacy-usage',
    'openai-legacy-v1-usage-with-dalle.json': 'openai-legacy-usage',
    'openai-legacy-billing-usage.json': 'openai-legacy-billing',
  };
  test.each(json)('%s', (name) => {
    const doc = fixture(name);
    const scores = OPENAI_FORMATS.filter((f) => f.kind === 'json').map((f) => [f.id, (f as JsonFormat).detect(doc)] as const);
    const best = scores.filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
    expect(best[0]?.[0] ?? null).toBe(expected[name] ?? null);
    if (expected[name] && name !== 'openai-costs-api-result-object.json') expect(best[0]![1]).toBeGreaterThanOrEqual(0.9);
    expect(best.filter(([, s]) => s > 0)).toHaveLength(expected[name] ? 1 : 0);
  });
});

test('a result of the other kind is rejected, a costs result without amount too', () => {
  const usageInCost = { object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [
    { object: 'organization.costs.result', amount: { value: 1, currency: 'usd' } },
    { object: 'organization.usage.completions.result', input_tokens: 1, num_model_requests: 1 },
    { object: 'organization.costs.result' },
  ] }] };
  expect(run(openaiCostsApi, usageInCost).rejects).toEqual(['a organization.usage.completions.result in an OpenAI costs export', 'amount is missing']);
  expect(run(openaiUsageApi, usageInCost).rejects).toEqual(['a organization.costs.result in an OpenAI usage export', 'a organization.costs.result in an OpenAI usage export']);
});
