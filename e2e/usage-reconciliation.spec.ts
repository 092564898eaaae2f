import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const FIXTURES = path.resolve(__dirname, '../lib/ingest/__fixtures__');

test('reconciliation: computed against reported cost per day and model, why, CSV; user filter by rollup', async ({ page, baseURL }) => {
  // A workspace of its own: other specs add usage to acme-analytics over the same dates.
  await page.goto('/settings');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Reconciliation e2e');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveValue('reconciliation-e2e');
  // Two exports that carry their own cost: LiteLLM spend logs (users alice and bob) and OpenRouter's daily export.
  for (const file of ['litellm-spendlogs.SAMPLE.csv', 'openrouter-daily-model-export.csv']) {
    const res = await page.request.post(`/api/v1/uploads?filename=${file}`, { data: fs.readFileSync(path.join(FIXTURES, file)), headers: { origin: baseURL!, 'content-type': 'text/csv' } });
    expect([201, 409]).toContain(res.status());
  }

  await page.goto('/usage/reconciliation?from=2024-07-01&to=2026-05-31');
  await expect(page.getByRole('heading', { name: 'Reconciliation', level: 1 })).toBeVisible();
  await expect(page.getByTestId('recon-row')).toHaveCount(4);
  await expect(page.getByTestId('recon-reported')).toContainText('$935.94');
  await expect(page.getByRole('heading', { name: 'Why they differ' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/reconciliation.png', fullPage: true });
  await page.getByLabel('Show').selectOption('diff');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/only=diff/);
  await page.reload();
  await expect(page.getByLabel('Show')).toHaveValue('diff');
  const csv = await page.request.get('/api/v1/usage/reconciliation?from=2024-07-01&to=2026-05-31&format=csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('day,model,model_id,provider,rows,requests,input_tokens,cached_input_tokens,output_tokens,computed_usd,reported_usd,difference_usd,difference_pct,reasons');
  expect(lines).toHaveLength(5);

  // The user filter reads the user rollups; the URL holds it and a reload keeps it.
  await page.goto('/usage?from=2024-07-01&to=2024-07-31&groupBy=user');
  await expect(page.getByTestId('usage-row')).toHaveCount(2);
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('User', { exact: true }).selectOption('alice');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/user=alice/);
  await expect(page.getByTestId('usage-row')).toHaveCount(1);
  await expect(page.getByTestId('usage-row').first()).toContainText('alice');
  await page.reload();
  await expect(page.getByTestId('usage-row')).toHaveCount(1);
  await expect(page.getByRole('form', { name: 'Filters' }).getByLabel('User', { exact: true })).toHaveValue('alice');
  await page.screenshot({ path: 'e2e/screenshots/usage-user.png', fullPage: true });
  // A user with a project, over 90 days: the user rollup with every dimension answers it.
  // (alice's LiteLLM rows carry team_id team-support, bob's team-search.)
  await page.goto('/usage?from=2024-01-01&to=2026-06-30&groupBy=user&project=team-support');
  await expect(page.getByTestId('usage-row').filter({ hasText: 'alice' })).toHaveCount(1);
  await expect(page.getByTestId('usage-row').filter({ hasText: 'bob' })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'This view cannot be shown' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics');
  await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveValue('acme-analytics');
});

test('models: "your usage" sizes your models by spend at your own token mix, kept in the URL', async ({ page }) => {
  await page.goto('/overview');
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('demo');
  await expect(page.getByText('owner · demo data')).toBeVisible();
  await page.goto('/models');
  await page.getByRole('checkbox', { name: 'Your usage' }).check();
  await expect(page).toHaveURL(/usage=1/);
  const panel = page.getByTestId('your-usage');
  await expect(panel).toContainText('your input:output mix is');
  await expect(panel).toContainText('GPT-3.5 Turbo');
  await expect(page.getByText('your models, area = your spend')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Your usage' })).toBeChecked();
  await expect(page.getByTestId('your-usage')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/models-your-usage.png', fullPage: true });
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics');
  await expect(page.getByText('owner · demo data')).toHaveCount(0);
});
