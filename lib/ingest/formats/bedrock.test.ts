import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '@/lib/csv';
import type { RowOutcome, UsageRecord } from '../types';
import { BEDROCK_FORMATS, bedrockInvocationLog, bedrockInvocationLogJsonl, principalOf } from './bedrock';
import { litellmDailyActivity, litellmSpendLogsJson } from './litellm';
import { heliconeRequestsJson, langfuseObservations } from './langfuse-helicone';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../__fixtures__', name), 'utf8');
const runJson = (doc: unknown) => [...bedrockInvocationLog.rows(doc)].map((r) => r.outcome);
const recordsOf = (outcomes: RowOutcome[]) => outcomes.flatMap((o) => (o.kind === 'records' ? o.records : []));
const reasonOf = (o: RowOutcome) => (o.kind === 'records' ? '' : o.reason);
function totals(records: UsageRecord[]) {
  return {
    input: records.reduce((s, r) => s + r.inputTokens, 0),
    cached: records.reduce((s, r) => s + r.cachedInputTokens, 0),
    output: records.reduce((s, r) => s + r.outputTokens, 0),
    requests: records.reduce((s, r) => s + r.requests, 0),
  };
}

type Log = Record<string, unknown> & { input: Record<string, unknown>; output: Record<string, unknown> };
const sample = JSON.parse(fixture('bedrock-invocation-log.json')) as Log;
/** The fixture (an AWS doc example) with its `<placeholders>` filled in as a real log would have them. */
const filled = (over: Partial<Log> = {}): Log => ({
  ...sample,
  timestamp: '2025-01-15T14:30:00Z',
  accountId: '123456789012',
  identity: { arn: 'arn:aws:sts::123456789012:assumed-role/BedrockInvoker/botocore-session-1736951400' },
  region: 'us-east-1',
  requestId: '8f2b1c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
  modelId: 'meta.llama3-70b-instruct-v1:0',
  requestMetadata: { team: 'engineering' },
  ...over,
});

describe('bedrock-invocation-log', () => {
  test('the fixture as published has placeholders: rejected on its timestamp, not thrown', () => {
    const outcomes = runJson(sample);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toEqual({ kind: 'reject', reason: 'timestamp is not a date: "<timestamp>"' });
  });

  test('filled fixture: one request, 15 in / 12 out', () => {
    const records = recordsOf(runJson(filled()));
    expect(totals(records)).toEqual({ input: 15, cached: 0, output: 12, requests: 1 });
    expect(records[0]).toMatchObject({
      granularity: 'request', providerId: 'bedrock', rawModel: 'meta.llama3-70b-instruct-v1:0', project: '123456789012',
      apiKey: 'BedrockInvoker', userRef: '', reportedCostUsd: null, batch: false, keyExtra: '8f2b1c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
    });
    expect(records[0]!.occurredAt.toISOString()).toBe('2025-01-15T14:30:00.000Z');
  });

  const claude = filled({
    requestId: 'req-claude', operation: 'Converse', modelId: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
    identity: { arn: 'arn:aws:iam::123456789012:user/alice' },
    input: { inputContentType: 'application/json', inputTokenCount: 40, cacheReadInputTokenCount: 3000, cacheWriteInputTokenCount: 500 },
    output: { outputContentType: 'application/json', outputTokenCount: 250 },
  });
  const failed = filled({ requestId: 'req-failed', errorCode: 'ThrottlingException', input: { inputTokenCount: 0 }, output: {} });

  test('array, CloudWatch events and JSONL agree; cache reads and writes add to input', () => {
    const docs = [filled(), claude, failed];
    const a = runJson(docs);
    expect(runJson({ events: docs.map((d) => ({ timestamp: 1736951400000, message: JSON.stringify(d) })) })).toEqual(a);
    expect(docs.map((d) => bedrockInvocationLogJsonl.row(d))).toEqual(a);
    expect(a.map((o) => o.kind)).toEqual(['records', 'records', 'skip']);
    expect(reasonOf(a[2]!)).toBe('failed invocation (ThrottlingException), no usage');
    expect(totals(recordsOf(a))).toEqual({ input: 15 + 3540, cached: 3000, output: 262, requests: 2 });
    expect(recordsOf(a)[1]).toMatchObject({ rawModel: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', apiKey: 'alice', inputTokens: 3540, cachedInputTokens: 3000 });
  });

  test.each([
    [{ input: { inputTokenCount: -5 } }, /input.inputTokenCount is negative: -5/],
    [{ input: { inputTokenCount: 1.5 } }, /input.inputTokenCount is not a whole number/],
    [{ output: { outputTokenCount: '=HYPERLINK("http://x","12")' } }, /output.outputTokenCount is not a number/],
    [{ timestamp: '2025-02-30T10:00:00Z' }, /timestamp is not a real date/],
    [{ requestId: '' }, /requestId is missing/],
  ])('bad record %j rejected', (over, re) => {
    const o = bedrockInvocationLogJsonl.row(filled(over as Partial<Log>));
    expect(o.kind).toBe('reject');
    expect(reasonOf(o)).toMatch(re);
  });

  test('principal from the identity ARN', () => {
    expect(principalOf('arn:aws:sts::1:assumed-role/Role/session')).toBe('Role');
    expect(principalOf('arn:aws:iam::1:user/team/bob')).toBe('bob');
    expect(principalOf('arn:aws:iam::1:role/service-role/Invoker')).toBe('Invoker');
    expect(principalOf('<arn>')).toBe('<arn>');
  });

  test('detect: this format vs the others', () => {
    expect(bedrockInvocationLog.detect(sample)).toBeGreaterThanOrEqual(0.9);
    expect(bedrockInvocationLog.detect([claude])).toBeGreaterThanOrEqual(0.9);
    expect(bedrockInvocationLog.detect({ events: [{ message: JSON.stringify(claude) }] })).toBeGreaterThanOrEqual(0.9);
    expect(bedrockInvocationLogJsonl.detect(sample)).toBeGreaterThanOrEqual(0.9);
    for (const other of ['openai-usage-api-completions.json', 'anthropic-admin-usage-report.RECONSTRUCTED.json', 'litellm-user-daily-activity.json', 'langfuse-observation.json']) {
      expect(bedrockInvocationLog.detect(JSON.parse(fixture(other))), other).toBe(0);
    }
    expect(bedrockInvocationLogJsonl.detect(JSON.parse(fixture('openai-batch-output.jsonl').split('\n')[0]!))).toBe(0);
    for (const f of [litellmDailyActivity, litellmSpendLogsJson, langfuseObservations, heliconeRequestsJson]) expect(f.detect(sample), f.id).toBe(0);
    // CSV headers are not JSON documents: nothing here should claim a parsed header row either.
    expect(bedrockInvocationLog.detect(parseCsv(fixture('litellm-spendlogs.SAMPLE.csv'))[0]!.fields)).toBe(0);
  });

  test('exported list', () => {
    expect(BEDROCK_FORMATS.map((f) => [f.id, f.kind, f.family])).toEqual([
      ['bedrock-invocation-log', 'json', 'bedrock'], ['bedrock-invocation-log-jsonl', 'jsonl', 'bedrock'],
    ]);
  });
});
