import { expect, test } from './fixtures';

test('what-if on the demo workspace: three options side by side; the share slider moves the savings; saved and reopened', async ({ page }) => {
  await page.goto('/what-if');
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('demo');
  await expect(page.getByText('owner · demo data')).toBeVisible();
  await page.goto('/what-if');
  await expect(page.getByRole('heading', { name: 'What-if', level: 1 })).toBeVisible();
  // The default scenario: GPT-3.5 traffic against Llama 3 70B and 8B hosted and 70B on rented GPUs.
  const table = page.getByTestId('comparison');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table).toContainText('Llama 3 70B Instruct on');
  await expect(table).toContainText('self-hosted');
  await expect(page.getByTestId('whatif-summary')).toContainText(/The selected workloads cost \$[\d,]+\.\d{2} a month/);
  await expect(page.getByTestId('cumulative-chart')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/what-if.png', fullPage: true });

  // Option 2 (Llama 3 8B hosted) saves money on GPT-3.5 traffic; the savings are linear in the share moved.
  const savings = page.getByTestId('savings-t2');
  const at100 = (await savings.textContent())!;
  expect(at100).toMatch(/^\+\$[\d,]+\.\d{2}/);
  const dollars = (s: string) => Number(s.match(/^([+-])?\$([\d,]+\.\d{2})/)![2]!.replace(/,/g, '')) * (s.startsWith('-') ? -1 : 1);
  await page.getByTestId('share-slider').fill('50');
  await expect(page.getByTestId('share-value')).toHaveText('50%');
  await expect(savings).not.toHaveText(at100);
  const at50 = (await savings.textContent())!;
  expect(Math.abs(dollars(at100) / 2 - dollars(at50))).toBeLessThanOrEqual(0.01);
  // The URL holds the scenario: a reload shows the same numbers.
  await expect(page).toHaveURL(/s=/);
  await page.reload();
  await expect(page.getByTestId('share-value')).toHaveText('50%');
  await expect(page.getByTestId('savings-t2')).toHaveText(at50);

  await page.getByTestId('scenario-name').fill('Support bot to Llama 3');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText('Scenario saved.')).toBeVisible();
  await expect(page.getByTestId('saved-scenarios')).toContainText('Support bot to Llama 3');
  // A variant: all of the traffic, saved as a copy; then the two side by side.
  await page.getByTestId('share-slider').fill('100');
  await page.getByTestId('scenario-name').fill('Support bot to Llama 3, all traffic');
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByText('Saved as a new scenario.')).toBeVisible();
  await page.getByRole('link', { name: 'Compare saved' }).click();
  const compare = page.getByTestId('compare-table');
  await expect(compare.locator('tbody tr')).toHaveCount(2);
  await expect(compare).toContainText('Support bot to Llama 3, all traffic');
  await expect(compare).toContainText('Llama 3 8B Instruct on');
  await page.screenshot({ path: 'e2e/screenshots/what-if-compare.png', fullPage: true });

  // Freeze it for finance: the report carries the comparison and its summary.
  await page.goBack();
  await expect(page.getByTestId('comparison')).toBeVisible();
  const summary = (await page.getByTestId('whatif-summary').textContent())!.trim();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/what-if-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Save as report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as report' });
  await dialog.getByRole('button', { name: 'Save report' }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('report-summary')).toContainText(summary);
  await expect(page.getByRole('heading', { name: 'Options compared with today, per month' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/what-if-report.png', fullPage: true });

  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics');
  await expect(page.getByText('owner · demo data')).toHaveCount(0);
});
