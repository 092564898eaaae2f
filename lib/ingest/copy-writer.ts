/**
 * COPY binary rows written straight into bytes, field by field as they are read: no line string to build, flatten and
 * encode again on its way to the socket (at millions of rows that was a third of the ingest's JavaScript time, mostly
 * garbage collection). Text goes ASCII byte by byte, anything else through Buffer's UTF-8 encoder (lone surrogates
 * become U+FFFD, as Buffer.from(string) does).
 */
const CHUNK = 1 << 20;
const POW10 = [1, 10, 100, 1000, 10000];
/** Scratch for a numeric's base-10000 groups: numeric(24, 12) needs 7, a plain decimal of any size fits 64. */
const GROUPS = new Int32Array(64);

/** 32 bits big-endian (a signed or unsigned value: the low 32 bits are written), without Buffer's range checks. */
function put32(b: Buffer, p: number, v: number): void {
  b[p] = (v >>> 24) & 0xff;
  b[p + 1] = (v >>> 16) & 0xff;
  b[p + 2] = (v >>> 8) & 0xff;
  b[p + 3] = v & 0xff;
}

function put16(b: Buffer, p: number, v: number): void {
  b[p] = (v >> 8) & 0xff;
  b[p + 1] = v & 0xff;
}

function digitAt(s: string, at: number): number {
  const d = s.charCodeAt(at) - 48;
  if (d < 0 || d > 9) throw new RangeError(`not a plain decimal: "${s}"`);
  return d;
}

/** The 11-byte signature, flags and header extension length of a COPY binary stream; and its end. */
export const COPY_BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

export class CopyWriter {
  private buf: Buffer = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private chunks: Buffer[] = [];
  private total = 0;
  /** Chunks given back once their COPY is done: memory stays a few batches' worth whatever the garbage collector does. */
  private spare: Buffer[] = [];

  /** Room for `n` more bytes in the current chunk. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) { this.chunks.push(this.buf.subarray(0, this.pos)); this.total += this.pos; }
    this.buf = this.fresh(n);
    this.pos = 0;
  }

  private fresh(n = 0): Buffer {
    return n <= CHUNK && this.spare.length ? this.spare.pop()! : Buffer.allocUnsafe(Math.max(CHUNK, n));
  }

  /** Chunks from take() whose COPY has finished (the server has read them): their memory is written again. */
  recycle(chunks: readonly Buffer[]): void {
    for (const c of chunks) {
      if (c.byteOffset === 0 && c.buffer.byteLength === CHUNK && this.spare.length < 16) this.spare.push(Buffer.from(c.buffer, 0, CHUNK));
    }
  }

  /** A string's UTF-8 bytes (textField puts its length before them). */
  private text(s: string): void {
    const n = s.length;
    this.room(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) { this.pos += buf.write(s, this.pos, 'utf8'); return; }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /** Bytes already encoded (a row's constant fields, encoded once). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  // ---- COPY binary (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4): each field is its
  // length (int32, -1 for NULL) and the type's binary send form, big-endian. The server then runs no text parser
  // and no input function per field: on a 21-column usage row, most of what a CSV COPY costs Postgres.

  int16(v: number): void {
    this.room(2);
    put16(this.buf, this.pos, v);
    this.pos += 2;
  }

  int32(v: number): void {
    this.room(4);
    put32(this.buf, this.pos, v);
    this.pos += 4;
  }

  /** A safe integer (|v| < 2^53) as int64. */
  int64(v: number): void {
    this.room(8);
    const hi = Math.floor(v / 4294967296);
    put32(this.buf, this.pos, hi);
    put32(this.buf, this.pos + 4, v - hi * 4294967296);
    this.pos += 8;
  }

  /** A bigint field: its length and the value. */
  int8Field(v: number): void {
    this.room(12);
    const buf = this.buf;
    const p = this.pos;
    buf[p] = 0; buf[p + 1] = 0; buf[p + 2] = 0; buf[p + 3] = 8;
    const hi = Math.floor(v / 4294967296);
    put32(buf, p + 4, hi);
    put32(buf, p + 8, v - hi * 4294967296);
    this.pos = p + 12;
  }

  nullField(): void {
    this.int32(-1);
  }

  /** A text field: its UTF-8 length, then the bytes (the length is written once the bytes are). */
  textField(s: string): void {
    this.room(4 + s.length * 3);
    const at = this.pos;
    this.pos += 4;
    this.text(s);
    put32(this.buf, at, this.pos - at - 4);
  }

  /** A 16-byte uuid field from a latin1 string of at least 16 characters (a digest's bytes). */
  uuidFieldLatin1(d: string): void {
    this.room(20);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0; buf[p++] = 0; buf[p++] = 0; buf[p++] = 16;
    for (let i = 0; i < 16; i++) buf[p++] = d.charCodeAt(i);
    this.pos = p;
  }

  /**
   * A numeric field holding `units` × 10^-scale exactly (units a safe integer). numeric's binary form is base-10000
   * digits with the decimal point between digits: the units are grouped by 4 from the point, the zero groups at either
   * end left out, and `scale` is the display scale (never fewer decimals than the value has: the server would cut).
   */
  numericUnits(units: number, scale: number): void {
    const neg = units < 0;
    let v = neg ? -units : units;
    const fracGroups = Math.ceil(scale / 4);
    const pad = fracGroups * 4 - scale;
    const g = GROUPS;
    let n = 0;
    if (v > 0) {
      const first = POW10[4 - pad]!;
      const r = v % first;
      g[n++] = r * POW10[pad]!;
      v = (v - r) / first;
      while (v > 0) {
        const d = v % 10000;
        g[n++] = d;
        v = (v - d) / 10000;
      }
    }
    this.numericGroups(g, n, n - 1 - fracGroups, neg, scale);
  }

  /** A numeric field from a plain decimal string (`-12.50`, `0.3409`: no exponent), exactly. */
  numericDecimal(s: string): void {
    if (s.length > 200) throw new RangeError(`not a plain decimal of at most 200 characters: "${s.slice(0, 40)}…"`);
    let i = 0;
    let neg = false;
    if (s.charCodeAt(0) === 45) { neg = true; i = 1; } else if (s.charCodeAt(0) === 43) i = 1;
    let dot = s.indexOf('.', i);
    if (dot < 0) dot = s.length;
    const scale = dot < s.length ? s.length - dot - 1 : 0;
    if (dot === i && scale === 0) throw new RangeError(`not a plain decimal: "${s}"`);
    // Groups from the least significant: the fraction right-padded to whole groups, then the integer part.
    const g = GROUPS;
    let n = 0;
    const fracGroups = Math.ceil(scale / 4);
    for (let k = fracGroups - 1; k >= 0; k--) {
      let d = 0;
      for (let j = 0; j < 4; j++) {
        const at = dot + 1 + k * 4 + j;
        d = d * 10 + (at < s.length ? digitAt(s, at) : 0);
      }
      g[n++] = d;
    }
    for (let end = dot; end > i; end -= 4) {
      let d = 0;
      for (let at = Math.max(i, end - 4); at < end; at++) d = d * 10 + digitAt(s, at);
      g[n++] = d;
    }
    // Leading zero groups of the integer part are not digits.
    while (n > fracGroups && g[n - 1] === 0) n--;
    this.numericGroups(g, n, n - 1 - fracGroups, neg, scale);
  }

  /** g[0..n) least significant first; `weight` is the power of 10000 of g[n-1]. */
  private numericGroups(g: Int32Array, n: number, weight: number, neg: boolean, scale: number): void {
    let lo = 0;
    while (lo < n && g[lo] === 0) lo++;
    while (n > lo && g[n - 1] === 0) { n--; weight--; }
    const digits = n - lo;
    this.room(12 + 2 * digits);
    const buf = this.buf;
    let p = this.pos;
    // Length, then ndigits, weight, sign and display scale (int16 each), then the digits.
    put32(buf, p, 8 + 2 * digits);
    put16(buf, p + 4, digits);
    put16(buf, p + 6, digits === 0 ? 0 : weight);
    put16(buf, p + 8, neg && digits > 0 ? 0x4000 : 0);
    put16(buf, p + 10, scale);
    p += 12;
    for (let k = n - 1; k >= lo; k--, p += 2) put16(buf, p, g[k]!);
    this.pos = p;
  }

  get length(): number {
    return this.total + this.pos;
  }

  /** Everything written so far, as chunks to send in order; the writer starts again empty. */
  take(): Buffer[] {
    if (this.pos > 0) { this.chunks.push(this.buf.subarray(0, this.pos)); this.buf = this.fresh(); }
    const out = this.chunks;
    this.chunks = [];
    this.total = 0;
    this.pos = 0;
    return out;
  }
}
