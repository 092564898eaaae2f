import type { Page } from './fixtures';
import { expect, test } from './fixtures';

/** Every screen under app/(app) a person can open from the navigation, and the sub-pages linked from them. */
const PAGES = ['/overview', '/usage', '/usage/reconciliation', '/models', '/what-if', '/what-if/compare', '/uploads', '/prices', '/quality', '/tokens', '/reports', '/settings', '/settings/members', '/settings/keys', '/settings/audit'];
/** Pages that draw at least one chart in each workspace: a chart that never measured its box draws nothing. */
/** An empty workspace of this spec's own: other specs upload into acme-analytics before this one runs. */
const EMPTY = { name: 'Layout e2e', slug: 'layout-e2e' };
const CHARTS: Record<string, string[]> = { demo: ['/overview', '/usage', '/models', '/what-if'], [EMPTY.slug]: ['/models'] };
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });

const menuButton = (page: Page) => page.getByRole('button', { name: 'Menu', exact: true });
const drawer = (page: Page) => page.getByRole('dialog', { name: 'Menu' });

/** Switches workspace the way a person on a phone does, from the drawer's switcher; makes EMPTY the first time. */
async function openWorkspace(page: Page, slug: string) {
  await page.goto('/overview');
  await menuButton(page).click();
  const select = drawer(page).getByRole('combobox', { name: 'Workspace' });
  const slugs = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  if (slug === EMPTY.slug && !slugs.includes(slug)) {
    await page.keyboard.press('Escape');
    await page.goto('/settings');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(EMPTY.name);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page).toHaveURL(/\/settings$/);
  } else if ((await select.inputValue()) !== slug) {
    // Choosing a workspace closes the drawer; choosing the open one changes nothing, so Escape does.
    await select.selectOption(slug);
  } else {
    await page.keyboard.press('Escape');
  }
  await expect(drawer(page)).toBeHidden();
  await menuButton(page).click();
  await expect(drawer(page).getByRole('combobox', { name: 'Workspace' })).toHaveValue(slug);
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toBeHidden();
}

/** Page width, and each chart container's own width and its drawn surface's width, once the charts have drawn. */
async function measure(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    charts: [...document.querySelectorAll('.recharts-responsive-container')].map((c) => ({
      box: Math.round(c.getBoundingClientRect().width),
      surface: Math.round(c.querySelector('.recharts-wrapper > svg.recharts-surface')?.getBoundingClientRect().width ?? 0),
    })),
    // Legend swatches and the like are surfaces too: none may be squeezed to nothing either.
    squeezed: [...document.querySelectorAll('svg.recharts-surface')].filter((s) => s.getBoundingClientRect().width <= 0).length,
  }));
}

async function checkPage(page: Page, path: string, wantsChart: boolean) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  if (wantsChart) await expect(page.locator('.recharts-responsive-container').first()).toBeVisible();
  // Every chart container has a width and has drawn into it (ResponsiveContainer draws nothing in a 0-wide box).
  await expect.poll(async () => (await measure(page)).charts.filter((c) => c.box <= 0 || c.surface <= 0), { message: `charts on ${path}` }).toEqual([]);
  const { scrollWidth, squeezed } = await measure(page);
  expect(squeezed, `0-wide chart surfaces on ${path}`).toBe(0);
  expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
}

test('`/` opens the Overview', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});

test('at 390 px the sidebar gives way to a top bar whose menu opens a drawer that keeps focus and closes on Escape', async ({ page }) => {
  await page.goto('/usage');
  const menu = menuButton(page);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await menu.click();
  await expect(drawer(page)).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(drawer(page).getByRole('combobox', { name: 'Workspace' })).toBeVisible();
  await expect(drawer(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(drawer(page).getByRole('link', { name: 'Usage' })).toHaveAttribute('aria-current', 'page');
  const focusInDrawer = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
  // More presses than the drawer has stops, both ways round: focus wraps inside it and never reaches the page.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDrawer()).toBe(true);
  }
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDrawer()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await page.screenshot({ path: 'e2e/screenshots/layout-390-usage.png', fullPage: true });
  // A link in the drawer goes there and closes it.
  await menu.click();
  await drawer(page).getByRole('link', { name: 'Models' }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(drawer(page)).toBeHidden();
});

test('first run: an empty workspace\'s Overview leads to Uploads and to the demo\'s Overview', async ({ page }) => {
  await openWorkspace(page, EMPTY.slug);
  await page.goto('/overview');
  const upload = page.getByRole('link', { name: 'Upload an export' });
  await expect(upload).toBeVisible();
  await expect(upload).toHaveAttribute('href', '/uploads');
  await page.screenshot({ path: 'e2e/screenshots/layout-390-empty-overview.png', fullPage: true });
  await page.getByRole('button', { name: 'Explore the demo workspace' }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByTestId('card-spend')).toContainText(/\$\d{1,3}(,\d{3})*\.\d{2}/);
  await menuButton(page).click();
  await expect(drawer(page).getByText('owner · demo data')).toBeVisible();
});

for (const ws of ['demo', EMPTY.slug]) {
  test.describe(`every page at 390 px on ${ws}`, () => {
    test.beforeEach(async ({ page }) => openWorkspace(page, ws));
    for (const path of PAGES) {
      test(`${path} fits the screen and its charts have a width`, async ({ page }) => {
        await checkPage(page, path, CHARTS[ws]!.includes(path));
      });
    }
    test('a report fits the screen', async ({ page }) => {
      await page.goto('/reports');
      const first = page.locator('a[href^="/reports/"]').first();
      test.skip((await first.count()) === 0, `no report in ${ws} yet`);
      const href = (await first.getAttribute('href'))!;
      await checkPage(page, href, false);
    });
  });
}
