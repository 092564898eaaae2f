import type { Browser, Page } from './fixtures';
import { expect, test } from './fixtures';

/**
 * Invitations in a real browser. The second test is the takeover a probe found: a link kept by someone else,
 * opened after the person set their password with another link, must offer no password form.
 */
const ANA = { email: 'ana.e2e@frontier.test', password: 'ana-e2e-password-1' };

async function inviteFromMembers(page: Page, email: string, role: string): Promise<string> {
  await page.goto('/settings/members');
  await page.getByLabel('Email').fill(email);
  await page.locator('select[name=role]').selectOption(role);
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByText(`Invitation for ${email} created`, { exact: false })).toBeVisible();
  return page.getByTestId('secret').inputValue();
}

async function anonymousPage(browser: Browser, baseURL: string | undefined) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  return { ctx, page: await ctx.newPage() };
}

test.describe.serial('invitations', () => {
  let acmeLink = '';
  let evilLink = '';

  test('an early link from another workspace, then the real one: the person sets a password once', async ({ page, browser, baseURL }) => {
    // The "attacker" makes a workspace of their own and invites Ana first, keeping the link.
    await page.goto('/settings');
    await page.getByLabel('Name').fill('Evil Corp');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    evilLink = await inviteFromMembers(page, ANA.email, 'viewer');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('combobox', { name: 'Workspace' }).selectOption('acme-analytics'),
    ]);
    acmeLink = await inviteFromMembers(page, ANA.email, 'editor');
    await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(ANA.email);

    const ana = await anonymousPage(browser, baseURL);
    await ana.page.goto(acmeLink);
    await expect(ana.page.getByRole('heading', { name: /^Join / })).toBeVisible();
    await expect(ana.page.getByText(`Set a password for ${ANA.email}`)).toBeVisible();
    await ana.page.screenshot({ path: 'e2e/screenshots/invite-new.png' });
    await ana.page.getByLabel('Password').fill(' '.repeat(12));
    await ana.page.getByRole('button', { name: 'Join workspace' }).click();
    await expect(ana.page.locator('form [role=alert]')).toContainText('not spaces');
    await ana.page.getByLabel('Your name').fill('Ana');
    await ana.page.getByLabel('Password').fill(ANA.password);
    await ana.page.getByRole('button', { name: 'Join workspace' }).click();
    await expect(ana.page).not.toHaveURL(/\/invite\//);
    const me = await (await ana.page.request.get('/api/v1/me')).json() as { workspaces: { slug: string; role: string }[] };
    expect(me.workspaces.map((m) => `${m.slug}:${m.role}`)).toEqual(['acme-analytics:editor']);
    await ana.ctx.close();
  });

  test('the kept link, opened by the attacker, offers no password form; Ana accepts it signed in', async ({ browser, baseURL }) => {
    const attacker = await anonymousPage(browser, baseURL);
    await attacker.page.goto(evilLink);
    await expect(attacker.page.getByText(`${ANA.email} already has a Frontier account`)).toBeVisible();
    await expect(attacker.page.getByLabel('Password')).toHaveCount(0);
    await attacker.page.screenshot({ path: 'e2e/screenshots/invite-existing-account.png' });
    // The sign-in it offers comes back to the invitation; with Ana's password it joins her to Evil, nothing more.
    await attacker.page.getByRole('link', { name: 'Sign in to accept' }).click();
    await attacker.page.getByLabel('Email').fill(ANA.email);
    await attacker.page.getByLabel('Password').fill(ANA.password);
    await attacker.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(attacker.page).toHaveURL(/\/invite\//);
    await expect(attacker.page.getByText(`You are signed in as ${ANA.email}`)).toBeVisible();
    await attacker.page.getByRole('button', { name: 'Join workspace' }).click();
    await expect(attacker.page).not.toHaveURL(/\/invite\//);
    const me = await (await attacker.page.request.get('/api/v1/me')).json() as { workspaces: { slug: string; role: string }[] };
    expect(me.workspaces.map((m) => `${m.slug}:${m.role}`).sort()).toEqual(['acme-analytics:editor', 'evil-corp:viewer']);
    await attacker.page.goto(acmeLink);
    await expect(attacker.page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
    await attacker.ctx.close();
  });
});
