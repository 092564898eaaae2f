import fs from 'node:fs';
import { expect, test } from './fixtures';

test.describe('Models: Elo against price', () => {
  test('the 2024 view shows Llama 3 70B near GPT-4 class at a fraction of the price', async ({ page }) => {
    await page.goto('/models?elo=2024-06-19&prices=2024-06-17');
    await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible();
    await expect(page.getByText('Elo vs blended $ per 1M tokens')).toBeVisible();
    // The chart rendered points (recharts draws symbols into an SVG) and its legend names vendors.
    await expect(page.locator('.recharts-legend-wrapper')).toContainText('Meta');
    await expect(page.locator('.recharts-legend-wrapper')).toContainText('OpenAI');

    const llama = page.locator('tr[data-model="llama-3-70b-instruct"]');
    await expect(llama.getByRole('rowheader')).toContainText('Llama 3 70B');
    await expect(llama).toContainText('1207');
    await expect(llama).toContainText('(1205–1210)');
    await expect(llama.getByTestId('blended')).toHaveText('$0.64');
    await expect(llama.getByRole('combobox')).toHaveValue('deepinfra');

    const gpt35 = page.locator('tr[data-model="gpt-3.5-turbo-0125"]');
    await expect(gpt35).toContainText('1104');
    await expect(gpt35.getByTestId('blended')).toHaveText('$0.75');
    await page.screenshot({ path: 'e2e/screenshots/models-2024.png', fullPage: true });
  });

  test('the frontier toggles and the mix changes a blended price', async ({ page }) => {
    await page.goto('/models?elo=2024-06-19&prices=2024-06-17');
    const legend = page.locator('.recharts-legend-wrapper');
    await expect(legend).toContainText('Pareto frontier');
    await page.getByLabel('Show Pareto frontier').uncheck();
    await expect(legend).not.toContainText('Pareto frontier');
    await expect(page).toHaveURL(/frontier=0/);
    await page.getByLabel('Show Pareto frontier').check();
    await expect(legend).toContainText('Pareto frontier');

    const gpt35 = page.locator('tr[data-model="gpt-3.5-turbo-0125"]').getByTestId('blended');
    await expect(gpt35).toHaveText('$0.75');
    await page.getByLabel('Input:output token mix').selectOption('1:1');
    await expect(gpt35).toHaveText('$1.00');
    await expect(page).toHaveURL(/mix=1%3A1|mix=1:1/);

    // Choosing a provider re-prices that model and sticks in the URL.
    const llama = page.locator('tr[data-model="llama-3-70b-instruct"]');
    await llama.getByRole('combobox').selectOption('bedrock');
    await expect(llama.getByTestId('blended')).toHaveText('$3.08');
    await expect(page).toHaveURL(/p=llama-3-70b-instruct/);
  });

  test('sorting the table by blended price puts the cheapest first, and the link keeps it', async ({ page }) => {
    await page.goto('/models?elo=2024-06-19&prices=2024-06-17');
    await page.getByRole('button', { name: /Blended \$\/1M/ }).click();
    await expect(page).toHaveURL(/sort=blended/);
    const first = page.locator('tbody tr').first().getByTestId('blended');
    const second = page.locator('tbody tr').nth(1).getByTestId('blended');
    const a = Number((await first.textContent())!.replace(/[$,]/g, ''));
    const b = Number((await second.textContent())!.replace(/[$,]/g, ''));
    expect(a).toBeLessThanOrEqual(b);
  });

  test('latest view loads by default; every screen in the sidebar is built', async ({ page }) => {
    // `/` opens the Overview now (e2e/layout.spec.ts); the Models view is one link away.
    await page.goto('/models');
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/models-latest.png', fullPage: true });
    await page.getByRole('link', { name: /Reports/ }).click();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await expect(page.getByText('soon', { exact: true })).toHaveCount(0);
    await expect(page.getByText('This screen is not built yet.')).toHaveCount(0);
  });

  test('health answers with the engine and migration', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    const journal = JSON.parse(fs.readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite', migration: journal.entries.at(-1)!.tag });
  });

  test('pages carry the security headers; production CSP has no unsafe-eval', async ({ request }) => {
    const res = await request.get('/login');
    const h = res.headers();
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).not.toContain('unsafe-eval');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['x-powered-by']).toBeUndefined();
  });

  test('bad parameters get a 400 with the one error envelope', async ({ request }) => {
    const res = await request.get('/api/v1/models/elo-price?elo=yesterday');
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/elo: expected YYYY-MM-DD/);
  });
});
