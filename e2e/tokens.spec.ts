import { expect, test } from './fixtures';

// Fixed strings whose counts the unit tests pin (lib/tokens/tokenizers.test.ts): cl100k_base / Llama 3 tokens.
const USER_EN = 'The quick brown fox jumps over the lazy dog.'; // 10 / 10
const ASSISTANT_HI = 'नमस्ते, आप कैसे हैं? मैं ठीक हूँ।'; // 35 / 19
const USER_EL = 'Καλημέρα, τι κάνετε σήμερα;'; // 25 / 13
const ASSISTANT_ZH = '我们今天去公园散步吧。'; // 13 / 9
const chat = (u: string, a: string) => JSON.stringify({ messages: [{ role: 'user', content: u }, { role: 'assistant', content: a }] });

test('tokens: paste chat samples, compare cl100k_base with Llama 3, read the exact ratios, save a profile', async ({ page }) => {
  await page.goto('/tokens');
  await expect(page.getByRole('heading', { name: 'Tokens', level: 1 })).toBeVisible();
  await expect(page.getByText('No profiles yet.')).toBeVisible();

  await page.getByLabel('Source (today\'s model)').selectOption('cl100k_base');
  await page.getByLabel('Target (the model you would move to)').selectOption('llama3');
  await expect(page).toHaveURL(/from=cl100k_base&to=llama3/);
  await page.getByLabel('Samples to compare').fill([chat(USER_EN, ASSISTANT_HI), chat(USER_EL, ASSISTANT_ZH), '{"messages": broken'].join('\n'));
  await page.getByRole('button', { name: 'Compare' }).click();

  await expect(page.getByRole('heading', { name: 'Llama 3 against cl100k_base' })).toBeVisible({ timeout: 30_000 });
  // Input 23/35, output 28/48, all 51/83.
  await expect(page.getByTestId('ratio-input')).toContainText('0.6571×');
  await expect(page.getByTestId('ratio-input')).toContainText('23 vs 35 tokens');
  await expect(page.getByTestId('ratio-output')).toContainText('0.5833×');
  await expect(page.getByTestId('ratio-all')).toContainText('0.6145×');
  await expect(page.getByTestId('ratio-all')).toContainText('38.6% fewer tokens');
  await expect(page.getByTestId('ratio-all').getByTestId('range')).toHaveText(/^0\.\d{4}–0\.\d{4}$/);
  await expect(page.getByText('1 line skipped')).toBeVisible();
  const llama = page.getByTestId('tokenizer-row').filter({ hasText: 'Llama 3' });
  await expect(llama).toContainText('51');
  await expect(page.getByTestId('tokenizer-row').filter({ hasText: 'o200k_base' })).toContainText('42');
  await expect(page.getByRole('figure', { name: /Per-sample ratio/ })).toBeVisible();
  await expect(page.getByTestId('differing-sample').first()).toContainText(/Greek|Devanagari/);

  await page.getByLabel('Save as a token profile').fill('Support chat cl100k → Llama 3');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Saved “Support chat cl100k → Llama 3”.')).toBeVisible();
  const row = page.getByTestId('profile-row').filter({ hasText: 'Support chat cl100k → Llama 3' });
  await expect(row).toContainText('cl100k_base → Llama 3');
  await expect(row).toContainText('0.6571');
  await expect(row).toContainText('0.5833');
  await page.screenshot({ path: 'e2e/screenshots/tokens.png', fullPage: true });

  // Kept after a reload; deleting asks first, then the row goes.
  await page.reload();
  await expect(row).toBeVisible();
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: /Delete profile/ }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText('No profiles yet.')).toBeVisible();
});

test('tokens: a binary upload is refused with a clear message', async ({ page }) => {
  await page.goto('/tokens?from=cl100k_base&to=o200k_base');
  await expect(page.getByLabel('Target (the model you would move to)')).toHaveValue('o200k_base');
  await page.getByLabel('Upload a file').check();
  await page.getByLabel(/^File/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) });
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('form', { name: 'Compare tokenizers' }).getByRole('alert')).toContainText('this is a binary file, not text');
});
