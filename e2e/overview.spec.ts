import { expect, test } from './fixtures';

test('overview of the demo workspace: cards, stacked daily spend, switchable grouping', async ({ page }) => {
  await page.goto('/overview');
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('demo');
  await expect(page.getByText('owner · demo data')).toBeVisible();
  await page.goto('/overview');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByTestId('card-spend')).toContainText(/\$\d{1,3}(,\d{3})*\.\d{2}/);
  // The demo's usage ends the day before the server's fixed clock (playwright.config.ts): the card's branch is known
  // for each clock, never read back from the API it is checking.
  const now = (test.info().project.metadata as { now: string }).now;
  const expected: Record<string, { asOf: string; daysLeft: number | null; card: RegExp | string }> = {
    '2026-11-15': { asOf: '2026-11-14', daysLeft: 16, card: /range \$[\d,]+\.\d\d – \$[\d,]+\.\d\d, from the last 14 days/ },
    '2026-11-30': { asOf: '2026-11-29', daysLeft: 1, card: /range \$[\d,]+\.\d\d – \$[\d,]+\.\d\d, from the last 14 days/ },
    '2026-12-01': { asOf: '2026-11-30', daysLeft: 0, card: 'the month is complete' },
    '2026-12-03': { asOf: '2026-12-02', daysLeft: null, card: 'needs 3 days of usage' },
  };
  const want = expected[now.slice(0, 10)]!;
  const api = (await (await page.request.get('/api/v1/overview?by=model')).json()) as { asOf: string; forecast: { daysLeft: number } | null };
  expect({ asOf: api.asOf, daysLeft: api.forecast?.daysLeft ?? null }).toEqual({ asOf: want.asOf, daysLeft: want.daysLeft });
  await expect(page.getByTestId('card-forecast')).toContainText(want.card);
  await expect(page.locator('.recharts-legend-wrapper')).toContainText('GPT-3.5 Turbo (0125)');
  await page.screenshot({ path: `e2e/screenshots/overview-${test.info().project.name}.png`, fullPage: true });
  await page.getByRole('link', { name: 'by project' }).click();
  await expect(page).toHaveURL(/by=project/);
  await expect(page.locator('.recharts-legend-wrapper')).toContainText('support-bot');
  await page.reload();
  await expect(page.getByRole('link', { name: 'by project' })).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('.recharts-legend-wrapper')).toContainText('support-bot');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/overview-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  // Back to the team's own workspace for the tests that follow.
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics');
  await expect(page.getByText('owner · demo data')).toHaveCount(0);
});
