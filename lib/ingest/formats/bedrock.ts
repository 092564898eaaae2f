import type { JsonFormat, JsonlFormat, RowOutcome, UsageFormat } from '../types';
import { count, guard, isBlank, record, text, time, ValueError } from '../values';

/**
 * AWS Bedrock model invocation logs (CloudWatch Logs or S3 delivery), one JSON record per request:
 * `{schemaType: "ModelInvocationLog", timestamp, accountId, identity: {arn}, region, requestId, operation, modelId,
 * input: {inputTokenCount, cacheReadInputTokenCount, cacheWriteInputTokenCount, …}, output: {outputTokenCount, …}}`.
 * The log carries no cost.
 */

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Who called: the IAM principal from the identity ARN. For an assumed role the role name (the session name after
 * it changes with every credential refresh); for a user or role ARN its last segment; anything else as written.
 */
export function principalOf(arn: string): string {
  const m = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(arn);
  if (!m) return arn;
  const parts = m[1]!.split('/').filter(Boolean);
  if (parts[0] === 'assumed-role' && parts[1]) return parts[1];
  return parts[parts.length - 1] ?? arn;
}

function readInvocation(entry: unknown): RowOutcome {
  if (!isObject(entry)) throw new ValueError('log record is not an object');
  const schema = text(entry.schemaType);
  if (schema && schema !== 'ModelInvocationLog') return { kind: 'skip', reason: `${schema} record (not a model invocation)` };
  const requestId = text(entry.requestId);
  if (!requestId) throw new ValueError('requestId is missing');
  const occurredAt = time(entry.timestamp, 'timestamp');
  const input = isObject(entry.input) ? entry.input : {};
  const output = isObject(entry.output) ? entry.output : {};
  // Bedrock counts as Anthropic does: inputTokenCount excludes cache reads and writes, so all three add up to the input.
  const uncached = count(input.inputTokenCount, 'input.inputTokenCount');
  const cacheRead = count(input.cacheReadInputTokenCount, 'input.cacheReadInputTokenCount');
  const cacheWrite = count(input.cacheWriteInputTokenCount, 'input.cacheWriteInputTokenCount');
  const out = count(output.outputTokenCount, 'output.outputTokenCount');
  if (uncached + cacheRead + cacheWrite + out === 0) {
    return { kind: 'skip', reason: isBlank(entry.errorCode) ? 'no usage' : `failed invocation (${text(entry.errorCode)}), no usage` };
  }
  const arn = isObject(entry.identity) ? text(entry.identity.arn) : '';
  return {
    kind: 'records',
    records: [record({
      occurredAt,
      granularity: 'request',
      providerId: 'bedrock',
      // A model id or an inference-profile ARN, kept as written: resolving a profile is the model resolver's job.
      rawModel: text(entry.modelId) || '(unattributed)',
      // The AWS account is the natural project boundary (accounts usually split teams or environments).
      project: text(entry.accountId),
      apiKey: arn ? principalOf(arn) : '',
      requests: 1,
      inputTokens: uncached + cacheRead + cacheWrite,
      cachedInputTokens: cacheRead,
      outputTokens: out,
      keyExtra: requestId,
    })],
  };
}

/**
 * Entries of a document: one record, an array of them, or `aws logs filter-log-events` output
 * (`{events: [{message: "<record as JSON>"}]}`), whose messages are parsed here.
 */
function entriesOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc.events)) {
    return doc.events.map((e: unknown) => {
      const msg = isObject(e) ? e.message : undefined;
      if (typeof msg !== 'string') return msg;
      try {
        return JSON.parse(msg) as unknown;
      } catch {
        return undefined;
      }
    });
  }
  return [doc];
}

function score(o: unknown): number {
  if (!isObject(o)) return 0;
  if (o.schemaType === 'ModelInvocationLog') return 0.99;
  return 'modelId' in o && isObject(o.input) && 'inputTokenCount' in o.input ? 0.8 : 0;
}

export const bedrockInvocationLog: JsonFormat = {
  id: 'bedrock-invocation-log',
  label: 'AWS Bedrock model invocation logs (JSON)',
  family: 'bedrock',
  kind: 'json',
  detect: (doc) => score(entriesOf(doc)[0]),
  *rows(doc) {
    for (const [i, entry] of entriesOf(doc).entries()) yield { line: i + 1, outcome: guard(() => readInvocation(entry)) };
  },
};

/** S3 delivery and CloudWatch exports write one record per line. */
export const bedrockInvocationLogJsonl: JsonlFormat = {
  id: 'bedrock-invocation-log-jsonl',
  label: 'AWS Bedrock model invocation logs (JSONL)',
  family: 'bedrock',
  kind: 'jsonl',
  detect: score,
  row: (obj) => guard(() => readInvocation(obj)),
};

export const BEDROCK_FORMATS: UsageFormat[] = [bedrockInvocationLog, bedrockInvocationLogJsonl];
