import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeNumeric } from './copy-decode';
import { CopyWriter } from './copy-writer';

/** One writer for every case (each allocates a 1 MB chunk; a new one per case made the property test crawl). */
const writer = new CopyWriter();

/** What one numeric field encodes to, read back (the field's 4-byte length first). */
function roundTrip(write: (w: CopyWriter) => void): string {
  const w = writer;
  write(w);
  const chunks = w.take();
  const b = Buffer.concat(chunks);
  w.recycle(chunks);
  expect(b.readInt32BE(0)).toBe(b.length - 4);
  return decodeNumeric(b.subarray(4));
}

/** `units` × 10^-scale as numeric prints it with that scale. */
function expected(units: bigint, scale: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale);
  return `${neg && units !== 0n ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

describe('numeric in COPY binary', () => {
  test.each([
    [0, 12, '0.000000000000'],
    [1, 12, '0.000000000001'],
    [325000000, 8, '3.25000000'],
    [10000, 0, '10000'],
    [123456789012345, 6, '123456789.012345'],
    [Number.MAX_SAFE_INTEGER, 12, '9007.199254740991'],
    [-5, 9, '-0.000000005'],
  ])('%d × 10^-%d is %s', (units, scale, text) => {
    expect(roundTrip((w) => w.numericUnits(units, scale))).toBe(text);
  });

  test.each([
    ['0', '0'], ['0.3409', '0.3409'], ['-12.50', '-12.50'], ['0.34090000000000000', '0.34090000000000000'], ['+7', '7'], ['1000000.000001', '1000000.000001'], ['00012.3', '12.3'],
  ])('%s reads back as %s', (s, text) => {
    expect(roundTrip((w) => w.numericDecimal(s))).toBe(text);
  });

  test('anything but a plain decimal is refused, not misread', () => {
    for (const bad of ['1e-5', '1,5', '$3', '-', '1.2.3', ' 1']) expect(() => roundTrip((w) => w.numericDecimal(bad)), bad).toThrow(RangeError);
  });

  test('any safe integer at any scale the stager uses (6 to 12) reads back exactly, as integer or as decimal text', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (units, scale) => {
      const text = expected(BigInt(units), scale);
      expect(roundTrip((w) => w.numericUnits(units, scale))).toBe(text);
      expect(roundTrip((w) => w.numericDecimal(text))).toBe(text);
    }), { numRuns: 5000 });
  });
});
