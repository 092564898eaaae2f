import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RowOutcome, UsageRecord } from '../types';
import { openaiRequests, openaiRequestsJson } from './openai-requests';

const read = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');

/** Parses each non-empty line and runs the JSONL reader over it. */
function runJsonl(text: string) {
  const outcomes: RowOutcome[] = text.split('\n').filter((l) => l.trim() !== '').map((l) => openaiRequests.row(JSON.parse(l)));
  return split(outcomes);
}

function split(outcomes: RowOutcome[]) {
  return {
    records: outcomes.flatMap((o) => (o.kind === 'records' ? o.records : [])),
    skips: outcomes.flatMap((o) => (o.kind === 'skip' ? [o.reason] : [])),
    rejects: outcomes.flatMap((o) => (o.kind === 'reject' ? [o.reason] : [])),
  };
}

const sum = (rs: UsageRecord[], k: 'requests' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens') => rs.reduce((s, r) => s + r[k], 0);

const chat = (over: object = {}) => ({
  id: 'chatcmpl-1', object: 'chat.completion', created: 1734986202, model: 'gpt-4o-2024-08-06',
  usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 64 } }, ...over,
});
const response = (over: object = {}) => ({
  id: 'resp_1', object: 'response', created_at: 1741476542, status: 'completed', model: 'gpt-4.1-2025-04-14', user: 'alice',
  usage: { input_tokens: 328, input_tokens_details: { cached_tokens: 0 }, output_tokens: 52, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 380 }, ...over,
});

describe('openai-requests (batch output fixture)', () => {
  test('two chat completions from a batch', () => {
    const { records, skips, rejects } = runJsonl(read('openai-batch-output.jsonl'));
    expect([skips, rejects]).toEqual([[], []]);
    expect(records).toHaveLength(2);
    expect([sum(records, 'requests'), sum(records, 'inputTokens'), sum(records, 'cachedInputTokens'), sum(records, 'outputTokens')]).toEqual([2, 42, 0, 20]);
    expect(records.map((r) => [r.occurredAt.toISOString(), r.keyExtra])).toEqual([
      ['2024-12-23T20:36:42.000Z', 'chatcmpl-AhjSMl7oZ79yIPHLRYgmgXSixTJr7'],
      ['2024-12-23T20:36:43.000Z', 'chatcmpl-AhjSNgVB4Oa4Hq0NruTRsBaEbRWUP'],
    ]);
    expect(records[0]).toMatchObject({ granularity: 'request', providerId: 'openai', rawModel: 'gpt-4o-mini-2024-07-18', batch: true, requests: 1, project: '', apiKey: '', reportedCostUsd: null });
  });

  test('failed batch lines are skipped with the reason', () => {
    const errored = { id: 'batch_req_2', custom_id: 'r2', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } };
    const status = { id: 'batch_req_3', custom_id: 'r3', response: { status_code: 400, request_id: 'x', body: { error: { message: 'bad' } } }, error: null };
    const noBody = { id: 'batch_req_4', custom_id: 'r4', response: { status_code: 200 }, error: null };
    const { skips, rejects } = split([errored, status, noBody].map((o) => openaiRequests.row(o)));
    expect(skips).toEqual(['batch request failed: batch_expired: This request could not be executed before the completion window expired.', 'batch request returned status 400']);
    expect(rejects).toEqual(['response.body is missing']);
  });
});

describe('openai-requests (logged objects)', () => {
  test('chat.completion: prompt_tokens includes the cached ones', () => {
    const { records } = split([openaiRequests.row(chat())]);
    expect(records[0]).toMatchObject({ inputTokens: 100, cachedInputTokens: 64, outputTokens: 20, batch: false, keyExtra: 'chatcmpl-1', granularity: 'request' });
  });

  test('Responses API object', () => {
    const { records } = split([openaiRequests.row(response())]);
    expect(records[0]!.occurredAt.toISOString()).toBe('2025-03-08T23:29:02.000Z');
    expect(records[0]).toMatchObject({ rawModel: 'gpt-4.1-2025-04-14', userRef: 'alice', inputTokens: 328, cachedInputTokens: 0, outputTokens: 52, requests: 1, keyExtra: 'resp_1', providerId: 'openai' });
  });

  test('compatible providers by their vendor keys', () => {
    expect(split([openaiRequests.row(chat({ x_groq: { id: 'req_1' } }))]).records[0]!.providerId).toBe('groq');
    expect(split([openaiRequests.row(chat({ prompt_filter_results: [] }))]).records[0]!.providerId).toBe('azure');
  });

  test('lines without usage are skipped, bad ones rejected naming the field', () => {
    const { skips, rejects } = split([
      chat({ object: 'chat.completion.chunk', usage: null }),
      response({ status: 'failed', usage: null }),
      { object: 'list', data: [], model: 'text-embedding-3-small', usage: { prompt_tokens: 5, total_tokens: 5 } },
      chat({ usage: { prompt_tokens: -5, completion_tokens: 1 } }),
      chat({ usage: { prompt_tokens: 5, completion_tokens: 1.5 } }),
      chat({ usage: { prompt_tokens: '=HYPERLINK("x")', completion_tokens: 1 } }),
      chat({ usage: { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 6 } } }),
      chat({ created: '2024-02-30' }),
      chat({ id: undefined }),
      { object: 'thread.message' },
      'not an object',
    ].map((o) => openaiRequests.row(o)));
    expect(skips).toEqual(['no usage reported', 'no usage reported', 'embeddings response has no timestamp: import the Usage API or dashboard export for embeddings']);
    expect(rejects).toEqual([
      'usage.prompt_tokens is negative: -5',
      'usage.completion_tokens is not a whole number: 1.5',
      'usage.prompt_tokens is not a number: "=HYPERLINK("x")"',
      'usage.prompt_tokens_details.cached_tokens (6) exceeds usage.prompt_tokens (5)',
      'created is not a real date: "2024-02-30"',
      'id is missing (it tells requests apart)',
      'not a chat.completion or response object (object is "thread.message")',
      'line is not a JSON object',
    ]);
  });
});

describe('openai-requests-json', () => {
  test('an array of the same objects', () => {
    const doc = [chat(), response(), { id: 'batch_req_9', custom_id: 'x', response: { status_code: 200, body: chat({ id: 'chatcmpl-9' }) }, error: null }];
    const rows = [...openaiRequestsJson.rows(doc)];
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    const { records } = split(rows.map((r) => r.outcome));
    expect(records.map((r) => [r.keyExtra, r.batch])).toEqual([['chatcmpl-1', false], ['resp_1', false], ['chatcmpl-9', true]]);
    expect([sum(records, 'inputTokens'), sum(records, 'outputTokens')]).toEqual([528, 92]);
  });
});

describe('detection', () => {
  test('jsonl first lines', () => {
    const first = JSON.parse(read('openai-batch-output.jsonl').split('\n')[0]!);
    expect(openaiRequests.detect(first)).toBe(0.95);
    expect(openaiRequests.detect(chat())).toBe(0.9);
    expect(openaiRequests.detect(response())).toBe(0.9);
    expect(openaiRequests.detect(JSON.parse(read('bedrock-invocation-log.json')))).toBe(0);
    expect(openaiRequests.detect(JSON.parse(read('langfuse-observation.json')))).toBe(0);
    expect(openaiRequests.detect({ object: 'page', data: [] })).toBe(0);
  });

  test('json documents', () => {
    expect(openaiRequestsJson.detect([chat()])).toBeGreaterThanOrEqual(0.85);
    expect(openaiRequestsJson.detect(JSON.parse(read('openai-usage-api-completions.json')))).toBe(0);
    expect(openaiRequestsJson.detect([JSON.parse(read('openai-usage-api-completions.json'))])).toBe(0);
    expect(openaiRequestsJson.detect(JSON.parse(read('litellm-user-daily-activity.json')))).toBe(0);
    expect(openaiRequestsJson.detect([])).toBe(0);
  });
});
