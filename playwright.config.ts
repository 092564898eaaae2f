import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import type { PlaywrightTestConfig } from '@playwright/test';
import { MAIN_NOW } from './e2e/constants';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const dataDir = process.env.E2E_PGLITE_DIR ?? path.join(os.tmpdir(), `frontier-e2e-${process.pid}`);

/**
 * No e2e depends on the day it runs. The main server and the browser share one fixed clock (the 15th of a month,
 * mid-month); the specs whose answers change with the calendar run again against servers pinned to the 1st, the
 * 3rd (a month with two days of usage) and the last day of a month. `FRONTIER_NOW` pins the server (lib/clock.ts),
 * Playwright's clock the browser (e2e/fixtures.ts).
 */
const CLOCKS = [
  { name: 'first-of-month', now: '2026-12-01T12:00:00Z' },
  { name: 'third-of-month', now: '2026-12-03T12:00:00Z' },
  { name: 'last-of-month', now: '2026-11-30T12:00:00Z' },
];
/** The specs that read "today": each runs once more per clock above. */
const DATE_SPECS = /overview\.spec\.ts/;

type Server = NonNullable<Exclude<PlaywrightTestConfig['webServer'], unknown[]>>;
function server(port: number, dir: string, now: string): Server {
  return {
    command: `node scripts/start.mjs start`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PORT: String(port), PGLITE_DIR: dir, DATABASE_URL: '', NEXT_TELEMETRY_DISABLED: '1', FRONTIER_NOW: now },
  };
}

const clockProjects = CLOCKS.flatMap((c, i) => {
  const use = { baseURL: `http://127.0.0.1:${PORT + 1 + i}`, storageState: `e2e/.auth/owner-${c.name}.json` };
  const metadata = { now: c.now, storage: use.storageState };
  return [
    { name: `setup-${c.name}`, testMatch: /auth\.setup\.ts/, use: { baseURL: use.baseURL }, metadata },
    { name: c.name, testMatch: DATE_SPECS, dependencies: [`setup-${c.name}`], use, metadata },
  ];
});

/** E2E against the real production build (`npm run build` first; `npm test` does it), on fresh PGlite folders. */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, metadata: { now: MAIN_NOW, storage: 'e2e/.auth/owner.json' } },
    { name: 'app', testMatch: /.*\.spec\.ts/, dependencies: ['setup'], use: { storageState: 'e2e/.auth/owner.json' }, metadata: { now: MAIN_NOW } },
    ...clockProjects,
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
  webServer: [server(PORT, dataDir, MAIN_NOW), ...CLOCKS.map((c, i) => server(PORT + 1 + i, `${dataDir}-${c.name}`, c.now))],
});
