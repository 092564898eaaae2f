import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import { CATALOG } from '@/db/seed/catalog';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { aliasRowsFor } from '@/lib/catalog/resolve';
import { CsvError } from '@/lib/csv';
import { FORMAT_IDS, FORMATS } from '@/lib/ingest/formats/index';
import type { IngestSummary } from '@/lib/ingest/summary';
import type { CsvFormat, JsonFormat, JsonlFormat, RowOutcome } from '@/lib/ingest/types';
import { importPriceCsv, PriceCsvFormatError } from '@/lib/pricing/csv-sheet';
import { importLiteLLMPriceMap } from '@/lib/pricing/litellm';
import { ArenaFormatError, parseArenaCatalogJson, parseArenaCsv } from '@/lib/quality/arena';
import { parseJudgments } from '@/lib/quality/judgments';
import { FIXTURES, ingestBytes } from '../helpers/ingest';

/**
 * Property-based tests for every reader. Through the real pipeline on PGlite: any bytes end as ingested, failed
 * (with a clear reason, never an internal error, and not one usage row) or duplicate; generated valid exports
 * round-trip their totals. The pure readers (formats, price sheets, Arena, judgments) throw only their own errors.
 * Seeds are fixed so a failure replays; runs are bounded so the file takes seconds.
 */
const SEED = 20261126;
const fixtureNames = fs.readdirSync(FIXTURES).sort();
const fixtureBytes = new Map(fixtureNames.map((f) => [f, fs.readFileSync(path.join(FIXTURES, f))]));
const firstLine = (b: Buffer) => b.toString('utf8').split(/\r?\n/, 1)[0]!;
const csvHeaders = fixtureNames.filter((f) => /\.(csv|tsv)$/.test(f)).map((f) => firstLine(fixtureBytes.get(f)!));

/** Text made of the characters parsers care about, anything else, and the headers of real exports. */
const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(',', '\t', '\n', '\r\n', '"', '""', '{', '}', '[', ']', ':', '0', '-1', '1e309', 'NaN', 'null', 'true', '2024-06-20', '2024-06-20T00:00:00Z', 'gpt-4o', '\u0000', '\ufeff', '\u2028') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...csvHeaders).map((h) => `${h}\n`) },
);
const hostileText = fc.array(token, { maxLength: 60 }).map((t) => t.join(''));

/** A real fixture, cut, spliced and bit-flipped. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: hostileText }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }), times: fc.integer({ min: 2, max: 5 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
function mutate(src: Buffer, ops: Mutation[]): Buffer {
  let b = Buffer.from(src);
  for (const op of ops) {
    const at = b.length === 0 ? 0 : op.at % b.length;
    if (op.kind === 'flip') { if (b.length) b[at] = op.byte; }
    else if (op.kind === 'cut') b = Buffer.concat([b.subarray(0, at), b.subarray(at + op.len)]);
    else if (op.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(op.text), b.subarray(at)]);
    else if (op.kind === 'repeat') b = Buffer.concat([b.subarray(0, at), ...Array(op.times).fill(b.subarray(at, at + op.len)), b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return b;
}
const mutatedFixture = fc.record({ file: fc.constantFrom(...fixtureNames), ops: fc.array(mutation, { minLength: 1, maxLength: 4 }), gzip: fc.boolean() })
  .map(({ file, ops, gzip }) => {
    const b = mutate(fixtureBytes.get(file)!, ops);
    return { file, bytes: gzip ? gzipSync(b) : b };
  });

const STATUSES = ['ingested', 'failed', 'duplicate'];

describe('usage readers, property-based, through the pipeline on pglite', () => {
  let t: TestDatabase;
  let n = 0;
  const workspace = async () => (await createWorkspace(t.db, { slug: `prop-${n++}`, name: 'Property' })).id;
  const count = async (ws: string, uploadId?: string) => (await rows<{ n: number }>(t.db, uploadId
    ? sql`select count(*)::int as n from usage where workspace_id = ${ws} and upload_id = ${uploadId}`
    : sql`select count(*)::int as n from usage where workspace_id = ${ws}`))[0]!.n;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    await seedReference(t.db);
  });
  afterAll(async () => t?.destroy());

  /** The invariant every upload keeps, whatever came in. */
  async function checkOutcome(ws: string, before: number, s: IngestSummary) {
    expect(STATUSES).toContain(s.status);
    if (s.status === 'failed') {
      expect(s.error?.trim()).toBeTruthy();
      // A parser's own refusal, never an unexpected exception.
      expect(s.errorCode, s.error).not.toBe('internal');
      expect(s.rowsIngested).toBe(0);
      expect(await count(ws, s.uploadId)).toBe(0);
      expect(await count(ws)).toBe(before);
    } else if (s.status === 'duplicate') {
      expect(await count(ws)).toBe(before);
    } else {
      expect(await count(ws, s.uploadId)).toBe(s.rowsIngested);
      expect(await count(ws)).toBe(before + s.rowsIngested);
    }
  }

  type Input = { name: string; bytes: Uint8Array | string; format?: string };
  const ingestProperty = (gen: fc.Arbitrary<Input>, numRuns: number, examples: [Input][] = []) => async () => {
    const ws = await workspace();
    await fc.assert(fc.asyncProperty(gen, async ({ name, bytes, format }) => {
      const before = await count(ws);
      await checkOutcome(ws, before, await ingestBytes(t, ws, name, bytes, { format }));
    }), { seed: SEED, numRuns, examples });
  };

  test('arbitrary bytes', ingestProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((bytes) => ({ name: 'random.bin', bytes })), 50));

  // Found by this property: JSON.parse's message cut a surrogate pair in half, jsonb refused the summary, and the
  // upload threw instead of failing (fixed in pipeline.ts persisted()).
  test('arbitrary text built from parser-relevant tokens and real headers', ingestProperty(hostileText.map((bytes) => ({ name: 'random.csv', bytes })), 60, [
    [{ name: 'split-surrogate.json', bytes: '[\u{10000}' }],
    [{ name: 'lone-surrogate.csv', bytes: 'model,input\n\ud800,1\n' }],
  ]));

  test('mutated real exports (plain and gzip), auto-detected', ingestProperty(mutatedFixture.map(({ file, bytes }) => ({ name: file, bytes })), 60));

  test('mutated real exports forced through every format reader', ingestProperty(
    fc.tuple(mutatedFixture, fc.constantFrom(...FORMAT_IDS, 'no-such-format')).map(([{ file, bytes }, format]) => ({ name: file, bytes, format })), 50));

  test('a known header with arbitrary rows, per CSV format', ingestProperty(
    fc.tuple(fc.constantFrom(...csvHeaders), fc.array(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String), fc.constantFrom('', '-5', '1e999', '2024-06-20', '2024-13-45 25:61', 'TRUE', 'gpt-4o')), { maxLength: 16 }), { maxLength: 20 }))
      .map(([header, body]) => ({ name: 'rows.csv', bytes: `${header}\n${body.map((r) => r.map((f) => (/[",\n\r\t]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(header.includes('\t') ? '\t' : ',')).join('\n')}\n` })), 50));

  /** OpenAI dashboard usage export rows, each a distinct (day, model, project) bucket. */
  const openaiRows = fc.uniqueArray(
    fc.record({
      day: fc.integer({ min: 0, max: 365 }), model: fc.constantFrom('gpt-4o-2024-08-06', 'gpt-3.5-turbo-0125', 'gpt-4o-mini', 'ft:gpt-4o:acme::x1'),
      project: fc.constantFrom('proj_a', 'proj_b', 'support bot', 'p,"quoted"'), requests: fc.integer({ min: 1, max: 1_000_000 }),
      input: fc.integer({ min: 0, max: 2_000_000_000 }), output: fc.integer({ min: 0, max: 2_000_000_000 }),
    }),
    { minLength: 1, maxLength: 40, selector: (r) => `${r.day}|${r.model}|${r.project}` },
  );

  test('a generated OpenAI dashboard usage CSV round-trips its totals', async () => {
    const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    await fc.assert(fc.asyncProperty(openaiRows, async (rs) => {
      const ws = await workspace();
      const start = Date.UTC(2024, 0, 1) / 1000;
      const body = rs.map((r) => [start + r.day * 86400, start + (r.day + 1) * 86400, '', '', q(r.project), `${r.requests}.0`, r.model, r.input, r.output].join(','));
      const s = await ingestBytes(t, ws, 'openai.csv', `start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,input_tokens,output_tokens\n${body.join('\n')}\n`);
      expect(s).toMatchObject({ status: 'ingested', format: 'openai-dashboard-usage', rowsIngested: rs.length, rowsRejected: 0 });
      const [u] = await rows<{ n: number; requests: string; input: string; output: string }>(t.db, sql`
        select count(*)::int as n, sum(requests)::text as requests, sum(input_tokens)::text as input, sum(output_tokens)::text as output from usage where workspace_id = ${ws}`);
      const sum = (f: (r: (typeof rs)[number]) => number) => String(rs.reduce((a, r) => a + BigInt(f(r)), 0n));
      expect(u).toEqual({ n: rs.length, requests: sum((r) => r.requests), input: sum((r) => r.input), output: sum((r) => r.output) });
      const [d] = await rows<{ input: string }>(t.db, sql`select sum(input_tokens)::text as input from usage_daily where workspace_id = ${ws}`);
      expect(d!.input).toBe(sum((r) => r.input));
    }), { seed: SEED, numRuns: 30 });
  });

  test('a generated OpenRouter daily export round-trips tokens, requests and reported cost to the cent', async () => {
    const orRows = fc.uniqueArray(
      fc.record({
        day: fc.integer({ min: 0, max: 200 }), slug: fc.constantFrom('anthropic/claude-3.5-sonnet', 'meta-llama/llama-3-70b-instruct', 'openai/gpt-4o', 'mystery/unknown-model'),
        requests: fc.integer({ min: 1, max: 100_000 }), prompt: fc.integer({ min: 0, max: 500_000_000 }), completion: fc.integer({ min: 0, max: 50_000_000 }),
        cents: fc.integer({ min: 0, max: 10_000_000 }),
      }),
      { minLength: 1, maxLength: 40, selector: (r) => `${r.day}|${r.slug}` },
    );
    await fc.assert(fc.asyncProperty(orRows, async (rs) => {
      const ws = await workspace();
      const date = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
      const usd = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
      const body = rs.map((r) => [`"${date(r.day)} 00:00:00"`, `"${r.slug}"`, `"${usd(r.cents)}"`, '"0"', `"${r.requests}"`, `"${r.prompt}"`, `"${r.completion}"`, '"0"'].join(','));
      const s = await ingestBytes(t, ws, 'openrouter.csv', `Date,Slug,Usage,BYOK Usage,Requests,Prompt Tokens,Completion Tokens,Reasoning Tokens\n${body.join('\n')}\n`);
      expect(s).toMatchObject({ status: 'ingested', format: 'openrouter-daily', rowsRejected: 0 });
      const [u] = await rows<{ requests: string | null; input: string | null; output: string | null; cost: string | null }>(t.db, sql`
        select sum(requests)::text as requests, sum(input_tokens)::text as input, sum(output_tokens)::text as output, sum(reported_cost)::numeric(20,2)::text as cost
        from usage where workspace_id = ${ws}`);
      const sum = (f: (r: (typeof rs)[number]) => number) => rs.reduce((a, r) => a + BigInt(f(r)), 0n);
      expect(u).toEqual({ requests: String(sum((r) => r.requests)), input: String(sum((r) => r.prompt)), output: String(sum((r) => r.completion)), cost: usd(Number(sum((r) => r.cents))) });
    }), { seed: SEED, numRuns: 30 });
  });
});

describe('pure readers never throw anything but their own errors', () => {
  const runs = { seed: SEED, numRuns: 400 };
  const isOutcome = (o: RowOutcome) => (o.kind === 'records' ? Array.isArray(o.records) : typeof o.reason === 'string' && o.reason.length > 0);
  const fields = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 16 }), fc.constantFrom('', '0', '-1', '1e309', 'NaN', '2024-06-20', 'TRUE', 'gpt-4o')), { maxLength: 20 });

  test.each(FORMATS.filter((f): f is CsvFormat => f.kind === 'csv').map((f) => [f.id, f] as const))('CSV reader %s: any row under its own header gives an outcome', (_id, f) => {
    const headerFixture = csvHeaders.map((h) => h.split(h.includes('\t') ? '\t' : ',').map((x) => x.replace(/^"|"$/g, '').trim().toLowerCase())).filter((h) => f.detect(h) >= 0.5);
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...(headerFixture.length ? headerFixture : [['x']])), fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 })), fields, (header, row) => {
      const score = f.detect(header);
      expect(score).toBeGreaterThanOrEqual(0);
      let read: ((fields: string[]) => RowOutcome) | null = null;
      try { read = f.start(header); } catch (e) { expect(e).toBeInstanceOf(Error); expect((e as Error).message).toBeTruthy(); return; }
      expect(isOutcome(read(row))).toBe(true);
    }), runs);
  });

  test.each(FORMATS.filter((f): f is JsonFormat | JsonlFormat => f.kind !== 'csv').map((f) => [f.id, f] as const))('JSON reader %s: any JSON value, and mutated fixtures, give outcomes', (_id, f) => {
    const docs = fixtureNames.filter((n) => /\.jsonl?$/.test(n)).flatMap((n) => fixtureBytes.get(n)!.toString('utf8').trim().split('\n').map((l) => { try { return [JSON.parse(l)]; } catch { return []; } }).flat()
      .concat((() => { try { return [JSON.parse(fixtureBytes.get(n)!.toString('utf8'))]; } catch { return []; } })()));
    // Replace any subtree of a real document by an arbitrary JSON value.
    const replaceSome = (v: unknown, repl: unknown, pick: number): unknown => {
      if (pick % 7 === 0 || v === null || typeof v !== 'object') return repl;
      if (Array.isArray(v)) return v.map((x, i) => (i === pick % v.length ? replaceSome(x, repl, Math.floor(pick / 3)) : x));
      const keys = Object.keys(v);
      const k = keys[pick % Math.max(keys.length, 1)];
      return k === undefined ? repl : { ...v, [k]: replaceSome((v as Record<string, unknown>)[k], repl, Math.floor(pick / 3)) };
    };
    const value = fc.oneof(fc.jsonValue({ maxDepth: 5 }), fc.tuple(fc.constantFrom(...docs), fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([d, r, p]) => replaceSome(d, r, p)));
    fc.assert(fc.property(value, (doc) => {
      expect(f.detect(doc)).toBeGreaterThanOrEqual(0);
      if (f.kind === 'json') { for (const ev of f.rows(doc)) expect(isOutcome(ev.outcome)).toBe(true); }
      else expect(isOutcome(f.row(doc))).toBe(true);
    }), runs);
  });

  const catalog = { models: CATALOG, aliases: aliasRowsFor(CATALOG) };

  test('price sheets: LiteLLM JSON map', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
      try {
        const r = importLiteLLMPriceMap(json, catalog, { effectiveFrom: '2024-06-17' });
        expect(Array.isArray(r.rows)).toBe(true);
      } catch (e) {
        expect((e as Error).message).toMatch(/^not a LiteLLM price map|is not a number|not a decimal/);
      }
    }), runs);
  });

  test('price sheets: CSV', () => {
    const sheet = fc.tuple(fc.constantFrom('model,provider,input_per_mtok,output_per_mtok,effective_from', 'model,provider,litellm_key,usd_per_1m_input,usd_per_1m_output,max_input_tokens,price_date,source', ''), hostileText)
      .map(([h, body]) => `${h}\n${body}`);
    fc.assert(fc.property(fc.oneof(hostileText, sheet), (text) => {
      try {
        const r = importPriceCsv(text, catalog);
        expect(Array.isArray(r.sheets) && Array.isArray(r.rejects)).toBe(true);
      } catch (e) {
        expect(e instanceof PriceCsvFormatError || e instanceof CsvError, String(e)).toBe(true);
      }
    }), runs);
  });

  test('Arena leaderboard CSV and LMArena catalog JSON', () => {
    const csv = fc.tuple(fc.constantFrom('rank,model,arena_elo,95_pct_ci,votes', 'model,arena_score,ci', ''), hostileText).map(([h, body]) => `${h}\n${body}`);
    fc.assert(fc.property(fc.oneof(hostileText, csv), (text) => {
      try { expect(parseArenaCsv(text).scores.every((s) => Number.isFinite(s.elo))).toBe(true); }
      catch (e) { expect(e instanceof ArenaFormatError || e instanceof CsvError, String(e)).toBe(true); }
    }), runs);
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
      try { parseArenaCatalogJson(json); }
      catch (e) { expect(e, String(e)).toBeInstanceOf(ArenaFormatError); }
    }), runs);
  });

  test('judgments (CSV, JSON lines, JSON array)', () => {
    const documented = /^(the judgments file is empty|not a judgments CSV|the judgments file starts with "\[" but is not valid JSON|the judgments JSON is not an array of objects|the judgments name only one model|no valid judgment in the file|unterminated quoted field)/;
    const csv = fc.tuple(fc.constantFrom('model_a,model_b,winner', 'model_a,model_b,winner,category', '[', '{"model_a":"x","model_b":"y","winner":"tie"}\n'), hostileText).map(([h, body]) => `${h}\n${body}`);
    fc.assert(fc.property(fc.oneof(hostileText, csv, fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '')), (text) => {
      try { expect(parseJudgments(text).judgments.length).toBeGreaterThan(0); }
      catch (e) { expect((e as Error).message, String(e)).toMatch(documented); }
    }), runs);
  });
});
