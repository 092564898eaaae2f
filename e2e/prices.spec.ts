import { expect, test } from './fixtures';

test('prices: map an unknown model, set a discount, preview and apply re-pricing', async ({ page, request, baseURL }) => {
  const csv = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,batch,input_tokens,output_tokens\n'
    + '1719792000,1719878400,,,proj_e2e,1,acme-ft-gpt35,FALSE,1000000,0\n1719792000,1719878400,,,proj_e2e,1,gpt-3.5-turbo-0125,FALSE,1000000,500000\n';
  const up = await request.post('/api/v1/uploads?filename=e2e-prices.csv', { data: csv, headers: { origin: baseURL!, 'content-type': 'text/csv' } });
  expect(up.status()).toBe(201);
  expect(await up.json()).toMatchObject({ computedCostUsd: '1.25', unmappedModels: [{ rawModel: 'acme-ft-gpt35', rows: 1 }] });

  await page.goto('/prices?date=2024-07-01&q=gpt-3.5');
  await expect(page.getByRole('heading', { name: 'Prices', level: 1 })).toBeVisible();
  const openai35 = page.getByTestId('price-row').filter({ hasText: 'gpt-3.5-turbo-0125' }).filter({ has: page.getByRole('cell', { name: 'OpenAI', exact: true }) });
  await expect(openai35).toContainText('$0.50');
  await page.getByLabel('Catalog model for acme-ft-gpt35').selectOption('gpt-3.5-turbo-0125');
  await page.getByRole('button', { name: 'Map acme-ft-gpt35 and re-price' }).click();
  await expect(page.getByText('acme-ft-gpt35')).toHaveCount(0);

  const discount = page.getByRole('form', { name: 'Provider discount' });
  await discount.getByLabel('Provider').selectOption('openai');
  await discount.getByLabel('Percent off').fill('20');
  await discount.getByLabel('From').fill('2024-06-30');
  await discount.getByRole('button', { name: 'Save discount' }).click();
  await expect(page.getByTestId('reprice')).toContainText('Re-pricing would change');
  await page.screenshot({ path: 'e2e/screenshots/prices.png', fullPage: true });
  await page.getByRole('button', { name: 'Apply re-pricing' }).click();
  await expect(page.getByTestId('reprice')).toContainText('Nothing to re-price');
  await expect(openai35).toContainText('$0.40');
  await expect(openai35).toContainText('−20%');
  await openai35.getByRole('link', { name: 'GPT-3.5 Turbo (0125)' }).click();
  await expect(page.getByRole('heading', { name: 'Price history: GPT-3.5 Turbo (0125)' })).toBeVisible();
  await expect(page.locator('#history .recharts-legend-wrapper')).toContainText('openai in');
  await page.locator('#history').screenshot({ path: 'e2e/screenshots/prices-history.png' });
});
