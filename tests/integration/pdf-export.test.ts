import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import * as shareExport from '@/app/r/[token]/[file]/route';
import { useDatabaseForTests } from '@/db';
import { createWorkspace } from '@/db/queries/accounts';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { chromiumPath, htmlToPdf } from '@/lib/reports/export-pdf';
import { clearPdfCache, pdfCacheStats } from '@/lib/reports/pdf-cache';
import { closePrinter, configurePrinter, PdfTimeoutError, printerStats } from '@/lib/reports/pdf-printer';
import { resetShareRateLimits } from '@/lib/reports/share-rate-limit';
import { createReportFromSnapshot } from '@/lib/reports/service';
import { createShare } from '@/lib/reports/shares';
import type { ReportSnapshot } from '@/lib/reports/types';

const ORIGIN = 'http://frontier.test';

/** Chromium browser processes this test process started (each print used to start its own). */
function browserPids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), 'chromium'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Runs `fn` while sampling the browser count every 20 ms; answers the result and the most seen at once. */
async function sampled<T>(fn: () => Promise<T>): Promise<{ result: T; maxBrowsers: number }> {
  let maxBrowsers = browserPids().length;
  const timer = setInterval(() => { maxBrowsers = Math.max(maxBrowsers, browserPids().length); }, 20);
  try {
    const result = await fn();
    return { result, maxBrowsers };
  } finally {
    clearInterval(timer);
  }
}

const pdf = (token: string) => shareExport.GET(new Request(`${ORIGIN}/r/${token}/export.pdf`), { params: Promise.resolve({ token, file: 'export.pdf' }) });

describe.skipIf(!chromiumPath()).each(testEngines())('PDF export on %s: one browser, a bounded queue, a cache, a per-link limit', (engine) => {
  let t: TestDatabase;
  const links: string[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    useDatabaseForTests(t);
    const ws = (await createWorkspace(t.db, { slug: 'pdf', name: 'PDF' })).id;
    for (const title of ['Alpha', 'Beta', 'Gamma', 'Delta']) {
      const r = await createReportFromSnapshot(t.db, ws, { title, source: { kind: 'whatif', spec: { name: title } }, snapshot: snapshot(title) });
      links.push((await createShare(t.db, ws, r.id, null, {})).token);
    }
  });
  beforeEach(async () => {
    await closePrinter();
    clearPdfCache();
    resetShareRateLimits();
    configurePrinter({ concurrency: 2, queue: 20, timeoutMs: 60_000 });
  });
  afterAll(async () => {
    delete process.env.FRONTIER_SHARE_PDF_PER_MINUTE;
    await closePrinter();
    await t?.destroy();
  });

  test('12 concurrent PDFs of 3 reports: one browser launch, at most 2 pages at once, one print per version, a repeat prints nothing', async () => {
    const burst = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2].map((i) => links[i]!);
    const { result: answers, maxBrowsers } = await sampled(() => Promise.all(burst.map(pdf)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const bodies = await Promise.all(answers.map(async (a) => Buffer.from(await a.arrayBuffer())));
    for (const b of bodies) expect(b.subarray(0, 5).toString()).toBe('%PDF-');
    expect(answers[0]!.headers.get('x-robots-tag')).toContain('noindex');
    expect(maxBrowsers).toBe(1);
    expect(printerStats.launches).toBe(1);
    expect(printerStats.pages).toBe(3);
    expect(printerStats.maxActive).toBe(2);
    expect(pdfCacheStats).toEqual({ hits: 9, misses: 3 });
    expect(bodies[1]!.equals(bodies[0]!)).toBe(true);

    const again = await pdf(links[0]!);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(bodies[0]!)).toBe(true);
    expect(printerStats.pages).toBe(3);
    expect(printerStats.launches).toBe(1);
  }, 120_000);

  test('a full queue answers 503 with Retry-After; a print past its timeout answers 503 and the browser stays', async () => {
    configurePrinter({ concurrency: 1, queue: 1, timeoutMs: 60_000 });
    const held = [htmlToPdf('<p>one</p>'), htmlToPdf('<p>two</p>')];
    const third = htmlToPdf('<p>three</p>').then(() => 'printed', (e: Error) => e.constructor.name);
    const busy = await pdf(links[3]!);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(await third).toBe('UnavailableError');
    for (const b of await Promise.all(held)) expect(b.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printerStats).toMatchObject({ launches: 1, pages: 2, maxActive: 1, maxQueued: 1, rejected: 2 });

    configurePrinter({ concurrency: 1, queue: 1, timeoutMs: 1 });
    await expect(htmlToPdf('<p>slow</p>')).rejects.toBeInstanceOf(PdfTimeoutError);
    expect(printerStats.timeouts).toBe(1);
    configurePrinter({ concurrency: 1, queue: 1, timeoutMs: 60_000 });
    expect((await htmlToPdf('<p>after</p>')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(printerStats.launches).toBe(0); // the same browser: counters were reset, no new launch
  }, 120_000);

  test('a browser that dies is launched again on the next print', async () => {
    await htmlToPdf('<p>first</p>');
    const [pid] = browserPids();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect((await htmlToPdf('<p>second</p>')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(printerStats.launches).toBe(2);
    expect(browserPids()).toHaveLength(1);
  }, 120_000);

  test('one link past its per-minute PDF limit answers 429 with Retry-After; another link is not affected', async () => {
    process.env.FRONTIER_SHARE_PDF_PER_MINUTE = '3';
    try {
      for (let i = 0; i < 3; i++) expect((await pdf(links[0]!)).status).toBe(200);
      const limited = await pdf(links[0]!);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
      expect(limited.headers.get('referrer-policy')).toBe('no-referrer');
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
      expect((await pdf(links[1]!)).status).toBe(200);
      expect(printerStats.pages).toBe(2);
    } finally {
      delete process.env.FRONTIER_SHARE_PDF_PER_MINUTE;
    }
  }, 120_000);
});

function snapshot(title: string): ReportSnapshot {
  return {
    schema: 1, kind: 'whatif', asOf: '2026-11-20T10:00:00.000Z', currency: 'USD',
    summary: `${title}: moving support-bot saves $1,240.00 a month.`,
    keyNumbers: [{ label: 'Monthly savings', value: '1240', unit: 'usd' }],
    tables: [{ name: 'comparison', title: 'Options', columns: [{ key: 'option', label: 'Option', unit: 'text' }, { key: 'monthly', label: 'Monthly cost', unit: 'usd' }], rows: [{ option: 'Today', monthly: '1825.50' }] }],
    assumptions: [{ label: 'Share moved', value: '100%' }],
    sources: [],
    glossary: [],
  };
}
