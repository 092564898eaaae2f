import { sql } from 'drizzle-orm';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { ingestUpload } from '@/lib/ingest/pipeline';
import { decodeSource, SourceError } from '@/lib/ingest/source';
import type { IngestSummary } from '@/lib/ingest/summary';
import { ingestBytes } from '../helpers/ingest';

/**
 * Hostile files through the real pipeline on PGlite: each fails with a clear reason, writes no usage row, and the
 * process's resident memory grows by less than RSS_BOUND while it is read. Figures go to SECURITY.md.
 */
const RSS_BOUND = 200 * 1024 ** 2;
const MB = 1024 ** 2;
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,input_tokens,output_tokens';

/** Runs an upload while sampling RSS every 20 ms; returns the summary and the peak growth over the start. */
async function measured(run: () => Promise<IngestSummary>): Promise<{ s: IngestSummary; growth: number; ms: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t0 = performance.now();
  try {
    const s = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { s, growth: peak - base, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A gzip bomb: one member holding 1 MiB of `unit`, compressed once (about 1 KB), repeated `mib` times. Gunzip reads
 * concatenated members as one stream, so a few MB expand to `mib` MiB.
 */
function bomb(head: string, unit: string, mib: number): { chunks: () => AsyncGenerator<Uint8Array>; bytes: number } {
  const first = gzipSync(Buffer.concat([Buffer.from(head), Buffer.from(unit.repeat(MB / unit.length))]), { level: 9 });
  const member = gzipSync(Buffer.from(unit.repeat(MB / unit.length)), { level: 9 });
  return {
    bytes: first.length + member.length * (mib - 1),
    chunks: async function* () {
      yield first;
      for (let i = 1; i < mib; i++) yield member;
    },
  };
}

describe('hostile files on pglite', () => {
  let t: TestDatabase;
  let ws = '';
  const usageRows = async () => (await rows<{ n: number }>(t.db, sql`select count(*)::int as n from usage where workspace_id = ${ws}`))[0]!.n;
  const figures: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'hostile', name: 'Hostile' })).id;
  });
  afterAll(async () => {
    console.log(`\n[hostile files] peak RSS growth per file:\n${figures.join('\n')}\n`);
    await t?.destroy();
  });

  const expectRefused = async (name: string, r: { s: IngestSummary; growth: number; ms: number }, error: RegExp) => {
    figures.push(`  ${name}: ${(r.growth / MB).toFixed(0)} MB, ${Math.round(r.ms)} ms → ${r.s.error}`);
    expect(r.s.status).toBe('failed');
    expect(r.s.error).toMatch(error);
    expect(r.s.rowsIngested).toBe(0);
    expect(await usageRows()).toBe(0);
    const [u] = await rows<{ status: string; error: string }>(t.db, sql`select status, error from uploads where workspace_id = ${ws} and id = ${r.s.uploadId}`);
    expect(u).toEqual({ status: 'failed', error: r.s.error });
    expect(r.growth).toBeLessThan(RSS_BOUND);
  };

  test('JSON nested 100,000 levels deep', async () => {
    const doc = `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const r = await measured(() => ingestBytes(t, ws, 'deep.json', doc));
    await expectRefused('JSON nested 100k levels', r, /nested too deeply|not an export Frontier knows/);
  });

  test('JSON lines whose first record nests 100,000 levels', async () => {
    const line = `{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const r = await measured(() => ingestBytes(t, ws, 'deep.jsonl', `${line}\n${line}\n`));
    await expectRefused('JSONL nested 100k levels', r, /nested too deeply|no known log has records like/);
  });

  test('gzip bomb: 1.2 GiB of blank CSV lines from about 1 MB stops at the expansion limit', async () => {
    const b = bomb(`${HEADER}\n`, '\n', 1229);
    expect(b.bytes).toBeLessThan(2 * MB);
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    let out = 0;
    const t0 = performance.now();
    const err = await (async () => {
      try {
        for await (const text of decodeSource(b.chunks(), { maxBytes: 1024 ** 3, info: {} })) {
          out += text.length;
          peak = Math.max(peak, process.memoryUsage().rss);
        }
      } catch (e) { return e; }
      return null;
    })();
    const ms = performance.now() - t0;
    figures.push(`  gzip bomb (${(b.bytes / MB).toFixed(1)} MB → 1.2 GiB), decoding alone: ${((peak - base) / MB).toFixed(0)} MB, ${Math.round(ms)} ms, stopped after ${(out / MB).toFixed(0)} MiB`);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe('the gzip file expands past the limit of 1 GiB (is it a zip bomb?)');
    expect(out).toBeLessThanOrEqual(1024 ** 3);
    expect(peak - base).toBeLessThan(RSS_BOUND);
  });

  test('gzip bomb through the pipeline: a JSON document of 1.2 GiB of spaces stops at the JSON limit', async () => {
    const b = bomb('{"data":[', ' ', 1229);
    const r = await measured(() => ingestUpload(t, { workspaceId: ws, filename: 'bomb.json.gz', chunks: b.chunks() }));
    await expectRefused(`gzip bomb JSON (${(b.bytes / MB).toFixed(1)} MB → 1.2 GiB)`, r, /^a single JSON document over 64 MB cannot be read at once; export it as JSON lines/);
  });

  test('a CSV header of 10,000 columns', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `col_${i}`).join(',');
    const row = Array.from({ length: 10_000 }, (_, i) => String(i)).join(',');
    const r = await measured(() => ingestBytes(t, ws, 'wide.csv', `${header}\n${row}\n${row}\n`));
    await expectRefused('CSV with 10k columns', r, /no known export has these columns: col_0, col_1, .*, …\. Map the columns/);
  });

  test('a known header followed by a row of 10,000,000 empty fields', async () => {
    const r = await measured(() => ingestBytes(t, ws, 'commas.csv', `${HEADER}\n${','.repeat(10_000_000)}\n`));
    await expectRefused('row of 10M empty fields', r, /^row starting on line 2 is longer than 1,000,000 characters$/);
  });

  test('a single 1 MB cell', async () => {
    const cell = 'x'.repeat(MB);
    const r = await measured(() => ingestBytes(t, ws, 'cell.csv', `${HEADER}\n1719792000,1719878400,,,p,1,${cell},10,10\n`));
    await expectRefused('1 MB single cell', r, /^row starting on line 2 is longer than 1,000,000 characters$/);
  });

  test('a 1 MB quoted cell that never ends', async () => {
    const r = await measured(() => ingestBytes(t, ws, 'open-quote.csv', `${HEADER}\n1719792000,1719878400,,,"${'y'.repeat(MB)}`));
    await expectRefused('1 MB unterminated quoted cell', r, /longer than 1,000,000 characters|never ends/);
  });

  test('a 1 MB single line with no line break at all', async () => {
    const r = await measured(() => ingestBytes(t, ws, 'one-line.csv', 'z'.repeat(3 * MB)));
    await expectRefused('3 MB line without a break', r, /longer than 1,000,000 characters|no known export/);
  });

  test('an oversized body: past the upload limit while streaming, nothing written', async () => {
    const big = async function* () { for (let i = 0; i < 64; i++) yield new TextEncoder().encode(`${HEADER}\n`.padEnd(MB, '\n')); };
    const r = await measured(() => ingestUpload(t, { workspaceId: ws, filename: 'big.csv', chunks: big(), maxBytes: 32 * MB }));
    await expectRefused('64 MB body over a 32 MiB limit', r, /^the file is larger than the limit of 32 MiB$/);
  });

  test('a JSON document past its limit is refused before parsing', async () => {
    const big = async function* () {
      yield new TextEncoder().encode('{"data":[{"x":1}');
      const block = new TextEncoder().encode(',{"x":1}'.repeat(MB / 8));
      for (let i = 0; i < 80; i++) yield block;
      yield new TextEncoder().encode(']}');
    };
    const r = await measured(() => ingestUpload(t, { workspaceId: ws, filename: 'huge.json', chunks: big() }));
    await expectRefused('80 MB JSON document', r, /^a single JSON document over 64 MB cannot be read at once; export it as JSON lines/);
  });
});
