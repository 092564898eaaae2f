import { createHash } from 'node:crypto';
import { CsvStream } from './csv-stream';
import type { CsvMapping } from './formats/generic-csv';
import { genericCsvFormat, suggestMapping } from './formats/generic-csv';
import { FORMATS, formatById } from './formats/index';
import type { CsvFormat, JsonFormat, JsonlFormat, RowOutcome, UsageFormat } from './types';

/**
 * Text in, parse events out: detects the format from the content (or takes the one given), then reads CSV and
 * JSONL row by row as text streams in, and a JSON document whole (bounded by maxJsonChars).
 */
export type ParseEvent = { line: number; outcome: RowOutcome };
export type ParseMeta = { format: string; label: string; family: string; kind: UsageFormat['kind']; header?: string[] };

export class FormatError extends Error {
  constructor(
    readonly code: 'unknown_format' | 'needs_mapping' | 'unreadable',
    message: string,
    readonly seen?: { header?: string[]; sample?: string; suggestion?: Partial<CsvMapping>; headerHash?: string },
  ) {
    super(message);
  }
}

export type ParseOptions = {
  format?: string;
  mapping?: CsvMapping | null;
  /** Finds a remembered mapping for a CSV header nobody recognised. */
  lookupMapping?: (headerHash: string) => Promise<CsvMapping | null>;
  maxJsonChars?: number;
  meta: Partial<ParseMeta>;
};

const MIN_SCORE = 0.5;
const SLICE = 64 * 1024;
/** A JSON document is parsed whole (FRONTIER_MAX_JSON_BYTES, in characters): larger exports go as JSON lines. */
export const DEFAULT_MAX_JSON_CHARS = Number(process.env.FRONTIER_MAX_JSON_BYTES || 64 * 1024 ** 2);

export function headerHash(header: string[]): string {
  return createHash('sha256').update(header.join('\u0000')).digest('hex').slice(0, 32);
}

function best<T extends UsageFormat>(candidates: T[], score: (f: T) => number): T | null {
  let top: T | null = null;
  let topScore = MIN_SCORE - 1e-9;
  for (const f of candidates) {
    let s = 0;
    try { s = score(f); } catch { s = 0; }
    if (s > topScore) { top = f; topScore = s; }
  }
  return top;
}

/** Parse events in batches (one per chunk of text): per-row async iteration costs more than the parsing itself. */
export async function* parseUsage(text: AsyncIterable<string>, opts: ParseOptions): AsyncGenerator<ParseEvent[]> {
  const it = text[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  // Enough text to see the first non-blank character and the first full line.
  while (!done && (head.trimStart().length === 0 || !/\r|\n/.test(head.trimStart()))) {
    const r = await it.next();
    if (r.done) done = true;
    else head += r.value;
    if (head.length > 2_000_000) break;
  }
  const rest = (async function* () {
    if (head) yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  const start = head.trimStart()[0];
  const explicit = opts.format && opts.format !== 'auto' ? opts.format : undefined;
  if (explicit && explicit !== 'generic-csv' && !formatById(explicit)) {
    throw new FormatError('unknown_format', `unknown format "${explicit}"`);
  }
  if (start === '{' || start === '[') {
    yield* parseJsonish(rest, head, explicit, opts);
    return;
  }
  if (start === undefined) throw new FormatError('unreadable', 'the file has no content (only blank lines)');
  yield* parseCsvStream(rest, explicit, opts);
}

async function* parseCsvStream(text: AsyncIterable<string>, explicit: string | undefined, opts: ParseOptions): AsyncGenerator<ParseEvent[]> {
  const csv = new CsvStream();
  let reader: ((fields: string[]) => RowOutcome) | null = null;
  let width = 0;
  // Columns up to the header's last named one: a row must reach that far (a trailing unnamed column may be left off).
  let needed = 0;
  /** `atEnd`: rows the parser closed at the end of the text, i.e. a last line with no line break after it. */
  const handle = async (rows: { line: number; fields: string[] }[], atEnd = false): Promise<ParseEvent[]> => {
    const out: ParseEvent[] = [];
    for (const row of rows) {
      if (!reader) {
        const header = row.fields.map((h) => h.trim().toLowerCase());
        const dup = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
        if (dup.length) throw new FormatError('unreadable', `the header names a column twice: ${[...new Set(dup)].join(', ')}`, { header });
        const format = await pickCsvFormat(header, explicit, opts);
        opts.meta.format = format.id;
        opts.meta.label = format.label;
        opts.meta.family = format.family;
        opts.meta.kind = 'csv';
        opts.meta.header = header;
        try {
          reader = format.start(header);
        } catch (e) {
          throw new FormatError('needs_mapping', (e as Error).message, { header, suggestion: suggestMapping(header), headerHash: headerHash(header) });
        }
        width = header.length;
        needed = header.findLastIndex((h) => h !== '') + 1;
        continue;
      }
      if (row.fields.length === 1 && row.fields[0]!.trim() === '') continue;
      if (row.fields.length < needed) {
        // A short last line is where a download or a copy stopped: its last value may be cut too (1247 for 124784).
        if (atEnd) throw new FormatError('unreadable', `the file looks cut off: its last line (line ${row.line}) has ${row.fields.length} of the header's ${needed} fields and no line break after it. Export or download it again.`);
        out.push({ line: row.line, outcome: { kind: 'reject', reason: `row has ${row.fields.length} fields but the header has ${needed}` } });
        continue;
      }
      if (row.fields.length > width && row.fields.slice(width).some((f) => f.trim() !== '')) {
        out.push({ line: row.line, outcome: { kind: 'reject', reason: `row has ${row.fields.length} fields but the header has ${width}` } });
        continue;
      }
      out.push({ line: row.line, outcome: reader(row.fields) });
    }
    return out;
  };
  try {
    for await (const chunk of text) {
      // At most ~64 KB of rows at a time, cut at a line break: the rows of a slice are alive until the caller has
      // staged them, and a quarter of a megabyte of them made every young-generation collection copy and promote
      // them all (most of the ingest's garbage-collection time).
      for (let i = 0; i < chunk.length;) {
        let end = chunk.length;
        if (end - i > SLICE) {
          const nl = chunk.lastIndexOf('\n', i + SLICE);
          end = nl > i ? nl + 1 : i + SLICE;
        }
        yield await handle(csv.push(i === 0 && end === chunk.length ? chunk : chunk.slice(i, end)));
        i = end;
      }
    }
    yield await handle(csv.end(), true);
  } catch (e) {
    if (e instanceof FormatError) throw e;
    if (e instanceof Error && /never ends|longer than/.test(e.message)) throw new FormatError('unreadable', e.message);
    throw e;
  }
  if (!reader) throw new FormatError('unreadable', 'the file has no header row');
}

async function pickCsvFormat(header: string[], explicit: string | undefined, opts: ParseOptions): Promise<CsvFormat> {
  const hash = headerHash(header);
  if (explicit === 'generic-csv' || (!explicit && opts.mapping)) {
    if (!opts.mapping) {
      const remembered = await opts.lookupMapping?.(hash);
      if (remembered) return genericCsvFormat(remembered);
      throw new FormatError('needs_mapping', 'this CSV needs a column mapping', { header, suggestion: suggestMapping(header), headerHash: hash });
    }
    return genericCsvFormat(opts.mapping);
  }
  const csvFormats = FORMATS.filter((f): f is CsvFormat => f.kind === 'csv');
  if (explicit) {
    const f = csvFormats.find((x) => x.id === explicit);
    if (!f) throw new FormatError('unknown_format', `"${explicit}" is not a CSV format, but this file is CSV`, { header });
    return f;
  }
  const found = best(csvFormats, (f) => f.detect(header));
  if (found) return found;
  const remembered = await opts.lookupMapping?.(hash);
  if (remembered) return genericCsvFormat(remembered);
  throw new FormatError('needs_mapping', `no known export has these columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}. Map the columns to read it as a generic CSV.`, { header, suggestion: suggestMapping(header), headerHash: hash });
}

async function* parseJsonish(text: AsyncIterable<string>, head: string, explicit: string | undefined, opts: ParseOptions): AsyncGenerator<ParseEvent[]> {
  const firstLine = head.trimStart().split(/\r?\n/, 1)[0]!.trim();
  let firstObj: unknown = undefined;
  try { firstObj = JSON.parse(firstLine); } catch { /* a pretty-printed document */ }
  const explicitFormat = explicit ? formatById(explicit) : undefined;
  const jsonlFormats = FORMATS.filter((f): f is JsonlFormat => f.kind === 'jsonl');
  const jsonFormats = FORMATS.filter((f): f is JsonFormat => f.kind === 'json');
  const isObject = firstObj !== null && typeof firstObj === 'object' && !Array.isArray(firstObj);
  const after = head.trimStart().slice(firstLine.length).trimStart();
  // JSON lines: the first line is a whole object and the next starts another. A one-line file is JSON lines only
  // when no JSON document format claims it (a minified API page is one line too).
  let isJsonl = explicitFormat ? explicitFormat.kind === 'jsonl' : isObject && after.startsWith('{');
  if (!explicitFormat && isObject && after === '' && !best(jsonFormats, (f) => f.detect(firstObj)) && best(jsonlFormats, (f) => f.detect(firstObj))) isJsonl = true;
  if (isJsonl) {
    const format = explicitFormat?.kind === 'jsonl' ? explicitFormat : best(jsonlFormats, (f) => f.detect(firstObj));
    if (!format) throw new FormatError('unknown_format', `JSON lines, but no known log has records like: ${firstLine.slice(0, 200)}`, { sample: firstLine.slice(0, 500) });
    setMeta(opts, format);
    yield* readJsonl(text, format);
    return;
  }
  let all = '';
  const max = opts.maxJsonChars ?? DEFAULT_MAX_JSON_CHARS;
  for await (const c of text) {
    all += c;
    if (all.length > max) throw new FormatError('unreadable', `a single JSON document over ${Math.round(max / 1024 / 1024)} MB cannot be read at once; export it as JSON lines (one record per line)`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(all);
  } catch (e) {
    const msg = e instanceof RangeError ? 'the JSON is nested too deeply' : `the JSON is not valid (${(e as Error).message.replace(/^.*?: /, '')}); is the file cut short?`;
    throw new FormatError('unreadable', msg, { sample: all.slice(0, 300) });
  }
  const format = explicitFormat?.kind === 'json' ? explicitFormat : explicitFormat ? null : best(jsonFormats, (f) => f.detect(doc));
  if (!format) {
    if (explicitFormat) throw new FormatError('unknown_format', `"${explicit}" is not a JSON document format`);
    throw new FormatError('unknown_format', `JSON, but not an export Frontier knows: ${all.slice(0, 200)}`, { sample: all.slice(0, 500) });
  }
  setMeta(opts, format);
  let batch: ParseEvent[] = [];
  for (const ev of format.rows(doc)) {
    batch.push(ev);
    if (batch.length >= 1000) { yield batch; batch = []; }
  }
  yield batch;
}

function setMeta(opts: ParseOptions, f: UsageFormat) {
  opts.meta.format = f.id;
  opts.meta.label = f.label;
  opts.meta.family = f.family;
  opts.meta.kind = f.kind;
}

async function* readJsonl(text: AsyncIterable<string>, format: JsonlFormat): AsyncGenerator<ParseEvent[]> {
  let buf = '';
  let line = 0;
  const one = (raw: string): ParseEvent | null => {
    line++;
    const s = raw.trim();
    if (!s) return null;
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch {
      return { line, outcome: { kind: 'reject', reason: 'not valid JSON' } };
    }
    return { line, outcome: format.row(obj) };
  };
  for await (const c of text) {
    buf += c;
    const out: ParseEvent[] = [];
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf('\n', start)) >= 0) {
      const ev = one(buf.slice(start, nl));
      start = nl + 1;
      if (ev) out.push(ev);
    }
    buf = buf.slice(start);
    if (buf.length > 10_000_000) throw new FormatError('unreadable', `line ${line + 1} is longer than 10 MB`);
    if (out.length) yield out;
  }
  const ev = one(buf);
  if (ev) yield [ev];
}
