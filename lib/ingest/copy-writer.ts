/**
 * COPY text written straight into bytes. A line built as a template string is twenty-odd string pieces until it is
 * flattened, then encoded again on its way to the socket; at millions of rows those pieces were a third of the ingest's
 * JavaScript time (mostly garbage collection). Here a row's fields go into a Buffer as they are read: ASCII byte by
 * byte, anything else through Buffer's UTF-8 encoder (lone surrogates become U+FFFD, as Buffer.from(string) does).
 */
const CHUNK = 1 << 20;
const HEX = [...Array(256).keys()].map((b) => b.toString(16).padStart(2, '0'));
const HEX_HI = Uint8Array.from(HEX, (h) => h.charCodeAt(0));
const HEX_LO = Uint8Array.from(HEX, (h) => h.charCodeAt(1));

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

  /** A string as it is (the caller quotes it if CSV needs that). */
  text(s: string): void {
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

  /** Bytes already encoded (a line's constant parts, encoded once). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A 16-byte uuid given as a latin1 string of at least 16 characters (a digest's bytes), 8-4-4-4-12 lower-case hex. */
  uuidLatin1(d: string): void {
    this.room(36);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) buf[p++] = 45;
      const b = d.charCodeAt(i);
      buf[p++] = HEX_HI[b]!;
      buf[p++] = HEX_LO[b]!;
    }
    this.pos = p;
  }

  /** A quoted CSV field: '' stays an empty string, a quote is doubled. */
  quoted(s: string): void {
    const n = s.length;
    this.room(n * 3 + 2);
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c === 34) { this.pos = start; this.text(`"${s.replace(/"/g, '""')}"`); return; }
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.pos = p;
  }

  /** A non-negative safe integer in decimal. */
  int(v: number): void {
    this.room(16);
    const buf = this.buf;
    if (v < 10) { buf[this.pos++] = 48 + v; return; }
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let x = v; x > 0; x = Math.floor(x / 10)) buf[--p] = 48 + (x % 10);
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
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
