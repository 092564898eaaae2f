import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const fixture = (f: string) => path.join('lib/ingest/__fixtures__', f);

test.describe('uploads', () => {
  test('upload through the page: progress, then the summary; the history lists it', async ({ page }) => {
    await page.goto('/uploads');
    await expect(page.getByRole('heading', { name: 'Uploads', level: 1 })).toBeVisible();
    await page.getByTestId('file-input').setInputFiles(fixture('openai-dashboard-usage-export.tsv'));
    const item = page.getByTestId('upload-item').first();
    await expect(item.getByTestId('upload-summary')).toContainText('Ingested as OpenAI dashboard usage export', { timeout: 30_000 });
    await expect(item).toContainText('Rows added6');
    await expect(item).toContainText('Skipped (empty)1');
    await expect(item).toContainText('Input tokens339,711 (13,952 cached)');
    await expect(item).toContainText('2025-10-05 – 2025-10-11');
    await expect(page.getByTestId('history-row').first()).toContainText('openai-dashboard-usage-export.tsv');

    // The same file again: already ingested, nothing added.
    await page.getByTestId('file-input').setInputFiles(fixture('openai-dashboard-usage-export.tsv'));
    await expect(page.getByTestId('upload-item').first()).toContainText('Already ingested', { timeout: 30_000 });
    await page.screenshot({ path: 'e2e/screenshots/uploads.png', fullPage: true });
  });

  test('an unknown CSV asks for a column mapping, then goes in', async ({ page }) => {
    await page.goto('/uploads');
    await page.getByTestId('file-input').setInputFiles({
      name: 'team-costs.csv', mimeType: 'text/csv',
      buffer: Buffer.from('When,Engine,Team,Prompt,Completion\n2024-06-20,gpt-3.5-turbo-0125,search,1000000,1000000\n'),
    });
    const item = page.getByTestId('upload-item').first();
    await expect(item).toContainText('Not ingested', { timeout: 30_000 });
    const form = item.getByRole('form', { name: 'Column mapping' });
    await form.getByLabel('Time *').selectOption('when');
    await form.getByLabel('Model *').selectOption('engine');
    await form.getByLabel('Input tokens', { exact: true }).selectOption('prompt');
    await form.getByLabel('Output tokens', { exact: true }).selectOption('completion');
    await form.getByLabel('Provider (when no column)').selectOption('openai');
    await page.screenshot({ path: 'e2e/screenshots/uploads-mapping.png', fullPage: true });
    await form.getByRole('button', { name: 'Ingest with this mapping' }).click();
    await expect(item.getByTestId('upload-summary')).toContainText('Ingested as CSV with a column mapping', { timeout: 30_000 });
    await expect(item).toContainText('Computed cost$2.00');
  });

  test('the CLI goes through the running app with an API key', async ({ request, baseURL }) => {
    const res = await request.post('/api/v1/keys', { data: { name: 'cli', role: 'editor' }, headers: { origin: baseURL! } });
    expect(res.status()).toBe(201);
    const { key } = await res.json();
    const dir = process.env.E2E_PGLITE_DIR;
    test.skip(!dir || !fs.existsSync(dir), 'needs the e2e data folder');
    const out = spawnSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/frontier.ts', 'ingest', fixture('claude_api_cost_2026_02_08_to_2026_02_15.csv'), '--workspace', 'acme-analytics', '--json'], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '', FRONTIER_API_KEY: key }, encoding: 'utf8', timeout: 60_000,
    });
    expect(out.stderr).toContain('going through its API');
    const json = JSON.parse(out.stdout.trim().split('\n').pop()!);
    expect(json.files[0]).toMatchObject({ status: 'ingested', format: 'anthropic-console-cost', reportedCostUsd: '19.97', rowsIngested: 24 });
    const refuse = spawnSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/frontier.ts', 'ingest', fixture('claude_api_cost_2026_02_08_to_2026_02_15.csv'), '--workspace', 'acme-analytics', '--json'], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '', FRONTIER_API_KEY: '' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(refuse.status).toBe(1);
    expect(JSON.parse(refuse.stdout.trim()).error).toMatch(/holds the embedded database\. Set FRONTIER_API_KEY/);
  });
});
