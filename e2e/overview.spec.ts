import { expect, test } from '@playwright/test';

test('overview of the demo workspace: cards, stacked daily spend, switchable grouping', async ({ page }) => {
  await page.goto('/overview');
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('demo');
  await expect(page.getByText('owner · demo data')).toBeVisible();
  await page.goto('/overview');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByTestId('card-spend')).toContainText(/\$\d{1,3}(,\d{3})*\.\d{2}/);
  // The demo's usage ends today or yesterday: mid-month the card gives a range, on a month's last day it says so.
  const { forecast } = (await (await page.request.get('/api/v1/overview?by=model')).json()) as { forecast: { daysLeft: number } };
  await expect(page.getByTestId('card-forecast')).toContainText(forecast.daysLeft === 0 ? 'the month is complete' : /range \$[\d,]+\.\d\d – \$/);
  await expect(page.locator('.recharts-legend-wrapper')).toContainText('GPT-3.5 Turbo (0125)');
  await page.screenshot({ path: 'e2e/screenshots/overview.png', fullPage: true });
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
