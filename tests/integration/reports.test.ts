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
import { toDecimalString } from '@/lib/money';
import { repriceWorkspace, setOverride } from '@/lib/pricing/service';
import { reportToCsv } from '@/lib/reports/export-csv';
import { chromiumPath, htmlToPdf } from '@/lib/reports/export-pdf';
import { reportToXlsx, USD_FORMAT } from '@/lib/reports/export-xlsx';
import { reportToHtml } from '@/lib/reports/print-html';
import { checkLive, createReport, createReportFromSnapshot, deleteReport, diffVersions, getReport, listReports, refreshReport } from '@/lib/reports/service';
import { createShare, listShares, resolveShare, revokeShare } from '@/lib/reports/shares';
import type { ReportSnapshot } from '@/lib/reports/types';
import { ingestBytes } from './helpers/ingest';

const ORIGIN = 'http://frontier.test';
const actor = { label: 'test' };

async function sheetValues(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe.each(testEngines())('reports on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let other = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    ws = (await createWorkspace(t.db, { slug: 'demo', name: 'Demo' })).id;
    other = (await createWorkspace(t.db, { slug: 'other', name: 'Other' })).id;
    await loadDemoUsage(t.db, ws, '2026-10-20');
    await loadDemoUsage(t.db, other, '2026-06-30');
  });
  afterAll(async () => t?.destroy());

  const mtd = async () => (await rows<{ s: string }>(t.db, sql`select round(sum(cost), 2)::text as s from usage where workspace_id = ${ws} and day between '2026-10-01' and '2026-10-20'`))[0]!.s;

  test('a saved report and its exports do not move when prices and usage change; a refresh makes version 2 listing the difference', async () => {
    const before = await mtd();
    const r = await createReport(t.db, ws, null, { title: 'October spend', note: 'For the finance review', source: { kind: 'overview' } });
    expect(r.version).toBe(1);
    const v1 = await getReport(t.db, ws, r.id);
    const spend = v1.snapshot.keyNumbers.find((k) => k.label === 'Spend this month to date')!;
    expect(spend.value).toBe(before);
    expect(Number(before)).toBeGreaterThan(1000);
    const gpt35 = v1.snapshot.tables.find((x) => x.name === 'comparison')!.rows.find((x) => x.model === 'GPT-3.5 Turbo (0125)')!;
    const [g] = await rows<{ s: string }>(t.db, sql`select round(sum(cost), 2)::text as s from usage where workspace_id = ${ws} and model_id = 'gpt-3.5-turbo-0125' and day between '2026-10-01' and '2026-10-20'`);
    expect(gpt35.spend).toBe(g!.s);
    expect(v1.snapshot.tables.find((x) => x.name === 'monthly')!.rows.map((x) => x.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(v1.snapshot.sources.some((s) => s.kind === 'upload' && s.label === 'demo-usage-2026-10-20.csv')).toBe(true);
    expect(v1.snapshot.sources.some((s) => s.kind === 'price_sheet')).toBe(true);
    const csv1 = reportToCsv(v1.snapshot, { title: v1.title, version: 1 });
    expect((await checkLive(t.db, ws, r.id)).differs).toBe(false);

    // A negotiated price doubles GPT-3.5 Turbo's list price from the start of the year; usage is re-priced with it.
    await setOverride(t, ws, actor, { modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '1.00', outputPerMtok: '3.00', effectiveFrom: '2026-01-01' });
    await repriceWorkspace(t, ws, actor);
    // And a late export adds a day of usage.
    await ingestBytes(t, ws, 'late.csv', 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,input_tokens,output_tokens\n1792281600,1792368000,,,late-project,10,gpt-4o-2024-08-06,1000000,100000\n');
    const after = await mtd();
    expect(after).not.toBe(before);

    const again = await getReport(t.db, ws, r.id);
    expect(again.snapshot).toEqual(v1.snapshot);
    expect(reportToCsv(again.snapshot, { title: again.title, version: 1 })).toBe(csv1);
    const xlsx = await sheetValues(await reportToXlsx(again.snapshot, { title: again.title, version: 1 }));
    const summary = xlsx.getWorksheet('Summary')!;
    const spendRow = summary.getColumn(1).values.findIndex((v) => v === 'Spend this month to date');
    expect(summary.getCell(spendRow, 2).value).toBe(Number(before));

    const live = await checkLive(t.db, ws, r.id);
    expect(live.differs).toBe(true);
    const refreshed = await refreshReport(t.db, ws, r.id, null);
    expect(refreshed.version).toBe(2);
    const v2 = await getReport(t.db, ws, r.id);
    expect(v2.version).toBe(2);
    expect(v2.snapshot.keyNumbers.find((k) => k.label === 'Spend this month to date')!.value).toBe(after);
    const [g2] = await rows<{ s: string }>(t.db, sql`select round(sum((input_tokens * 1.0 + output_tokens * 3.0) / 1000000), 2)::text as s
      from usage where workspace_id = ${ws} and model_id = 'gpt-3.5-turbo-0125' and day between '2026-10-01' and '2026-10-20'`);
    expect(v2.snapshot.tables.find((x) => x.name === 'comparison')!.rows.find((x) => x.model === 'GPT-3.5 Turbo (0125)')!.spend).toBe(g2!.s);
    const fmt = (v: string) => `$${Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(refreshed.changes).toContainEqual({ area: 'key number', item: 'Spend this month to date', before: fmt(before), after: fmt(after) });
    expect(refreshed.changes).toContainEqual(expect.objectContaining({ area: 'source', item: 'Override: gpt-3.5-turbo-0125 on openai', before: null }));
    expect(refreshed.changes).toContainEqual(expect.objectContaining({ area: 'source', item: 'late.csv', before: null }));
    expect(refreshed.changes).toContainEqual(expect.objectContaining({ area: 'table', item: 'Spend by model, this month against the same days last month: GPT-3.5 Turbo (0125) · This month', before: fmt(gpt35.spend as string) }));
    expect((await diffVersions(t.db, ws, r.id, 2)).changes).toEqual(refreshed.changes);
    // Version 1 is still there, unchanged.
    expect((await getReport(t.db, ws, r.id, 1)).snapshot).toEqual(v1.snapshot);
    expect((await listReports(t.db, ws)).find((x) => x.id === r.id)).toMatchObject({ versions: 2, title: 'October spend' });
  }, 300_000); // re-pricing the workspace on Postgres takes about a minute on a loaded machine

  test('a usage report keeps the view: range, filters and grouping', async () => {
    const r = await createReport(t.db, ws, null, { title: 'Projects, first half of October', source: { kind: 'usage', params: 'from=2026-10-01&to=2026-10-15&groupBy=project&model=gpt-4o-2024-08-06&page=3' } });
    const { snapshot: s } = await getReport(t.db, ws, r.id);
    const [x] = await rows<{ s: string; n: string }>(t.db, sql`select round(sum(cost), 2)::text as s, sum(requests)::text as n from usage
      where workspace_id = ${ws} and model_id = 'gpt-4o-2024-08-06' and day between '2026-10-01' and '2026-10-15'`);
    expect(s.keyNumbers.find((k) => k.label === 'Spend')!.value).toBe(toDecimalString(x!.s));
    expect(s.keyNumbers.find((k) => k.label === 'Requests')!.value).toBe(Number(x!.n));
    expect(s.tables.find((t2) => t2.name === 'comparison')!.rows.map((r2) => r2.name).sort()).toEqual(['search-rag', 'support-bot']);
    expect(s.assumptions.find((a) => a.label === 'Filters')!.value).toBe('Model: gpt-4o-2024-08-06');
    expect(s.cumulative!.points).toHaveLength(15);
    expect(s.cumulative!.points.at(-1)!.values.Spend).toBe(toDecimalString(x!.s));
    await expect(createReport(t.db, ws, null, { title: 'bad', source: { kind: 'usage', params: 'groupBy=planet' } })).rejects.toThrow(/groupBy/);
  });

  test('share links: valid, expired, revoked, tampered, unknown, another workspace; 200, 410 and 404 with noindex and no referrer', async () => {
    const r = await createReportFromSnapshot(t.db, ws, { title: 'Move support-bot to Llama', source: { kind: 'whatif', spec: { name: 'x' } }, snapshot: WHATIF });
    const page = (token: string) => sharePage.GET(new Request(`${ORIGIN}/r/${token}`), { params: Promise.resolve({ token }) });
    const file = (token: string, f: string) => shareExport.GET(new Request(`${ORIGIN}/r/${token}/${f}`), { params: Promise.resolve({ token, file: f }) });

    const valid = await createShare(t.db, ws, r.id, null, {});
    expect(valid.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(valid.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const [stored] = await rows<{ token_hash: string }>(t.db, sql`select token_hash from report_shares where id = ${valid.id}`);
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.token_hash).not.toContain(valid.token);

    const ok = await page(valid.token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-robots-tag')).toContain('noindex');
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await ok.text();
    expect(html).toContain('Move support-bot to Llama');
    expect(html).toContain('$12,400.00');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).not.toContain('Demo');
    await page(valid.token);
    expect((await listShares(t.db, ws, r.id))[0]).toMatchObject({ viewCount: 2, state: 'active' });
    const x = await file(valid.token, 'export.xlsx');
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    const csv = await (await file(valid.token, 'export.csv')).text();
    expect(csv).toContain("'=HYPERLINK(\"\"http://evil\"\")");

    const tampered = valid.token.slice(0, -1) + (valid.token.endsWith('A') ? 'B' : 'A');
    expect((await page(tampered)).status).toBe(404);
    expect((await page('not-a-token')).status).toBe(404);
    expect((await file(valid.token, 'export.exe')).status).toBe(404);

    const expired = await createShare(t.db, ws, r.id, null, { expiresInDays: 1 });
    await t.db.execute(sql`update report_shares set expires_at = now() - interval '1 second' where id = ${expired.id}`);
    const gone = await page(expired.token);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This link has expired');
    expect((await file(expired.token, 'export.xlsx')).status).toBe(410);

    const revoked = await createShare(t.db, ws, r.id, null, { expiresInDays: 90 });
    expect((await page(revoked.token)).status).toBe(200);
    await revokeShare(t.db, ws, r.id, revoked.id);
    expect((await page(revoked.token)).status).toBe(410);
    expect((await resolveShare(t.db, revoked.token)).status).toBe('gone');
    expect((await listShares(t.db, ws, r.id)).map((s) => s.state).sort()).toEqual(['active', 'expired', 'revoked']);

    // Another workspace cannot see, share or revoke this report.
    await expect(getReport(t.db, other, r.id)).rejects.toThrow('No such report.');
    await expect(createShare(t.db, other, r.id, null, {})).rejects.toThrow('No such report.');
    await expect(revokeShare(t.db, other, r.id, valid.id)).rejects.toThrow(/No such/);
    expect((await page(valid.token)).status).toBe(200);

    // Expiry limits: the default maximum is 90 days, FRONTIER_SHARE_MAX_DAYS lowers it.
    await expect(createShare(t.db, ws, r.id, null, { expiresInDays: 91 })).rejects.toThrow('at most 90 days');
    process.env.FRONTIER_SHARE_MAX_DAYS = '7';
    try {
      await expect(createShare(t.db, ws, r.id, null, { expiresInDays: 8 })).rejects.toThrow('at most 7 days');
    } finally {
      delete process.env.FRONTIER_SHARE_MAX_DAYS;
    }

    // Deleting the report kills its links.
    await deleteReport(t.db, ws, r.id);
    expect((await page(valid.token)).status).toBe(404);
  });

  test('XLSX: Summary, Monthly and Assumptions sheets; money is numeric with a currency format', async () => {
    const wb = await sheetValues(await reportToXlsx(WHATIF, { title: 'What-if', version: 1 }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Monthly', 'Assumptions']);
    const summary = wb.getWorksheet('Summary')!;
    const at = (label: string) => summary.getColumn(1).values.findIndex((v) => v === label);
    const savings = summary.getCell(at('Monthly savings'), 2);
    expect(savings.value).toBe(12400);
    expect(savings.numFmt).toBe(USD_FORMAT);
    expect(summary.getCell(at('Payback'), 2).value).toBe(2.5);
    const header = at('Option');
    expect(summary.getCell(header + 1, 2).value).toBe(18250.5);
    expect(summary.getCell(header + 1, 2).numFmt).toBe(USD_FORMAT);
    expect(summary.getCell(header + 2, 1).value).toBe('=HYPERLINK("http://evil")');
    expect(summary.getCell(header + 2, 1).type).toBe(ExcelJS.ValueType.String);
    const monthly = wb.getWorksheet('Monthly')!;
    expect(monthly.getRow(3).values).toEqual([undefined, '2026-11', 18250.5, 5850.5]);
    expect(monthly.getCell(3, 3).numFmt).toBe(USD_FORMAT);
    const assumptions = wb.getWorksheet('Assumptions')!;
    expect(assumptions.getCell(2, 1).value).toBe('Share moved');
    expect(JSON.stringify(assumptions.getSheetValues())).toContain('Arena 2024-06-19');
  });

  test.skipIf(!chromiumPath())('PDF: headless Chromium prints the report', async () => {
    const pdf = await htmlToPdf(reportToHtml(WHATIF, { title: 'What-if', version: 1 }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
  }, 90_000);
});

const WHATIF: ReportSnapshot = {
  schema: 1, kind: 'whatif', asOf: '2026-11-20T10:00:00.000Z', currency: 'USD',
  summary: 'Moving support-bot to Llama 3 70B saves $12,400.00 a month and pays back in 2.5 months.',
  keyNumbers: [
    { label: 'Monthly savings', value: '12400', unit: 'usd' },
    { label: 'Payback', value: '2.5', unit: 'months' },
    { label: 'Win rate', value: '0.46', unit: 'percent' },
  ],
  tables: [
    {
      name: 'comparison', title: 'Options', columns: [{ key: 'option', label: 'Option', unit: 'text' }, { key: 'monthly', label: 'Monthly cost', unit: 'usd' }, { key: 'elo', label: 'Elo', unit: 'elo' }],
      rows: [{ option: 'Today', monthly: '18250.50', elo: 1105 }, { option: '=HYPERLINK("http://evil")', monthly: '5850.5', elo: 1208 }],
    },
    { name: 'monthly', title: 'By month', columns: [{ key: 'month', label: 'Month', unit: 'text' }, { key: 'before', label: 'Before', unit: 'usd' }, { key: 'after', label: 'After', unit: 'usd' }], rows: [{ month: '2026-11', before: '18250.50', after: '5850.50' }] },
  ],
  cumulative: { title: 'Cumulative savings', xLabel: 'Month', unit: 'usd', series: ['Savings'], points: [{ x: '1', values: { Savings: '-18000' } }, { x: '2', values: { Savings: '-5600' } }, { x: '3', values: { Savings: '6800' } }] },
  scatter: { title: 'Cost against quality', points: [{ label: 'GPT-4o', monthlyCost: '18250.50', elo: 1287, eloLower: 1283, eloUpper: 1291, current: true }, { label: 'Llama 3 70B', monthlyCost: '5850.50', elo: 1208, eloLower: 1203, eloUpper: 1213 }] },
  assumptions: [{ label: 'Share moved', value: '100% of support-bot' }, { label: 'Elo snapshot', value: 'Arena 2024-06-19' }],
  sources: [{ kind: 'elo_snapshot', label: 'Arena 2024-06-19', detail: 'overall category' }],
  glossary: [{ term: 'Elo', meaning: 'A quality rating.' }],
};
