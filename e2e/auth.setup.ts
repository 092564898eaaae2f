import { expect, test as setup } from './fixtures';
import { OWNER, STORAGE } from './constants';

/** First run through the UI, as a new user meets it: any page leads to /setup, which creates the owner. */
setup('first run: setup creates the owner, a workspace and the demo', async ({ page }, testInfo) => {
  await page.goto('/models');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Frontier' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/setup.png' });
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Workspace name').fill('Acme Analytics');
  await page.getByRole('button', { name: 'Create account and workspace' }).click();
  // The browser's own minlength check or our message: either way no account yet.
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account and workspace' }).click();
  // Setup lands on the new workspace's Overview, whose empty state leads on: an upload, or the demo.
  await expect(page).toHaveURL(/\/overview$/, { timeout: 60_000 });
  await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveValue('acme-analytics');
  await expect(page.getByRole('link', { name: 'Upload an export' })).toHaveAttribute('href', '/uploads');
  await expect(page.getByRole('button', { name: 'Explore the demo workspace' })).toBeVisible();
  // Each server of playwright.config.ts (one per fixed clock) has its own owner session.
  await page.context().storageState({ path: (testInfo.project.metadata as { storage?: string }).storage ?? STORAGE });
});
