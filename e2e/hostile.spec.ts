import type { Page } from './fixtures';
import { expect, request, test } from './fixtures';
import { MAIN_NOW, OWNER } from './constants';

/**
 * Hostile strings from an uploaded export (model, project and key names) render as text everywhere a person sees
 * them, charts' tooltips included; CSV exports neutralise formulas; sign-in never keeps a session it did not issue.
 */
const XSS = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', 'javascript:alert(1)', '<svg onload=window.__xss=1>'];
const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+SUM(1+1)', '-2+3', '@SUM(A1)'];
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** An OpenAI dashboard usage export for the server's last five days: payloads as projects and keys on a priced model, and as models. */
function hostileExport(): string {
  const lines = [HEADER];
  // The five days before the server's fixed clock, so the Overview's latest month holds them.
  const today = Math.floor(Date.parse(MAIN_NOW) / 86_400_000) * 86_400;
  for (let d = 1; d <= 5; d++) {
    const s = today - d * 86_400;
    XSS.forEach((p, i) => {
      lines.push([s, s + 86_400, '', '', q(p), '10.0', 'u', q(XSS[(i + 1) % XSS.length]!), 'gpt-4o-2024-08-06', 'FALSE', 'default', 1_000_000 * (i + 1), 200_000, 0].join(','));
      lines.push([s, s + 86_400, '', '', 'plain-project', '5.0', 'u', 'plain-key', q(p), 'FALSE', 'default', 1000, 100, 0].join(','));
    });
    FORMULAS.forEach((f) => lines.push([s, s + 86_400, '', '', q(f), '1.0', 'u', 'k', q(f), 'FALSE', 'default', 10, 10, 0].join(',')));
  }
  return `${lines.join('\n')}\n`;
}

/** Fails the test on any dialog, and checks no payload became an element or ran. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  return async () => {
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"], svg[onload], [onerror], [onload]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    // Next's own inline scripts carry the page data as escaped JSON strings; an injected script would be the payload itself.
    expect(await page.evaluate(() => [...document.scripts].filter((s) => /^\s*alert\(1\)\s*$/.test(s.textContent ?? '')).length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  };
}

/** Hovers over the chart's bars until a tooltip shows, and returns its text. */
async function tooltipText(page: Page, chart: string): Promise<string> {
  const box = (await page.locator(chart).locator('.recharts-wrapper').first().boundingBox())!;
  let text = '';
  for (let x = box.x + box.width - 30; x > box.x + 70 && !text; x -= 25) {
    await page.mouse.move(x, box.y + box.height / 2);
    const tip = page.locator(`${chart} .recharts-tooltip-wrapper`);
    if (await tip.isVisible()) text = (await tip.innerText()).trim();
  }
  return text;
}

/** The first cell of an RFC 4180 line. */
function firstCell(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0]!;
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"' && line[i + 1] === '"') { out += '"'; i++; }
    else if (line[i] === '"') break;
    else out += line[i];
  }
  return out;
}

test.describe.serial('hostile strings', () => {
  test('payloads in model, project and key names render as text on every screen, tooltips included', async ({ page }) => {
    const check = guard(page);
    await page.goto('/uploads');
    await page.getByTestId('file-input').setInputFiles({ name: '<img src=x onerror=alert(1)>.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileExport()) });
    const item = page.getByTestId('upload-item').first();
    await expect(item.getByTestId('upload-summary')).toContainText('Ingested as OpenAI dashboard usage export', { timeout: 30_000 });
    await expect(item).toContainText('not in the catalog');
    for (const p of XSS) await expect(item).toContainText(p);
    await expect(page.getByTestId('history-row').first()).toContainText('<img src=x onerror=alert(1)>.csv');
    await check();

    await page.goto('/overview?by=project');
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    const legend = page.locator('.recharts-legend-wrapper').first();
    for (const p of XSS) await expect(legend).toContainText(p);
    const overviewTip = await tooltipText(page, 'main');
    expect(XSS.some((p) => overviewTip.includes(p)), overviewTip).toBe(true);
    await check();

    for (const [groupBy, expected] of [['project', XSS], ['key', XSS], ['model', XSS]] as const) {
      await page.goto(`/usage?preset=30d&groupBy=${groupBy}&metric=requests`);
      const table = page.locator('table').first();
      for (const p of expected) await expect(table).toContainText(p);
      const tip = await tooltipText(page, 'figure');
      expect(expected.some((p) => tip.includes(p)), `${groupBy} tooltip: ${tip}`).toBe(true);
      await check();
    }

    await page.goto('/prices');
    const unmapped = page.locator('#unmapped');
    for (const p of [...XSS, ...FORMULAS]) await expect(unmapped).toContainText(p);
    await check();
    await page.screenshot({ path: 'e2e/screenshots/hostile.png', fullPage: true });
  });

  test('the usage explorer CSV neutralises formulas and keeps payloads as quoted text', async ({ page }) => {
    for (const groupBy of ['model', 'project']) {
      const res = await page.request.get(`/api/v1/usage/explore?preset=30d&groupBy=${groupBy}&format=csv`);
      expect(res.status()).toBe(200);
      const cells = (await res.text()).trim().split('\r\n').slice(1).map(firstCell);
      for (const f of FORMULAS) expect(cells, groupBy).toContain(`'${f}`);
      expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
      for (const p of XSS) expect(cells).toContain(p);
    }
  });

  test('session fixation: a cookie set before sign-in is not the one after it, and dies', async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const fixed = 'fs_attacker-chose-this-token-000000000000000';
    await ctx.addCookies([{ name: 'frontier_session', value: fixed, url: baseURL! }]);
    // Two sign-in forms open before any sign-in: the second is submitted over the live session the first opens.
    const [pageA, pageB] = [await ctx.newPage(), await ctx.newPage()];
    for (const p of [pageA, pageB]) await p.goto('/login');
    const signInOn = async (page: Page) => {
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/models/);
      return (await ctx.cookies()).find((c) => c.name === 'frontier_session')!;
    };
    const first = await signInOn(pageA);
    expect(first.value).not.toBe(fixed);
    expect(first.value).toMatch(/^fs_/);
    expect(first.httpOnly).toBe(true);
    expect(first.sameSite).toBe('Lax');
    const me = async (token: string) => {
      const api = await request.newContext({ baseURL, extraHTTPHeaders: { cookie: `frontier_session=${token}` } });
      const res = await api.get('/api/v1/me');
      await api.dispose();
      return res;
    };
    expect((await me(fixed)).status()).toBe(401);
    expect((await me(first.value)).status()).toBe(200);
    // Signing in again over a live session replaces it: the old token stops working.
    const second = await signInOn(pageB);
    expect(second.value).not.toBe(first.value);
    expect((await me(first.value)).status()).toBe(401);
    expect((await me(second.value)).status()).toBe(200);
    await ctx.close();
  });

  test('a cross-site form post with the session cookie is refused', async ({ page, baseURL }) => {
    const res = await page.request.post('/api/v1/keys', { data: { name: 'csrf', role: 'viewer' }, headers: { origin: 'https://evil.example' } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe('Cross-site request refused.');
    expect((await page.request.post('/api/v1/keys', { data: { name: 'same-site', role: 'viewer' }, headers: { origin: baseURL! } })).status()).toBe(201);
  });
});
