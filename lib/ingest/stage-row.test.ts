import { describe, expect, test } from 'vitest';
import { createResolver } from '@/lib/catalog/resolve';
import { createPricer } from './costing';
import { createStager, rowKey, USAGE_COLUMNS } from './stage-row';
import type { UsageRecord } from './types';
import { record } from './values';
import type { CopyType } from './copy-decode';
import { decodeCopyBinary } from './copy-decode';

const WS = '00000000-0000-4000-8000-000000000000';
const UP = '00000000-0000-4000-8000-000000000001';
const base = record({
  occurredAt: new Date('2026-08-01T00:01:00Z'), granularity: 'minute', providerId: 'openai', rawModel: 'gpt-4o-2024-08-06', project: 'proj_1',
  apiKey: 'key_0', userRef: 'user-1', requests: 3, inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 100_000, keyExtra: 'service_tier=default',
});

function stager() {
  return createStager({
    family: 'openai-usage', workspaceId: WS, uploadId: UP, resolve: createResolver([{ pattern: 'gpt-4o-2024-08-06', modelId: 'gpt-4o-2024-08-06', rank: 1 }]),
    vendorOf: new Map([['gpt-4o-2024-08-06', 'openai']]), known: new Set(['openai']),
    pricer: createPricer({
      workspaceId: WS, discounts: [],
      candidates: [{ sheetId: 's', workspaceId: null, source: 'litellm', complete: true, effectiveFrom: '2024-01-01', modelId: 'gpt-4o-2024-08-06', providerId: 'openai', inputPerMtok: '2.5', outputPerMtok: '10', cachedInputPerMtok: '1.25', batchInputPerMtok: null, batchOutputPerMtok: null }],
    }),
  });
}

const TYPES: CopyType[] = ['uuid', 'uuid', 'uuid', 'timestamptz', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bool', 'int8', 'int8', 'int8', 'int8', 'numeric', 'numeric', 'text'];
const lines = (b: { usage: Buffer[] }) => decodeCopyBinary(b.usage, TYPES);
const col = (c: (typeof USAGE_COLUMNS)[number]) => USAGE_COLUMNS.indexOf(c);

describe('staged COPY rows (binary)', () => {
  test('the row key is the one databases already hold (SHA-256 of the dimensions, as a uuid)', () => {
    expect(rowKey('openai-usage', '2026-08-01T00:01:00.000Z', base)).toBe('ff19c6c9-4379-983f-e820-3621a99c73ca');
    const s = stager();
    s(base);
    const [line] = lines(s.take());
    expect(line![col('row_key')]).toBe('ff19c6c9-4379-983f-e820-3621a99c73ca');
  });

  test.each<[string, Partial<UsageRecord>, string | null, string]>([
    // Prices of 2 decimals: the cost is an integer of 10^-8 dollars. 0.8M×2.5 + 0.2M×1.25 + 0.1M×10 = $3.25.
    ['uncached, cached and output', {}, '3.25000000', 'priced'],
    // Batch: half the input and output prices, the cached price as it is: 0.8M×1.25 + 0.2M×1.25 + 0.1M×5 = $1.75.
    ['batch: half price', { batch: true }, '1.75000000', 'priced'],
    // 7 input tokens at $2.50 per 1M: $0.0000175, below the first base-10000 digit after the point.
    ['a fraction of a cent', { inputTokens: 7, cachedInputTokens: 0, outputTokens: 0 }, '0.00001750', 'priced'],
    ['no tokens: cost only', { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reportedCostUsd: '1.5' }, null, 'cost_only'],
    ['unmapped model', { rawModel: 'mystery' }, null, 'unmapped'],
  ])('%s', (_name, over, cost, status) => {
    const s = stager();
    s({ ...base, ...over });
    const fields = lines(s.take())[0]!;
    expect(fields[col('price_status')]).toBe(status);
    expect(fields[col('cost')]).toBe(cost);
  });

  test('one tuple per row in USAGE_COLUMNS order, UTF-8 text as it is, the totals and the delta of the batch', () => {
    const s = stager();
    s(base);
    s({ ...base, project: 'say "hi", ok', userRef: 'ünï', reportedCostUsd: '-12.000345' });
    const b = s.take();
    const [a, c] = lines(b);
    expect(a).toEqual([WS, UP, 'ff19c6c9-4379-983f-e820-3621a99c73ca', '2026-08-01T00:01:00.000Z', '2026-08-01', 'minute', 'openai', 'openai', 'gpt-4o-2024-08-06',
      'gpt-4o-2024-08-06', 'proj_1', 'key_0', 'user-1', 'f', '3', '1000000', '200000', '100000', null, '3.25000000', 'priced']);
    expect(c!.slice(col('project'), col('requests'))).toEqual(['say "hi", ok', 'key_0', 'ünï', 'f']);
    expect(c![col('reported_cost')]).toBe('-12.000345');
    expect(b.result).toMatchObject({ inserted: 2, requests: '6', input_tokens: '2000000', cost: '6.5', first_day: '2026-08-01', last_day: '2026-08-01' });
    expect(b.groups).toHaveLength(2);
    expect(s.rows()).toBe(0);
  });
});
