import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as shareExport from '@/app/r/[token]/[file]/route';
import * as sharePage from '@/app/r/[token]/route';
import { useDatabaseForTests } from '@/db';
import { createWorkspace } from '@/db/queries/accounts';
import { loadDemoUsage } from '@/db/queries/demo';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { chromiumPath } from '@/lib/reports/export-pdf';
import { clearPdfCache } from '@/lib/reports/pdf-cache';
import { closePrinter } from '@/lib/reports/pdf-printer';
import { createReport, getReport } from '@/lib/reports/service';
import { createShare, revokeShare } from '@/lib/reports/shares';
import type { ReportKind, ReportSnapshot } from '@/lib/reports/types';
import { norm, overlappingPairs, pageText, pdfPages, savePdfPngs, SHOTS } from './helpers/report-layout';

const ORIGIN = 'http://frontier.test';
/** The PDF's page margin on the sides (print-html.ts's @page): text must stay inside the rest of the width. */
const SIDE_MARGIN_PT = (14 / 25.4) * 72;

/** The demo's GPT-3.5 traffic moved to four targets: the options table's 13 columns, the monthly table's 10. */
const WHATIF_SPEC = {
  name: 'GPT-3.5 to Llama 3',
  baseline: { from: '2026-10-01', to: '2026-10-20' },
  workloads: { models: ['gpt-3.5'] },
  quality: { minWinRate: 0.45 },
  targets: [
    { id: 'together', kind: 'api', model: 'Llama 3 70B Instruct', provider: 'together_ai' },
    { id: 'deepinfra', kind: 'api', model: 'llama-3-8b-instruct', provider: 'deepinfra' },
    { id: 'gpu', kind: 'self_hosted', model: 'llama-3-70b-instruct' },
    { id: 'ft', kind: 'fine_tuned', model: 'llama-3-8b-instruct', provider: 'together_ai', trainingTokens: 20_000_000, epochs: 3, trainingPricePerMtok: '0.8', promptReduction: 0.4 },
  ],
};

const page = (token: string) => sharePage.GET(new Request(`${ORIGIN}/r/${token}`), { params: Promise.resolve({ token }) });
const pdf = async (token: string) => {
  const res = await shareExport.GET(new Request(`${ORIGIN}/r/${token}/export.pdf`), { params: Promise.resolve({ token, file: 'export.pdf' }) });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

/** Every column header a reader must find in the PDF: each table's, and the cost-against-quality table's. */
function expectedHeaders(s: ReportSnapshot): string[] {
  const labels = s.tables.flatMap((t) => t.columns.map((c) => c.label));
  if (s.scatter) labels.push('Monthly cost', 'Elo');
  return [...new Set(labels.map(norm))];
}

/** A header is present whole, or (`Group: column`) as its group's heading and its own under it. */
function hasHeader(text: string, label: string): boolean {
  const m = /^(.+?): (.+)$/.exec(label);
  return text.includes(label) || (!!m && text.includes(m[1]!) && text.includes(m[2]!));
}

describe.skipIf(!chromiumPath()).each(testEngines())('report layout on %s: the PDF and the share page fit their page', (engine) => {
  let t: TestDatabase;
  let ws = '';
  const tokens = {} as Record<ReportKind, string>;
  const snapshots = {} as Record<ReportKind, ReportSnapshot>;
  let browser: Browser;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    ws = (await createWorkspace(t.db, { slug: 'layout', name: 'Layout' })).id;
    await loadDemoUsage(t.db, ws, '2026-10-20');
    const sources = {
      overview: { kind: 'overview' },
      usage: { kind: 'usage', params: 'from=2026-10-01&to=2026-10-20&groupBy=model' },
      whatif: { kind: 'whatif', spec: WHATIF_SPEC },
    } as const;
    for (const kind of ['overview', 'usage', 'whatif'] as const) {
      const r = await createReport(t.db, ws, null, { title: `Demo ${kind} for finance`, source: sources[kind] });
      snapshots[kind] = (await getReport(t.db, ws, r.id)).snapshot;
      tokens[kind] = (await createShare(t.db, ws, r.id, null, {})).token;
    }
    clearPdfCache();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath()!, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
  });
  afterAll(async () => {
    await browser?.close();
    await closePrinter();
    await t?.destroy();
  });

  test.each(['overview', 'usage', 'whatif'] as const)('the %s PDF: every column header present, all text inside the printable width, no text over other text', async (kind) => {
    const s = snapshots[kind];
    if (kind === 'whatif') {
      expect(s.tables.find((x) => x.name === 'comparison')!.columns).toHaveLength(13);
      expect(s.tables.find((x) => x.name === 'monthly')!.columns).toHaveLength(10);
    }
    const buf = await pdf(tokens[kind]);
    if (engine === testEngines()[0]) savePdfPngs(buf, `pdf-${kind}`);
    const pages = await pdfPages(buf);
    const text = pages.map(pageText).join(' ').replace(/- /g, '-'); // a header broken at its hyphen
    const missing = expectedHeaders(s).filter((h) => !hasHeader(text, h));
    expect.soft(missing, `headers missing from the ${kind} PDF`).toEqual([]);
    pages.forEach((p, i) => {
      const outside = p.items.filter((it) => it.x < SIDE_MARGIN_PT - 1 || it.x + it.w > p.width - SIDE_MARGIN_PT + 1);
      expect.soft(outside.map((it) => `${it.str} @ ${it.x.toFixed(0)}+${it.w.toFixed(0)} of ${p.width.toFixed(0)}`), `page ${i + 1}: text outside the printable width`).toEqual([]);
      const over = overlappingPairs(p.items).map(([a, b]) => `"${a.str}" over "${b.str}"`);
      expect.soft(over, `page ${i + 1}: overlapping text`).toEqual([]);
    });
  });

  test.each([1440, 390])('the share page at %i px: no wider than the window, no table past its card', async (width) => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    try {
      for (const kind of ['overview', 'usage', 'whatif'] as const) {
        const res = await page(tokens[kind]);
        expect(res.status).toBe(200);
        const p = await ctx.newPage();
        await p.setContent(await res.text(), { waitUntil: 'load' });
        const m = await p.evaluate(() => ({
          doc: document.documentElement.scrollWidth,
          tables: document.querySelectorAll('table').length,
          // A card overflows when its content is wider than it (a table's own scroll container clips, so it does not count).
          cards: [...document.querySelectorAll('section')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${c.querySelector('h2')?.textContent}: ${c.scrollWidth} > ${c.clientWidth}`),
          tablesPast: [...document.querySelectorAll('table')].filter((tb) => {
            const card = tb.closest('section')!.getBoundingClientRect();
            let clip: Element = tb;
            for (let e = tb.parentElement; e && e.tagName !== 'SECTION'; e = e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') clip = e;
            const r = clip.getBoundingClientRect();
            return r.left < card.left - 1 || r.right > card.right + 1;
          }).length,
        }));
        if (engine === testEngines()[0]) await p.screenshot({ path: path.join(SHOTS, `share-${kind}-${width}.png`), fullPage: true });
        expect(m.tables).toBeGreaterThan(0);
        expect.soft(m.doc, `${kind}: document width`).toBeLessThanOrEqual(width);
        expect.soft(m.cards, `${kind}: cards overflowing`).toEqual([]);
        expect.soft(m.tablesPast, `${kind}: tables past their card`).toBe(0);
        await p.close();
      }
    } finally {
      await ctx.close();
    }
  });

  test('a revoked link says revoked, an expired one says expired; both answer 410', async () => {
    const r = await createReport(t.db, ws, null, { title: 'Dead links', source: { kind: 'overview' } });
    const revoked = await createShare(t.db, ws, r.id, null, {});
    await revokeShare(t.db, ws, r.id, revoked.id);
    const a = await page(revoked.token);
    expect(a.status).toBe(410);
    const revokedText = await a.text();
    expect(revokedText).toContain('This link was revoked');
    expect(revokedText).not.toMatch(/expired/i);
    const expired = await createShare(t.db, ws, r.id, null, { expiresInDays: 1 });
    await t.db.execute(sql`update report_shares set expires_at = now() - interval '1 second' where id = ${expired.id}`);
    const b = await page(expired.token);
    expect(b.status).toBe(410);
    expect(await b.text()).toContain('This link has expired');
  });
});
