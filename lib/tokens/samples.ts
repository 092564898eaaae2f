import { AppError } from '@/lib/api/errors';
import { decodeSource, formatBytes, SourceError } from '@/lib/ingest/source';

/**
 * Sample readers for the tokenizer lab, streaming: text comes in chunks, samples go out one at a time, and no more
 * than one sample (bounded by MAX_SAMPLE_CHARS) is held at once.
 *
 * - chat JSONL (`{"messages":[{"role","content"}]}`, also a Batch API input line's `body.messages` and the
 *   legacy `{"prompt","completion"}`): input = system, developer, user and tool text; output = assistant text
 *   and its tool-call arguments. `content` may be a string or an array of parts (text parts are counted, images
 *   and audio are not).
 * - request logs that carry their bodies (one JSON object a line): a gateway's `{"request":{"messages"},"response":
 *   {"choices"}}` (Helicone, LiteLLM, a proxy) or a Langfuse generation `{"input","output"}`. Frontier's own usage
 *   tables keep no prompt text, so logs are counted from the exported file, not from ingested usage.
 * - plain text: blank-line-separated blocks when the file's first 64 KB has a blank line between two text
 *   lines, otherwise one sample per line. Plain samples have no roles: all of the text is input.
 */
export const SAMPLE_FORMATS = ['auto', 'jsonl', 'lines', 'blocks'] as const;
export type SampleFormat = (typeof SAMPLE_FORMATS)[number];
export type ReadFormat = Exclude<SampleFormat, 'auto'>;

export type Sample = { line: number; input: string; output: string };
export type SampleIssue = { line: number; reason: string };

/** 1 MiB of text per sample (about 250k tokens): longer lines or blocks are skipped, and listed. */
export const MAX_SAMPLE_CHARS = 1024 * 1024;
export const MAX_LISTED_ISSUES = 100;
const DETECT_CHARS = 64 * 1024;

export class SampleInputError extends AppError {
  override readonly status: number;
  constructor(code: 'empty' | 'binary' | 'encoding' | 'too_large' | 'no_samples' | 'gzip' | 'stalled', message: string, issues?: unknown) {
    super(code, message, issues);
    // A body that stopped arriving is the client's timeout (408), as for usage uploads.
    this.status = code === 'too_large' ? 413 : code === 'binary' ? 415 : code === 'stalled' ? 408 : 422;
  }
}

export type ReadReport = {
  format: ReadFormat;
  bytes: number;
  /** Lines or blocks that could not be used, first MAX_LISTED_ISSUES of them. */
  issues: SampleIssue[];
  skipped: number;
  roles: boolean;
};

type ReadOptions = { format?: SampleFormat; maxBytes: number; maxSampleChars?: number; onBytes?: (bytes: number) => void; report: Partial<ReadReport> };

/** Bytes → samples. Throws SampleInputError for binary, empty or undecodable input. */
export async function* readSamples(chunks: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<Sample> {
  const report = opts.report;
  report.issues = [];
  report.skipped = 0;
  report.roles = false;
  const issue = (line: number, reason: string) => {
    report.skipped! += 1;
    if (report.issues!.length < MAX_LISTED_ISSUES) report.issues!.push({ line, reason });
  };
  const info: { bytes?: number } = {};
  let bytes = 0;
  const text = decodeSource(chunks, { maxBytes: opts.maxBytes, info, onBytes: (b) => { bytes = b; opts.onBytes?.(b); } });
  let emitted = 0;
  try {
    const lines = splitLines(text, opts.maxSampleChars ?? MAX_SAMPLE_CHARS);
    const first = await peekFormat(lines, opts.format ?? 'auto');
    report.format = first.format;
    const source = first.lines;
    if (first.format === 'jsonl') {
      for await (const l of source) {
        if (l.tooLong) { issue(l.line, `longer than ${formatBytes(opts.maxSampleChars ?? MAX_SAMPLE_CHARS)}; skipped`); continue; }
        if (!l.text.trim()) continue;
        const parsed = parseChatLine(l.text);
        if ('error' in parsed) { issue(l.line, parsed.error); continue; }
        if (parsed.roles) report.roles = true;
        emitted++;
        yield { line: l.line, input: parsed.input, output: parsed.output };
      }
    } else if (first.format === 'lines') {
      for await (const l of source) {
        if (l.tooLong) { issue(l.line, `longer than ${formatBytes(opts.maxSampleChars ?? MAX_SAMPLE_CHARS)}; skipped`); continue; }
        if (!l.text.trim()) continue;
        emitted++;
        yield { line: l.line, input: l.text, output: '' };
      }
    } else {
      const max = opts.maxSampleChars ?? MAX_SAMPLE_CHARS;
      let block: string[] = [];
      let size = 0;
      let start = 0;
      let tooLong = false;
      const flush = function* (): Generator<Sample> {
        if (tooLong) issue(start, `block longer than ${formatBytes(max)}; skipped`);
        else if (block.length > 0) { emitted++; yield { line: start, input: block.join('\n'), output: '' }; }
        block = [];
        size = 0;
        tooLong = false;
      };
      for await (const l of source) {
        if (!l.tooLong && !l.text.trim()) { yield* flush(); continue; }
        if (block.length === 0 && !tooLong) start = l.line;
        if (l.tooLong || size + l.text.length > max) { tooLong = true; block = []; continue; }
        if (!tooLong) { block.push(l.text); size += l.text.length + 1; }
      }
      yield* flush();
    }
  } catch (e) {
    if (e instanceof SourceError) throw sourceError(e);
    throw e;
  }
  report.bytes = info.bytes ?? bytes;
  if (emitted === 0) {
    const why = report.issues.length > 0 ? `: ${report.issues.slice(0, 3).map((i) => `line ${i.line}: ${i.reason}`).join('; ')}` : '';
    throw new SampleInputError('no_samples', `no samples could be read${why || ' (only blank lines)'}`, report.issues);
  }
}

function sourceError(e: SourceError): SampleInputError {
  if (e.code === 'binary') return new SampleInputError('binary', 'this is a binary file, not text: upload plain text (one sample per line or separated by blank lines) or chat JSONL');
  if (e.code === 'empty') return new SampleInputError('empty', 'the file is empty: paste or upload some samples');
  return new SampleInputError(e.code, e.message);
}

type Line = { line: number; text: string; tooLong: boolean };

/** Text chunks → lines (1-based numbers), never holding more than `max` characters of one line. */
async function* splitLines(chunks: AsyncIterable<string>, max: number): AsyncGenerator<Line> {
  let buf = '';
  let n = 0;
  let dropping = false;
  for await (const chunk of chunks) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      if (nl < 0) {
        if (!dropping) {
          buf += chunk.slice(from);
          if (buf.length > max) { dropping = true; buf = ''; }
        }
        break;
      }
      n++;
      if (dropping) yield { line: n, text: '', tooLong: true };
      else {
        const text = buf + chunk.slice(from, nl);
        if (text.length > max) yield { line: n, text: '', tooLong: true };
        else yield { line: n, text: text.endsWith('\r') ? text.slice(0, -1) : text, tooLong: false };
      }
      buf = '';
      dropping = false;
      from = nl + 1;
    }
  }
  if (dropping) yield { line: n + 1, text: '', tooLong: true };
  else if (buf.length > 0) yield { line: n + 1, text: buf.endsWith('\r') ? buf.slice(0, -1) : buf, tooLong: false };
}

/** Reads ahead (at most 64 KB of text) to tell JSONL from lines from blocks, then replays what it read. */
async function peekFormat(lines: AsyncGenerator<Line>, format: SampleFormat): Promise<{ format: ReadFormat; lines: AsyncIterable<Line> }> {
  if (format !== 'auto') return { format, lines };
  const ahead: Line[] = [];
  let chars = 0;
  let firstText: Line | undefined;
  let blankBetween = false;
  let sawBlank = false;
  while (chars < DETECT_CHARS) {
    const r = await lines.next();
    if (r.done) break;
    ahead.push(r.value);
    chars += r.value.text.length + 1;
    const blank = !r.value.tooLong && !r.value.text.trim();
    if (!firstText && !blank) firstText = r.value;
    else if (firstText && blank) sawBlank = true;
    else if (firstText && sawBlank && !blank) { blankBetween = true; break; }
    if (firstText && !firstText.tooLong && firstText.text.trimStart().startsWith('{')) break;
  }
  const detected: ReadFormat = firstText && firstText.text.trimStart().startsWith('{') ? 'jsonl'
    : firstText?.tooLong ? 'lines'
      : blankBetween ? 'blocks' : 'lines';
  return {
    format: detected,
    lines: (async function* () {
      yield* ahead;
      yield* lines;
    })(),
  };
}

const INPUT_ROLES = new Set(['system', 'developer', 'user', 'tool', 'function']);

/** One chat JSONL line → input and output text, or why it cannot be used. */
export function parseChatLine(line: string): { input: string; output: string; roles: boolean } | { error: string } {
  let v: unknown;
  try { v = JSON.parse(line); } catch (e) { return { error: `not valid JSON (${(e as Error).message.replace(/^JSON\.parse: /, '').slice(0, 80)})` }; }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: 'not a JSON object' };
  const o = v as Record<string, unknown>;
  const body = o.body && typeof o.body === 'object' ? (o.body as Record<string, unknown>) : null;
  const logged = requestLog(o);
  if (logged) return logged;
  const messages = o.messages ?? body?.messages;
  if (Array.isArray(messages)) {
    const input: string[] = [];
    const output: string[] = [];
    for (const [i, m] of messages.entries()) {
      if (!m || typeof m !== 'object') return { error: `messages[${i}] is not an object` };
      const msg = m as Record<string, unknown>;
      const role = typeof msg.role === 'string' ? msg.role : '';
      if (!role) return { error: `messages[${i}] has no role` };
      const text = contentText(msg.content);
      if (text === null) return { error: `messages[${i}].content is neither a string nor an array of parts` };
      if (role === 'assistant') {
        if (text) output.push(text);
        for (const call of Array.isArray(msg.tool_calls) ? msg.tool_calls : []) {
          const fn = (call as { function?: { name?: unknown; arguments?: unknown } })?.function;
          if (fn && typeof fn.name === 'string') output.push(fn.name);
          if (fn && typeof fn.arguments === 'string') output.push(fn.arguments);
        }
      } else if (INPUT_ROLES.has(role)) {
        if (text) input.push(text);
      } else return { error: `messages[${i}] has an unknown role "${role.slice(0, 40)}"` };
    }
    if (input.length === 0 && output.length === 0) return { error: 'no text in messages' };
    return { input: input.join('\n'), output: output.join('\n'), roles: true };
  }
  if (typeof o.prompt === 'string' || typeof o.completion === 'string') {
    const input = typeof o.prompt === 'string' ? o.prompt : '';
    const output = typeof o.completion === 'string' ? o.completion : '';
    if (!input && !output) return { error: 'empty prompt and completion' };
    return { input, output, roles: true };
  }
  if (typeof o.text === 'string') return o.text ? { input: o.text, output: '', roles: false } : { error: 'empty text' };
  return { error: 'no "messages" array (expected {"messages":[{"role","content"}]})' };
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * A request log that carries its bodies: a gateway log with `request`/`response` (Helicone, LiteLLM, a proxy's own
 * JSONL: `{"request":{"messages":[…]},"response":{"choices":[{"message":{…}}]}}`) or a Langfuse generation
 * (`{"input":[…messages] | {"messages":[…]} | "text", "output": {"content"} | "text"}`). Input is the request's
 * messages, output the response's assistant text. Null when the line is not such a log.
 */
function requestLog(o: Record<string, unknown>): { input: string; output: string; roles: boolean } | { error: string } | null {
  const req = obj(o.request) ?? obj(o.request_body);
  const inputField = o.input;
  const inMessages = (req?.messages ?? (Array.isArray(inputField) ? inputField : obj(inputField)?.messages)) as unknown;
  const inText = typeof inputField === 'string' ? inputField : null;
  if (!Array.isArray(inMessages) && inText === null) return null;
  if (!('response' in o) && !('output' in o) && !('response_body' in o)) return null;
  const input: string[] = inText !== null ? [inText] : [];
  const output: string[] = [];
  if (Array.isArray(inMessages)) {
    for (const [i, m] of inMessages.entries()) {
      const msg = obj(m);
      if (!msg) return { error: `request messages[${i}] is not an object` };
      const text = contentText(msg.content);
      if (text === null) return { error: `request messages[${i}].content is neither a string nor an array of parts` };
      // Earlier assistant turns in the request are context the model reads: they count as input.
      if (text) input.push(text);
    }
  }
  const res = o.response ?? o.response_body ?? o.output;
  if (typeof res === 'string') output.push(res);
  else {
    const r = obj(res);
    const choices = Array.isArray(r?.choices) ? (r!.choices as unknown[]) : [];
    for (const c of choices) {
      const text = contentText(obj(obj(c)?.message)?.content ?? obj(c)?.text);
      if (text) output.push(text);
    }
    if (choices.length === 0 && r) {
      // Anthropic-style `content` parts, or a Langfuse output message `{role, content}`.
      const text = contentText(r.content);
      if (text) output.push(text);
    }
  }
  if (input.length === 0 && output.length === 0) return { error: 'no text in the logged request or response' };
  return { input: input.join('\n'), output: output.join('\n'), roles: true };
}

function contentText(content: unknown): string | null {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts: string[] = [];
  for (const p of content) {
    if (typeof p === 'string') parts.push(p);
    else if (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string') parts.push((p as { text: string }).text);
  }
  return parts.join('\n');
}
