export const OWNER = { email: 'owner@frontier.test', password: 'e2e-password-123', name: 'Olivia Owner' };
export const STORAGE = 'e2e/.auth/owner.json';
/** The main e2e server's and browser's fixed clock (playwright.config.ts): mid-month, so a forecast has a range. */
export const MAIN_NOW = '2026-11-15T12:00:00Z';
