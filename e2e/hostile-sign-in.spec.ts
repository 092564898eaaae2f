import type { Page } from './fixtures';
import { expect, request, test } from './fixtures';
import { OWNER } from './constants';

/**
 * `next` on /login is attacker-written (a link in an email): after a real sign-in, and when already signed in, the
 * browser must stay on this site. Each value is how it appears in the URL; Chromium's own URL parser decides where
 * the redirect goes, which is the point (it drops tabs and newlines and reads `\` as `/`).
 */
const HOSTILE = ['/%5Cevil.example', '/%09/evil.example', '/%0A/evil.example', '/.//evil.example', '/%5C/evil.example', '//evil.example', 'https://evil.example/'];

/** Any request to evil.example is recorded and refused, so a redirect off the site shows as a request, not a DNS error. */
async function watchEvil(page: Page): Promise<string[]> {
  const hits: string[] = [];
  // By host: our own /login?next=…evil.example URLs must still load.
  await page.route((url) => url.hostname.endsWith('evil.example'), (route) => { hits.push(route.request().url()); return route.abort(); });
  return hits;
}

test.describe('sign-in redirect', () => {
  for (const next of HOSTILE) {
    test(`after signing in from /login?next=${next}, the browser is still on this site`, async ({ browser, baseURL }) => {
      const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const page = await ctx.newPage();
      const hits = await watchEvil(page);
      await page.goto(`/login?next=${next}`);
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/models/);
      await expect(page.getByRole('combobox', { name: 'Workspace' })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(hits).toEqual([]);
      await ctx.close();
    });
  }

  test('already signed in, /login?next= with each value goes to a page of this site', async ({ page, baseURL }) => {
    const hits = await watchEvil(page);
    for (const next of HOSTILE) {
      await page.goto(`/login?next=${next}`);
      await expect(page).toHaveURL(/\/models/);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    }
    expect(hits).toEqual([]);
  });

  test('a path on this site is kept', async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await page.goto(`/login?next=${encodeURIComponent('/usage?preset=7d')}`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/usage\?preset=7d/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await ctx.close();
  });
});

/** proxy.ts: a POST to a page (a server action) must carry an Origin naming this host; Next alone would run one with none. */
test.describe('server actions from elsewhere', () => {
  const post = async (baseURL: string, headers: Record<string, string>) => {
    const api = await request.newContext({ baseURL });
    const res = await api.post('/login', { headers: { 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8', ...headers }, data: '[]' });
    const out = { status: res.status(), body: await res.text() };
    await api.dispose();
    return out;
  };

  test('no Origin, a foreign one, or one matched by a forged X-Forwarded-Host: 403 before the action runs', async ({ baseURL }) => {
    const forged: Record<string, string>[] = [{}, { origin: 'null' }, { origin: 'https://evil.example' }, { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }];
    for (const headers of forged) {
      expect(await post(baseURL!, headers)).toEqual({ status: 403, body: 'Cross-site request refused.' });
    }
  });

  test('the same POST with our Origin reaches Next (an unknown action id, not our refusal)', async ({ baseURL }) => {
    const res = await post(baseURL!, { origin: new URL(baseURL!).origin });
    expect(res.status).not.toBe(403);
  });
});
