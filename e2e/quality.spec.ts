import { expect, test } from './fixtures';

test('quality: Arena snapshot table, a model across snapshots, and our own Elo from judgments', async ({ page }) => {
  await page.goto('/quality');
  await expect(page.getByRole('heading', { name: 'Quality', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /Chatbot Arena \(2024-06-19\)/ }).click();
  const llama = page.getByTestId('score-row').filter({ hasText: 'Llama 3 70B Instruct' });
  await expect(llama).toContainText('1207');
  await expect(llama).toContainText('1205–1210');
  await llama.getByRole('link').click();
  await expect(page.getByText('Llama 3 70B Instruct across snapshots')).toBeVisible();
  await expect(page.getByRole('table', { name: /Elo of Llama 3 70B Instruct/ })).toContainText('2024-07-31');

  const csv = ['model_a,model_b,winner', ...Array.from({ length: 30 }, () => 'llama-3-70b-instruct,gpt-3.5-turbo-0125,model_a'), ...Array.from({ length: 10 }, () => 'llama-3-70b-instruct,gpt-3.5-turbo-0125,model_b')].join('\n');
  const form = page.getByRole('form', { name: 'Fit judgments' });
  await form.getByLabel('Judgments').setInputFiles({ name: 'ab-test.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await form.getByLabel('Anchor model (optional)').selectOption('gpt-3.5-turbo-0125');
  await form.getByLabel('its Elo').fill('1104');
  await form.getByRole('button', { name: 'Fit and save' }).click();
  await expect(page.getByText('Fitted 40 judgments.')).toBeVisible();
  await expect(page.getByTestId('fitted-row').filter({ hasText: 'llama-3-70b-instruct' })).toContainText('1295');
  await page.screenshot({ path: 'e2e/screenshots/quality.png', fullPage: true });

  // The team's Elo is a snapshot the Models chart can use.
  await page.goto('/models');
  await expect(page.getByLabel('Elo snapshot').locator('option', { hasText: 'Yours: Own judgments: ab-test.csv' })).toHaveCount(1);
});
