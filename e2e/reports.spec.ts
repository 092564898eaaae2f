import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';

test('an editor saves the demo Overview as a report, shares it; a visitor with no session reads it and downloads the XLSX', async ({ page, browser, baseURL }) => {
  await page.goto('/overview');
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('demo');
  await expect(page.getByText('owner · demo data')).toBeVisible();
  await page.goto('/overview');
  const spendCard = (await page.getByTestId('card-spend').locator('p').nth(1).textContent())!.trim();
  expect(spendCard).toMatch(/^\$[\d,]+\.\d{2}$/);

  await page.getByRole('button', { name: 'Save as report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as report' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Title', { exact: true }).fill('Demo spend for finance');
  await dialog.getByRole('textbox', { name: /^Note/ }).fill('Month to date, for the monthly close.');
  await dialog.getByRole('button', { name: 'Save report' }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);

  await expect(page.getByRole('heading', { name: 'Demo spend for finance', level: 1 })).toBeVisible();
  await expect(page.getByTestId('report-as-of')).toContainText(/As of \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/);
  // The report says what the Overview said.
  await expect(page.getByTestId('report-summary')).toContainText(spendCard);
  await expect(page.getByRole('heading', { name: 'Spend by model, this month against the same days last month' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cumulative spend, this month against last' })).toBeVisible();
  await expect(page.locator('.recharts-legend-wrapper')).toContainText('Last month');
  await expect(page.getByRole('heading', { name: 'Assumptions' })).toBeVisible();
  await expect(page.getByText('demo-usage-', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Live data still matches the latest version.')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/report.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/report-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create share link' })).toBeHidden();
  await page.screenshot({ path: 'e2e/screenshots/report-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('button', { name: 'Create share link' }).click();
  const url = await page.getByLabel('Share link').inputValue();
  expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('share-row')).toHaveCount(1);
  await expect(page.getByTestId('share-row')).toContainText('active');

  // A fresh browser with no session at all.
  const visitor = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const v = await visitor.newPage();
  const res = await v.goto(url);
  expect(res!.status()).toBe(200);
  expect(res!.headers()['x-robots-tag']).toContain('noindex');
  expect(res!.headers()['referrer-policy']).toBe('no-referrer');
  await expect(v.getByRole('heading', { name: 'Demo spend for finance', level: 1 })).toBeVisible();
  await expect(v.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await expect(v.getByText(spendCard).first()).toBeVisible();
  await expect(v.getByRole('combobox', { name: 'Workspace' })).toHaveCount(0);
  await expect(v.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await v.screenshot({ path: 'e2e/screenshots/report-share.png', fullPage: true });
  // What the server-rendered PDF prints: the share document under print media.
  await v.emulateMedia({ media: 'print' });
  await expect(v.getByRole('link', { name: 'Download XLSX' })).toBeHidden();
  await v.screenshot({ path: 'e2e/screenshots/report-share-print.png', fullPage: true });
  await v.emulateMedia({ media: 'screen' });

  const [download] = await Promise.all([v.waitForEvent('download'), v.getByRole('link', { name: 'Download XLSX' }).click()]);
  expect(download.suggestedFilename()).toBe('demo-spend-for-finance-v1.xlsx');
  const file = path.join(os.tmpdir(), `report-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Monthly', 'Assumptions']);
  const summary = wb.getWorksheet('Summary')!;
  const row = summary.getColumn(1).values.findIndex((x) => x === 'Spend this month to date');
  expect(summary.getCell(row, 2).value).toBe(Number(spendCard.replace(/[$,]/g, '')));
  expect(summary.getCell(row, 2).numFmt).toContain('$');

  // The editor sees the view counted, revokes the link; the visitor then gets a page that says so, with 410.
  await page.reload();
  await expect(page.getByTestId('share-row').locator('td').nth(3)).toHaveText('1');
  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-row')).toContainText('revoked');
  const gone = await v.goto(url);
  expect(gone!.status()).toBe(410);
  await expect(v.getByRole('heading', { name: 'This link was revoked' })).toBeVisible();
  expect((await v.goto(`${url.slice(0, -2)}xx`))!.status()).toBe(404);
  await visitor.close();

  await page.goto('/reports');
  await expect(page.getByTestId('report-row').filter({ hasText: 'Demo spend for finance' })).toContainText('Overview');
  await page.screenshot({ path: 'e2e/screenshots/reports-list.png', fullPage: true });
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics');
  await expect(page.getByText('owner · demo data')).toHaveCount(0);
});
