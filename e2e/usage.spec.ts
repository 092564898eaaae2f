import { expect, test } from './fixtures';

test('usage explorer: filters and grouping live in the URL; the CSV is what is shown', async ({ page }) => {
  await page.goto('/overview');
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('demo');
  await expect(page.getByText('owner · demo data')).toBeVisible();
  await page.goto('/usage?preset=90d&groupBy=project');
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(page.getByTestId('usage-row')).toHaveCount(4);
  await page.getByRole('form', { name: 'Filters' }).getByLabel('Project', { exact: true }).selectOption('support-bot');
  await page.getByRole('form', { name: 'Filters' }).getByLabel('Group by', { exact: true }).selectOption('model');
  const legend = page.locator('.recharts-legend-wrapper');
  await expect(legend).toContainText('support-bot');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/project=support-bot/);
  await expect(page.getByTestId('usage-row')).toHaveCount(2);
  await expect(page.getByTestId('usage-row').first()).toContainText('GPT');
  // The chart follows the table: the legend now names models, not projects.
  await expect(legend).toContainText('GPT-3.5 Turbo');
  await expect(legend).not.toContainText('search-rag');
  // A reload (or a shared link) reproduces the view.
  await page.reload();
  await expect(page.getByTestId('usage-row')).toHaveCount(2);
  await expect(page.getByRole('form', { name: 'Filters' }).getByLabel('Project', { exact: true })).toHaveValue('support-bot');
  await page.screenshot({ path: 'e2e/screenshots/usage.png', fullPage: true });
  const csv = await page.request.get('/api/v1/usage/explore?preset=90d&groupBy=model&project=support-bot&format=csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('model,spend_usd,reported_usd,requests,input_tokens,cached_input_tokens,output_tokens,usd_per_1m_tokens,usd_per_request,unpriced_rows');
  expect(lines).toHaveLength(3);
  // All time (about four months of demo usage) is charted per month, from the monthly rollups.
  await page.goto('/usage?preset=all&groupBy=project');
  await expect(page.getByRole('figure', { name: 'Spend (USD) per month' })).toBeVisible();
  await expect(page.getByText(/partial months at either end/)).toBeVisible();
  // The header names the first day with usage (as the usage summary API counts it), not the earliest date the app accepts.
  const days = (await (await page.request.get('/api/v1/usage/summary?groupBy=day')).json()) as { groups: { key: string }[] };
  const firstDay = days.groups.map((g) => g.key).sort()[0]!;
  expect(firstDay).toMatch(/^20\d\d-\d\d-\d\d$/);
  await expect(page.getByText(new RegExp(`^${firstDay} – `))).toBeVisible();
  await expect(page.getByTestId('usage-row')).toHaveCount(4);
  await page.screenshot({ path: 'e2e/screenshots/usage-months.png', fullPage: true });
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics');
  await expect(page.getByText('owner · demo data')).toHaveCount(0);
});
