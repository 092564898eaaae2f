import { test as base } from '@playwright/test';

export { expect, request } from '@playwright/test';
export type { Browser, Page } from '@playwright/test';

/**
 * Every page runs on the project's fixed clock (playwright.config.ts), the same instant the server was started
 * with: what the browser computes from "now" agrees with what the server sent, whatever day the tests run.
 */
export const test = base.extend<{ fixedClock: void }>({
  fixedClock: [async ({ page }, use, testInfo) => {
    const now = (testInfo.project.metadata as { now?: string }).now;
    if (now) await page.clock.setFixedTime(new Date(now));
    await use();
  }, { auto: true }],
});
