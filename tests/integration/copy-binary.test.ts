import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withIngestSession } from '@/db/ingest-session';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, CopyWriter } from '@/lib/ingest/copy-writer';

/** What the server makes of the COPY binary fields the stager writes: numeric, int8 and text, on both engines. */
describe.each(testEngines())('COPY binary on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await createTestDatabase(engine); });
  afterAll(async () => t?.destroy());

  test('numeric(24,12) from integer units and from decimal text, int8 (to ±2^53) and UTF-8 text read back exactly', async () => {
    const cases = fc.sample(fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 6, max: 12 }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), fc.maxSafeInteger()), { numRuns: 300, seed: 7 });
    const text = (units: bigint, scale: number) => {
      const neg = units < 0n;
      const s = (neg ? -units : units).toString().padStart(scale + 1, '0');
      return `${neg ? '-' : ''}${s.slice(0, s.length - scale)}${scale ? `.${s.slice(s.length - scale)}` : ''}`;
    };
    const w = new CopyWriter();
    w.bytes(COPY_BINARY_HEADER);
    cases.forEach(([units, scale, big, bigScale, n], i) => {
      w.int16(5);
      w.int8Field(i);
      w.int8Field(n);
      w.numericUnits(units, scale);
      w.numericDecimal(text(big, bigScale));
      w.textField(`ünï ${i} "q", ok`);
    });
    w.bytes(COPY_BINARY_TRAILER);
    const got = await withIngestSession(t.raw, async (s) => {
      await s.query('create temp table copy_check (i bigint, n bigint, a numeric(24,12), b numeric, s text) on commit drop');
      await s.copyBinary('copy_check', ['i', 'n', 'a', 'b', 's'], w.take());
      return s.query<{ i: string; n: string; a: string; b: string; s: string }>('select i::text as i, n::text as n, a::text as a, b::text as b, s from copy_check order by copy_check.i');
    });
    expect(got).toHaveLength(cases.length);
    got.forEach((r, i) => {
      const [units, scale, big, bigScale, n] = cases[i]!;
      // numeric(24,12) prints 12 decimals; the unconstrained column keeps the written scale.
      expect(r).toEqual({ i: String(i), n: String(n), a: text(BigInt(units) * 10n ** BigInt(12 - scale), 12), b: text(big, bigScale), s: `ünï ${i} "q", ok` });
    });
  });
});
