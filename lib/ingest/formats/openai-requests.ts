import type { JsonFormat, JsonlFormat, RowOutcome } from '../types';
import { count, guard, isBlank, record, text, time, ValueError } from '../values';
import { isObj, type Obj } from './openai-api';
import { UNATTRIBUTED } from './openai-dashboard';

/**
 * Per-request logs in OpenAI's own shapes, one object per line: chat.completion (and legacy text_completion)
 * objects, Responses API objects, and Batch API output lines (`{ id, custom_id, response: { status_code, body },
 * error }`), whose body is one of the former. Each becomes one 'request' record keyed by the completion id, so the
 * same request logged twice counts once. Also a JSON array of the same objects.
 */

const skip = (reason: string): RowOutcome => ({ kind: 'skip', reason });
const reject = (reason: string): RowOutcome => ({ kind: 'reject', reason });

function isBatchLine(o: Obj): boolean {
  return 'custom_id' in o && ('response' in o || 'error' in o);
}

/** Chat Completions usage vs Responses usage: same meaning, different names and time field. */
const SHAPES = {
  chat: { time: 'created', input: 'prompt_tokens', output: 'completion_tokens', details: 'prompt_tokens_details' },
  response: { time: 'created_at', input: 'input_tokens', output: 'output_tokens', details: 'input_tokens_details' },
} as const;

function shapeOf(o: Obj): keyof typeof SHAPES | null {
  if (o.object === 'chat.completion' || o.object === 'text_completion' || o.object === 'chat.completion.chunk') return 'chat';
  if (o.object === 'response') return 'response';
  return null;
}

/** OpenAI-compatible bodies say where they came from only through vendor keys; plain ones are OpenAI's. */
function providerOf(body: Obj): string {
  if ('x_groq' in body) return 'groq';
  if ('prompt_filter_results' in body) return 'azure';
  return 'openai';
}

function describeError(e: unknown): string {
  if (!isObj(e)) return text(e);
  return [text(e.code), text(e.message)].filter(Boolean).join(': ');
}

function readBody(body: Obj, batch: boolean, fallbackId: string): RowOutcome {
  const shape = shapeOf(body);
  if (!shape) {
    // Embeddings responses ({ object: "list", usage }) carry no time at all.
    if (body.object === 'list') return skip('embeddings response has no timestamp: import the Usage API or dashboard export for embeddings');
    return reject(`not a chat.completion or response object (object is "${text(body.object)}")`);
  }
  const s = SHAPES[shape];
  const usage = body.usage;
  // Streamed chunks before the last one, failed or in-progress responses: nothing was billed on this line.
  if (!isObj(usage)) return skip('no usage reported');
  const id = text(body.id) || fallbackId;
  if (!id) throw new ValueError('id is missing (it tells requests apart)');
  const inputTokens = count(usage[s.input], `usage.${s.input}`);
  const details = usage[s.details];
  const cachedInputTokens = isObj(details) ? count(details.cached_tokens, `usage.${s.details}.cached_tokens`) : 0;
  if (cachedInputTokens > inputTokens) throw new ValueError(`usage.${s.details}.cached_tokens (${cachedInputTokens}) exceeds usage.${s.input} (${inputTokens})`);
  return {
    kind: 'records',
    records: [record({
      occurredAt: time(body[s.time], s.time),
      granularity: 'request',
      providerId: providerOf(body),
      rawModel: text(body.model) || UNATTRIBUTED,
      userRef: text(body.user),
      requests: 1,
      inputTokens,
      cachedInputTokens,
      outputTokens: count(usage[s.output], `usage.${s.output}`),
      batch,
      keyExtra: id,
    })],
  };
}

function readLine(obj: unknown): RowOutcome {
  if (!isObj(obj)) return reject('line is not a JSON object');
  if (!isBatchLine(obj)) return readBody(obj, false, '');
  if (!isBlank(obj.error)) return skip(`batch request failed: ${describeError(obj.error) || 'error'}`);
  const resp = obj.response;
  if (!isObj(resp)) return skip('batch request has no response');
  const status = text(resp.status_code);
  if (status !== '200') return skip(`batch request returned status ${status || 'unknown'}`);
  if (!isObj(resp.body)) return reject('response.body is missing');
  // The batch line id (batch_req_…) is unique too, for bodies without their own id.
  return readBody(resp.body, true, text(obj.id));
}

/** 0 unless the object is one of the shapes above; chunks score low (most carry no usage). */
function detectObject(o: unknown): number {
  if (!isObj(o)) return 0;
  if (isBatchLine(o)) return 0.95;
  const shape = shapeOf(o);
  if (!shape) return 0;
  if (o.object === 'chat.completion.chunk') return 0.6;
  return isObj(o.usage) && SHAPES[shape].time in o ? 0.9 : 0.7;
}

export const openaiRequests: JsonlFormat = {
  id: 'openai-requests',
  label: 'OpenAI request log / Batch output (JSONL)',
  family: 'openai-usage',
  kind: 'jsonl',
  detect: detectObject,
  row: (obj) => guard(() => readLine(obj)),
};

export const openaiRequestsJson: JsonFormat = {
  id: 'openai-requests-json',
  label: 'OpenAI request log (JSON array)',
  family: 'openai-usage',
  kind: 'json',
  detect(doc) {
    if (Array.isArray(doc)) return doc.length > 0 ? detectObject(doc[0]) * 0.95 : 0;
    return isObj(doc) && shapeOf(doc) ? detectObject(doc) * 0.85 : 0;
  },
  *rows(doc) {
    const items = Array.isArray(doc) ? doc : [doc];
    for (const [i, item] of items.entries()) yield { line: i + 1, outcome: guard(() => readLine(item)) };
  },
};
