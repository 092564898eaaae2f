import { expect, test } from './fixtures';
import { OWNER } from './constants';

test.describe('accounts', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sign in → switch workspace → sign out; pages and APIs refuse an anonymous visitor', async ({ page, request }) => {
    expect((await request.get('/api/v1/me')).status()).toBe(401);
    expect((await request.get('/api/v1/models/elo-price')).status()).toBe(401);
    await page.goto('/usage');
    await expect(page).toHaveURL(/\/login\?next=%2Fusage/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('wrong password!!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form [role=alert]')).toHaveText('Email or password is not right.');
    await page.screenshot({ path: 'e2e/screenshots/login-error.png' });

    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/usage$/);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'frontier_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const switcher = page.getByRole('combobox', { name: 'Workspace' });
    await expect(switcher).toHaveValue('acme-analytics');
    await switcher.selectOption('demo');
    await expect(page.getByText('owner · demo data')).toBeVisible();
    await page.goto('/settings');
    await expect(page.getByText('Sample usage generated for the demo.')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/models');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('settings', () => {
  test('owner creates an API key that works for scripts and dies when revoked; invites a member', async ({ page, request }) => {
    await page.goto('/settings/keys');
    await page.getByLabel('Name').fill('nightly export');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByText('Copy it now: it is not shown again.')).toBeVisible();
    const key = await page.getByTestId('secret').inputValue();
    expect(key).toMatch(/^fk_/);
    await page.screenshot({ path: 'e2e/screenshots/settings-keys.png', fullPage: true });

    const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ caller: { kind: 'key', name: 'nightly export' }, workspace: { slug: 'acme-analytics' }, role: 'viewer' });

    page.once('dialog', (d) => d.accept());
    await page.getByRole('row', { name: /nightly export/ }).getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByRole('row', { name: /nightly export/ })).toContainText('revoked');
    expect((await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);

    await page.goto('/settings/members');
    await page.getByLabel('Email').fill('viewer@frontier.test');
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect(page.getByText(/Invitation for viewer@frontier.test created/)).toBeVisible();
    const link = await page.getByTestId('secret').inputValue();
    expect(link).toMatch(/\/invite\/fi_/);
    await expect(page.getByRole('table', { name: 'Pending invitations' }).getByRole('row', { name: /viewer@frontier.test/ })).toContainText('viewer');
    await page.screenshot({ path: 'e2e/screenshots/settings-members.png', fullPage: true });

    await page.goto('/settings/audit');
    await expect(page.getByRole('table')).toContainText('revoked an API key');
    await expect(page.getByRole('table')).toContainText('invited a member');
    await page.screenshot({ path: 'e2e/screenshots/settings-audit.png', fullPage: true });
  });
});
