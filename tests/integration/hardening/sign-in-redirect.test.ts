import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { useDatabaseForTests } from '@/db';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase } from '@/db/testing';
import { setupFirstOwner } from '@/lib/auth/service';

/**
 * The sign-in action and the login page with a hostile `next`, run for real (database, session, audit) with only
 * Next's request scope stood in for: where they send the browser must be a path on this site. The e2e
 * (e2e/hostile-sign-in.spec.ts) does the same through Chromium.
 */
const req = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, string>() }));

vi.mock('next/headers', () => ({
  headers: async () => req.headers,
  cookies: async () => ({
    get: (name: string) => (req.jar.has(name) ? { name, value: req.jar.get(name)! } : undefined),
    set: (name: string, value: string) => void req.jar.set(name, value),
    delete: (name: string) => void req.jar.delete(name),
  }),
}));
// Next's redirect() throws to end the render or action; here it throws the target so the test can read it.
vi.mock('next/navigation', () => ({ redirect: (to: string) => { throw Object.assign(new Error('redirect'), { to }); } }));

const { signInAction } = await import('@/app/_actions/auth');
const { default: LoginPage } = await import('@/app/login/page');

const ORIGIN = 'http://frontier.test';
const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };
const HOSTILE = ['/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/.//evil.example', '//evil.example', '/\\/evil.example', 'https://evil.example'];

async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if ((e as { to?: string }).to !== undefined) return (e as { to: string }).to;
    throw e;
  }
  throw new Error('no redirect');
}

const signInWith = (next: string) => {
  const form = new FormData();
  form.set('email', OWNER.email);
  form.set('password', OWNER.password);
  form.set('next', next);
  return redirectOf(() => signInAction({}, form));
};

describe('sign-in never redirects off the site', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    useDatabaseForTests(t);
    await setupFirstOwner(t.db, { ...OWNER, workspaceName: 'Acme', withDemo: false });
    req.headers = new Headers({ host: 'frontier.test', origin: ORIGIN });
  });
  afterAll(async () => t?.destroy());

  test.each(HOSTILE)('after a real sign-in, next=%j lands on this site', async (next) => {
    const to = await signInWith(next);
    expect(req.jar.get('frontier_session')).toMatch(/^fs_/);
    expect(new URL(to, ORIGIN).origin).toBe(ORIGIN);
    expect(to).toBe('/models');
  });

  test('a path on the site is kept', async () => {
    expect(await signInWith('/usage?preset=7d#top')).toBe('/usage?preset=7d#top');
  });

  test.each(HOSTILE)('already signed in, /login?next=%j lands on this site', async (next) => {
    expect(req.jar.get('frontier_session')).toMatch(/^fs_/);
    req.headers = new Headers({ host: 'frontier.test', cookie: `frontier_session=${req.jar.get('frontier_session')}` });
    const to = await redirectOf(() => LoginPage({ searchParams: Promise.resolve({ next }) }));
    expect(to).toBe('/models');
  });
});
