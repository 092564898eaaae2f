import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Bytes in, text out, streaming: counts and hashes the bytes as received (the file's identity), enforces the size
 * limit, gunzips when the file is gzip (with its own limit on what it may expand to), and decodes UTF-8 (BOM
 * dropped), UTF-16 (by BOM or by its zero bytes) or, when the start is not valid UTF-8, Windows-1252/Latin-1.
 */
export class SourceError extends Error {
  constructor(readonly code: 'too_large' | 'binary' | 'encoding' | 'empty' | 'gzip' | 'stalled', message: string) { super(message); }
}

export type SourceInfo = { bytes: number; sha256: string; gzip: boolean; encoding: string };

const SAMPLE = 64 * 1024;
/**
 * Bytes are decoded at most this many at a time: a string of more than ~128 KB is allocated outside the young
 * generation (a mapping of its own, page faults, an unmapping later), which made decoding 256 KB reads five times
 * slower than decoding the same bytes in 64 KB pieces.
 */
const PIECE = 64 * 1024;
/** What a gzip upload may expand to (FRONTIER_MAX_EXPANDED_BYTES): past it the file fails as a likely zip bomb. */
export const DEFAULT_MAX_EXPANDED_BYTES = Number(process.env.FRONTIER_MAX_EXPANDED_BYTES || 1024 ** 3);

/**
 * How long an upload may send nothing (FRONTIER_UPLOAD_IDLE_SECONDS, 30) before it is stopped: it holds a database
 * connection and its workspace's write lock while it is read, so a client that goes quiet must not keep them.
 */
export const uploadIdleMs = () => 1000 * Number(process.env.FRONTIER_UPLOAD_IDLE_SECONDS || 30);

export async function* decodeSource(
  chunks: AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; maxExpandedBytes?: number; idleMs?: number; info: Partial<SourceInfo>; onBytes?: (bytes: number) => void },
): AsyncGenerator<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tapped = (async function* () {
    for await (const c of opts.idleMs ? idleLimited(chunks, opts.idleMs) : chunks) {
      bytes += c.byteLength;
      if (bytes > opts.maxBytes) throw new SourceError('too_large', `the file is larger than the limit of ${formatBytes(opts.maxBytes)}`);
      hash.update(c);
      opts.onBytes?.(bytes);
      yield c;
    }
  })();

  // Peek at the first bytes to tell gzip from plain text.
  const it = tapped[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done || first.value.byteLength === 0) {
    opts.info.bytes = 0;
    throw new SourceError('empty', 'the file is empty');
  }
  const rest = (async function* () {
    try {
      yield first.value;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      // A reader that stops early ends the source's iteration too (a stream is then left for its owner to drain).
      await it.return?.();
    }
  })();
  const gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
  opts.info.gzip = gzip;
  let plain: AsyncIterable<Uint8Array> = rest;
  if (gzip) {
    const limit = opts.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES;
    const gunzip = createGunzip();
    const expanded = Readable.from(rest).pipe(gunzip);
    plain = (async function* () {
      let out = 0;
      try {
        for await (const c of expanded as AsyncIterable<Buffer>) {
          out += c.byteLength;
          if (out > limit) throw new SourceError('too_large', `the gzip file expands past the limit of ${formatBytes(limit)} (is it a zip bomb?)`);
          yield c;
        }
      } catch (e) {
        if (e instanceof SourceError) throw e;
        throw new SourceError('gzip', `the gzip data is damaged: ${(e as Error).message}`);
      } finally {
        expanded.destroy();
      }
    })();
  }

  let decoder: TextDecoder | null = null;
  let sample: Uint8Array[] = [];
  let sampleBytes = 0;
  let started = false;
  // An ASCII piece reads the same in UTF-8 and in Windows-1252, so it is copied as Latin-1 (no validation, no decoding).
  // It cannot be the rest of a character the decoder holds from the piece before (that rest is continuation bytes, not
  // ASCII); a sequence left cut short there is still refused, by the decoder's next call or its final flush. A byte-order
  // mark is not ASCII either: the decoder gets it and drops it.
  let asciiOk = false;
  const text = (c: Uint8Array): string => {
    if (c.byteLength === 0) return '';
    const b = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    return asciiOk && isAscii(b) ? b.toString('latin1') : decode(decoder!, b, true);
  };
  const pieces = function* (c: Uint8Array): Generator<string> {
    for (let at = 0; at < c.byteLength; at += PIECE) {
      const t = text(c.subarray(at, Math.min(c.byteLength, at + PIECE)));
      if (t) yield t;
    }
  };
  const emitSample = (): Generator<string> => {
    const buf = Buffer.concat(sample);
    sample = [];
    decoder = pickDecoder(buf, opts.info);
    asciiOk = opts.info.encoding === 'utf-8' || opts.info.encoding?.startsWith('latin-1') === true;
    return pieces(buf);
  };
  for await (const c of plain) {
    if (!started) {
      sample.push(c);
      sampleBytes += c.byteLength;
      if (sampleBytes < SAMPLE) continue;
      started = true;
      yield* emitSample();
      continue;
    }
    yield* pieces(c);
  }
  if (!started) {
    if (sampleBytes === 0) throw new SourceError('empty', 'the file is empty');
    yield* emitSample();
  }
  const tail = decode(decoder!, new Uint8Array(0), false);
  if (tail) yield tail;
  opts.info.bytes = bytes;
  opts.info.sha256 = hash.digest('hex');
}

/** The chunks, failing when the next one takes longer than `ms` to come. */
export async function* idleLimited(chunks: AsyncIterable<Uint8Array>, ms: number): AsyncGenerator<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  let stalled = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => { stalled = true; reject(new SourceError('stalled', `no data arrived for ${Math.round(ms / 1000)} s, so the upload was stopped; nothing was written`)); }, ms);
      });
      const r = await Promise.race([it.next(), idle]).finally(() => clearTimeout(timer));
      if (r.done) return;
      yield r.value;
    }
  } finally {
    // A source still waiting for its next chunk cannot end its iteration now; it is not waited for.
    const ended = it.return?.();
    if (stalled) ended?.catch(() => {});
    else await ended;
  }
}

function decode(d: TextDecoder, chunk: Uint8Array, stream: boolean): string {
  try {
    return d.decode(chunk, { stream });
  } catch {
    throw new SourceError('encoding', 'the file is not valid UTF-8 past its first 64 KB (mixed encodings?); save it as UTF-8 and upload again');
  }
}

function pickDecoder(buf: Buffer, info: Partial<SourceInfo>): TextDecoder {
  const set = (enc: string, label: string, fatal: boolean) => {
    info.encoding = label;
    return new TextDecoder(enc, { fatal, ignoreBOM: false });
  };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return set('utf-8', 'utf-8', true);
  if (buf[0] === 0xff && buf[1] === 0xfe) return set('utf-16le', 'utf-16le', true);
  if (buf[0] === 0xfe && buf[1] === 0xff) return set('utf-16be', 'utf-16be', true);
  const n = Math.min(buf.length, 4096);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 === 0 ? zeroEven++ : zeroOdd++);
  if (zeroOdd > n / 4 && zeroEven === 0) return set('utf-16le', 'utf-16le', true);
  if (zeroEven > n / 4 && zeroOdd === 0) return set('utf-16be', 'utf-16be', true);
  if (zeroEven + zeroOdd > 0) throw new SourceError('binary', 'this is a binary file, not a usage export (CSV, TSV, JSON or JSONL, optionally gzip-compressed)');
  try {
    // Trim an incomplete multi-byte sequence at the sample's end before judging it.
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, lastCompleteUtf8(buf)));
    return set('utf-8', 'utf-8', true);
  } catch {
    return set('windows-1252', 'latin-1 (windows-1252)', false);
  }
}

function lastCompleteUtf8(buf: Buffer): number {
  let end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = buf[end - i]!;
    if ((b & 0xc0) === 0x80) continue;
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i < need) end -= i;
    }
    break;
  }
  return end;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 === 0 ? 0 : 1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n % 1024 ** 2 === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
