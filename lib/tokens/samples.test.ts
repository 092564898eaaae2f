import { describe, expect, it, test } from 'vitest';
import type { ReadReport, Sample, SampleFormat } from './samples';
import { parseChatLine, readSamples, SampleInputError } from './samples';

async function read(input: string | Uint8Array | Uint8Array[], format: SampleFormat = 'auto') {
  const parts = typeof input === 'string' ? [new TextEncoder().encode(input)] : Array.isArray(input) ? input : [input];
  const report: Partial<ReadReport> = {};
  const samples: Sample[] = [];
  async function* chunks() { for (const p of parts) yield p; }
  for await (const s of readSamples(chunks(), { format, maxBytes: 1 << 30, report })) samples.push(s);
  return { samples, report };
}

async function failure(input: string | Uint8Array | Uint8Array[]): Promise<SampleInputError> {
  try { await read(input); } catch (e) { if (e instanceof SampleInputError) return e; throw e; }
  throw new Error('expected a SampleInputError');
}

describe('plain text', () => {
  test('one sample per line when there is no blank line', async () => {
    const { samples, report } = await read('first sample\nsecond sample\r\nthird\n');
    expect(report.format).toBe('lines');
    expect(samples).toEqual([{ line: 1, input: 'first sample', output: '' }, { line: 2, input: 'second sample', output: '' }, { line: 3, input: 'third', output: '' }]);
  });
  test('blank-line-separated blocks when a blank line separates text', async () => {
    const { samples, report } = await read('para one\nstill one\n\n\npara two\n  \nthree');
    expect(report.format).toBe('blocks');
    expect(samples).toEqual([{ line: 1, input: 'para one\nstill one', output: '' }, { line: 5, input: 'para two', output: '' }, { line: 7, input: 'three', output: '' }]);
  });
  test('leading and trailing blank lines do not make blocks', async () => {
    expect((await read('\n\na\nb\n\n')).report.format).toBe('lines');
  });
  test('a line split across chunks and a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('αβγ δ\nsecond');
    const { samples } = await read([bytes.subarray(0, 3), bytes.subarray(3, 8), bytes.subarray(8)]);
    expect(samples.map((s) => s.input)).toEqual(['αβγ δ', 'second']);
  });
});

describe('chat JSONL', () => {
  test('input is system + user, output is assistant; parts arrays; bad lines reported by number', async () => {
    const lines = [
      JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }] }),
      '{"messages": [',
      JSON.stringify({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'here' }] }, { role: 'assistant', content: [{ type: 'output_text', text: 'Seen.' }] }] }),
      '',
      JSON.stringify({ prompt: 'p' }),
      JSON.stringify({ foo: 1 }),
      JSON.stringify({ custom_id: 'r1', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'batch q' }] } }),
      JSON.stringify({ messages: [{ role: 'wizard', content: 'x' }] }),
      '[1,2]',
    ];
    const { samples, report } = await read(lines.join('\n'));
    expect(report.format).toBe('jsonl');
    expect(report.roles).toBe(true);
    expect(samples).toEqual([
      { line: 1, input: 'Be brief.\nHi', output: 'Hello!' },
      { line: 3, input: 'Look\nhere', output: 'Seen.' },
      { line: 5, input: 'p', output: '' },
      { line: 7, input: 'batch q', output: '' },
    ]);
    expect(report.skipped).toBe(4);
    expect(report.issues!.map((i) => i.line)).toEqual([2, 6, 8, 9]);
    expect(report.issues![0]!.reason).toMatch(/^not valid JSON/);
    expect(report.issues![1]!.reason).toMatch(/no "messages" array/);
    expect(report.issues![2]!.reason).toBe('messages[0] has an unknown role "wizard"');
    expect(report.issues![3]!.reason).toBe('not a JSON object');
  });
  test('assistant tool calls count as output', () => {
    expect(parseChatLine(JSON.stringify({ messages: [{ role: 'user', content: 'w?' }, { role: 'assistant', content: null, tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }] })))
      .toEqual({ input: 'w?', output: 'get_weather\n{"city":"Oslo"}', roles: true });
  });
});

describe('bad input', () => {
  test('empty', async () => {
    const e = await failure('');
    expect([e.code, e.status, e.message]).toEqual(['empty', 422, 'the file is empty: paste or upload some samples']);
  });
  test('only blank lines', async () => {
    expect((await failure('\n  \n\n')).message).toBe('no samples could be read (only blank lines)');
  });
  test('binary', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0)]);
    const e = await failure(png);
    expect([e.code, e.status]).toEqual(['binary', 415]);
    expect(e.message).toMatch(/binary file/);
  });
  test('every JSONL line invalid: the error names the lines', async () => {
    const e = await failure('{"a":\n{"messages": 3}\n');
    expect(e.code).toBe('no_samples');
    expect(e.message).toBe('no samples could be read: line 1: not valid JSON (Unexpected end of JSON input); line 2: no "messages" array (expected {"messages":[{"role","content"}]})');
  });
  test('a 10 MB single line is skipped without being held, with a clear outcome', async () => {
    const mb = new Uint8Array(1024 * 1024).fill(0x61);
    const chunks = Array.from({ length: 10 }, () => mb);
    const before = process.memoryUsage().heapUsed;
    const e = await failure(chunks);
    expect(e.code).toBe('no_samples');
    expect(e.message).toBe('no samples could be read: line 1: longer than 1 MiB; skipped');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(40 * 1024 * 1024);
  });
  test('a 10 MB line among good ones: the others are counted, the long one listed', async () => {
    const enc = new TextEncoder();
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x62);
    const { samples, report } = await read([enc.encode('short one\n'), big, enc.encode('\nshort two\n')]);
    expect(samples.map((s) => [s.line, s.input])).toEqual([[1, 'short one'], [3, 'short two']]);
    expect(report.issues).toEqual([{ line: 2, reason: 'longer than 1 MiB; skipped' }]);
  });
});

describe('request logs that carry bodies', () => {
  it('reads a gateway log (request messages, response choices) and a Langfuse generation', () => {
    const gateway = JSON.stringify({
      request: { model: 'gpt-3.5-turbo', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }] },
      response: { choices: [{ message: { role: 'assistant', content: 'Hi!' } }] },
    });
    expect(parseChatLine(gateway)).toEqual({ input: 'Be brief.\nHello there', output: 'Hi!', roles: true });
    const langfuse = JSON.stringify({ type: 'GENERATION', input: [{ role: 'user', content: [{ type: 'text', text: 'Sum 2+2' }] }], output: { role: 'assistant', content: '4' } });
    expect(parseChatLine(langfuse)).toEqual({ input: 'Sum 2+2', output: '4', roles: true });
    expect(parseChatLine(JSON.stringify({ input: 'plain prompt', output: 'plain answer' }))).toEqual({ input: 'plain prompt', output: 'plain answer', roles: true });
    expect(parseChatLine(JSON.stringify({ request: { messages: [{ role: 'user', content: 7 }] }, response: {} }))).toEqual({ error: 'request messages[0].content is neither a string nor an array of parts' });
  });
});
