import { COPY_BINARY_HEADER } from './copy-writer';

/**
 * Reads a COPY binary stream back into text values, the way Postgres would print them (for the tests of what the
 * stager writes: copy-writer.ts encodes, this decodes, and the integration tests check both against a real server).
 */
export type CopyType = 'uuid' | 'timestamptz' | 'date' | 'text' | 'bool' | 'int8' | 'numeric';

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

export function decodeCopyBinary(chunks: readonly Uint8Array[], types: readonly CopyType[]): (string | null)[][] {
  const b = Buffer.concat(chunks);
  if (b.length === 0) return [];
  if (!b.subarray(0, COPY_BINARY_HEADER.length).equals(COPY_BINARY_HEADER)) throw new Error('not a COPY binary stream');
  let p = COPY_BINARY_HEADER.length;
  const rows: (string | null)[][] = [];
  for (;;) {
    const n = b.readInt16BE(p);
    p += 2;
    if (n === -1) break;
    if (n !== types.length) throw new Error(`tuple of ${n} fields, expected ${types.length}`);
    const row: (string | null)[] = [];
    for (const type of types) {
      const len = b.readInt32BE(p);
      p += 4;
      if (len === -1) { row.push(null); continue; }
      row.push(decodeField(b.subarray(p, p + len), type));
      p += len;
    }
    rows.push(row);
  }
  if (p !== b.length) throw new Error(`${b.length - p} bytes after the trailer`);
  return rows;
}

function decodeField(f: Buffer, type: CopyType): string {
  switch (type) {
    case 'uuid': {
      const h = f.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'timestamptz': return new Date(PG_EPOCH_MS + Number(f.readBigInt64BE(0) / 1000n)).toISOString();
    case 'date': return new Date(PG_EPOCH_MS + f.readInt32BE(0) * 86_400_000).toISOString().slice(0, 10);
    case 'text': return f.toString('utf8');
    case 'bool': return f[0] ? 't' : 'f';
    case 'int8': return f.readBigInt64BE(0).toString();
    case 'numeric': return decodeNumeric(f);
  }
}

/** numeric's binary form (ndigits, weight, sign, dscale, base-10000 digits) as numeric's text form. */
export function decodeNumeric(f: Buffer): string {
  const n = f.readInt16BE(0);
  const weight = f.readInt16BE(2);
  const sign = f.readUInt16BE(4);
  const dscale = f.readInt16BE(6);
  const digit = (w: number) => {
    const i = weight - w;
    return i >= 0 && i < n ? f.readInt16BE(8 + 2 * i) : 0;
  };
  let int = '';
  for (let w = Math.max(weight, 0); w >= 0; w--) int += int === '' ? String(digit(w)) : String(digit(w)).padStart(4, '0');
  int = int.replace(/^0+(?=\d)/, '');
  let frac = '';
  for (let w = -1; frac.length < dscale; w--) frac += String(digit(w)).padStart(4, '0');
  frac = frac.slice(0, dscale);
  return `${sign === 0x4000 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
