import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as shareExport from '@/app/r/[token]/[file]/route';
import * as sharePage from '@/app/r/[token]/route';
import { useDatabaseForTests } from '@/db';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { loadDemoUsage } from '@/db/queries/demo';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { setDiscount } from '@/lib/pricing/service';
import { renderExport } from '@/lib/reports/export';
import { createReport, getReport } from '@/lib/reports/service';
import { createShare, resolveShare } from '@/lib/reports/shares';

const ORIGIN = 'http://frontier.test';

async function xlsxText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
}

/**
 * A share reader sees the analysis but not upload filenames, upload ids or negotiated discount percentages; a member
 * of the workspace still sees all three in the same version.
 */
describe.each(testEngines())('what a share link shows on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    ws = (await createWorkspace(t.db, { slug: 'books', name: 'Books' })).id;
    await loadDemoUsage(t.db, ws, '2026-10-20');
    await setDiscount(t, ws, { label: 'test' }, { providerId: 'openai', percent: '17.5', effectiveFrom: '2026-01-01' });
  });
  afterAll(async () => t?.destroy());

  test('share page and share exports: no upload filenames, no upload ids, no discount percentage; the member view has them', async () => {
    const r = await createReport(t.db, ws, null, { title: 'October spend', source: { kind: 'overview' } });
    const uploadIds = (await rows<{ id: string }>(t.db, sql`select id::text as id from uploads where workspace_id = ${ws}`)).map((u) => u.id);
    expect(uploadIds.length).toBeGreaterThan(0);
    const filename = 'demo-usage-2026-10-20.csv';
    const secrets = [filename, ...uploadIds, '17.5%'];

    // The member's version carries every one of them, in the snapshot and in its exports.
    const member = await getReport(t.db, ws, r.id);
    const memberSources = JSON.stringify(member.snapshot.sources);
    for (const s of secrets) expect(memberSources).toContain(s);
    const memberCsv = (await renderExport(member.snapshot, { title: member.title, version: member.version }, 'csv')).body.toString('utf8');
    for (const s of secrets) expect(memberCsv).toContain(s);
    expect(memberSources).toContain('17.5% off list prices from 2026-01-01');

    const { token } = await createShare(t.db, ws, r.id, null, {});
    const shared = await resolveShare(t.db, token);
    if (shared.status !== 'ok') throw new Error(`share is ${shared.status}`);
    const page = await sharePage.GET(new Request(`${ORIGIN}/r/${token}`), { params: Promise.resolve({ token }) });
    expect(page.status).toBe(200);
    const file = async (f: string) => {
      const res = await shareExport.GET(new Request(`${ORIGIN}/r/${token}/${f}`), { params: Promise.resolve({ token, file: f }) });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const payloads = {
      snapshot: JSON.stringify(shared.report.snapshot),
      html: await page.text(),
      csv: (await file('export.csv')).toString('utf8'),
      xlsx: await xlsxText(await file('export.xlsx')),
    };
    for (const [where, text] of Object.entries(payloads)) {
      for (const s of secrets) expect(text, `${where} shows ${s}`).not.toContain(s);
      // The analysis is all there: the month's spend, the months, the uploads' row counts and days, the discount's date.
      expect(text, where).toContain('Usage upload 1');
      expect(text, where).toContain('a negotiated discount on list prices from 2026-01-01 (the costs shown include it)');
    }
    expect(shared.report.snapshot.keyNumbers).toEqual(member.snapshot.keyNumbers);
    expect(shared.report.snapshot.tables).toEqual(member.snapshot.tables);
    const memberUpload = member.snapshot.sources.find((s) => s.kind === 'upload')!;
    const sharedUpload = shared.report.snapshot.sources.find((s) => s.kind === 'upload')!;
    expect(sharedUpload.detail).toBe(memberUpload.detail.replace(/^upload [0-9a-f-]+: /, ''));
    expect(sharedUpload.detail).toMatch(/^[\d,]+ rows, 2026-\d\d-\d\d to 2026-10-20$/);
  });
});
