import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useDatabaseForTests } from '@/db';
import { rows } from '@/db/client';
import { loadDemoUsage } from '@/db/queries/demo';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { clientIp } from '@/lib/auth/guard';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, setupFirstOwner, signIn } from '@/lib/auth/service';
import { createTokenProfile } from '@/db/queries/token-profiles';
import { createReport } from '@/lib/reports/service';
import { saveScenario } from '@/lib/whatif/service';
import type { Method, RouteFn } from '../helpers/api-routes';
import { loadRoutes, routeFiles, urlPathOf } from '../helpers/api-routes';

/**
 * Every route under app/api/v1, found on disk (a new route is covered without touching this file):
 * - GET: SQL-injection-shaped, unicode and very long values in every query parameter and path id answer 200 or
 *   400 (404 for an id, 403 for `workspace`), never 500, and change nothing;
 * - POST/PUT/PATCH/DELETE with a valid session cookie but no Origin or a foreign one: 403, nothing changed.
 */
const ORIGIN = 'http://frontier.test';
const PASSWORD = 'correct horse battery staple';

/** Every query parameter any route reads (and `workspace`, which the guard reads). */
const PARAMS = [
  'from', 'to', 'preset', 'model', 'provider', 'project', 'key', 'groupBy', 'group-by', 'metric', 'sort', 'dir', 'page', 'format', 'limit',
  'before', 'date', 'q', 'elo', 'prices', 'mix', 'p', 'frontier', 'priceDate', 'workspace',
];
const PAYLOADS = [
  "' or 1=1 --",
  "'; drop table usage; --",
  '2026-10-01\'; delete from uploads where \'1\'=\'1',
  '1 union select email, password_hash from users --',
  '"><script>alert(1)</script>',
  '\u0000nul\u0000',
  'Ω≈ç√∫ 😀 \u202e\ufeff \ud800',
  'x'.repeat(20_000),
  '-1e999',
  '../../../../etc/passwd',
];

/** encodeURIComponent refuses a lone surrogate: send it as the invalid UTF-8 a client could send instead. */
const enc = (s: string) => [...s].map((c) => (/^[\ud800-\udfff]$/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');

type Loaded = { urlPath: string; method: Method; fn: RouteFn; idParam: string | null };

describe.each(testEngines())('hostile requests to every /api/v1 route on %s', (engine) => {
  let t: TestDatabase;
  let cookie = '';
  let ids: Record<string, string> = {};
  const loaded: Loaded[] = [];

  /** Row counts of every table: a request that changed anything changes this. */
  const fingerprint = async () => {
    const tables = await rows<{ t: string }>(t.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    const out: Record<string, number> = {};
    for (const { t: name } of tables) out[name] = (await rows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from "${name}"`)))[0]!.n;
    const [u] = await rows<{ s: string }>(t.db, sql`select coalesce(sum(input_tokens), 0)::text as s from usage`);
    return { ...out, usageInput: u!.s };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    const setup = await setupFirstOwner(t.db, { email: 'owner@example.com', password: PASSWORD, workspaceName: 'Acme', withDemo: false });
    await loadDemoUsage(t.db, setup.workspace.id, '2026-10-31');
    cookie = `frontier_session=${(await signIn(t.db, { email: 'owner@example.com', password: PASSWORD, ip: null, userAgent: 'vitest' })).token}`;
    const scenario = await saveScenario(t.db, setup.workspace.id, { name: 'S', spec: { targets: [{ id: 'a', kind: 'api', model: 'llama-3-70b-instruct', provider: 'groq' }] } });
    const [upload] = await rows<{ id: string }>(t.db, sql`select id from uploads where workspace_id = ${setup.workspace.id} limit 1`);
    const [snapshot] = await rows<{ id: string }>(t.db, sql`select id from quality_snapshots limit 1`);
    const report = (await createReport(t.db, setup.workspace.id, setup.user.id, { title: 'R', source: { kind: 'usage', params: 'preset=7d' } })).id;
    const profile = (await createTokenProfile(t.db, setup.workspace.id, { name: 'P', sourceTokenizer: 'cl100k_base', targetTokenizer: 'llama3', samples: 3, input: { ratio: '0.9', lower: '0.8', upper: '1.0' } }, null)).id;
    ids = { uploads: upload!.id, scenarios: scenario, snapshots: snapshot!.id, reports: report, profiles: profile, keys: '00000000-0000-0000-0000-000000000000' };
    // The same discovery as the invalid-parameter test (helpers/api-routes.ts): a new route file is covered here too.
    for (const r of await loadRoutes()) loaded.push({ urlPath: r.urlPath, method: r.method, fn: r.fn, idParam: r.idParams[0] ?? null });
  });
  afterAll(async () => t?.destroy());
  afterEach(() => { delete process.env.FRONTIER_TRUST_PROXY; });

  const call = (r: Loaded, pathValue: string | null, query: string, headers: Record<string, string>, body?: string) => {
    const segs = r.urlPath.split('/');
    const resource = segs[segs.indexOf(`[${r.idParam}]`) - 1] ?? '';
    const id = pathValue ?? ids[resource] ?? '00000000-0000-0000-0000-000000000000';
    const url = `${ORIGIN}${r.urlPath.replace(/\[\w+\]/, enc(id))}${query}`;
    return r.fn(new Request(url, { method: r.method, headers, body }), { params: Promise.resolve(r.idParam ? { [r.idParam]: id } : {}) });
  };

  test('the routes are found on disk, mutations among them', () => {
    const names = loaded.map((r) => `${r.method} ${r.urlPath}`);
    expect(names).toEqual(expect.arrayContaining(['GET /api/v1/usage/explore', 'POST /api/v1/uploads', 'DELETE /api/v1/keys/[id]', 'PUT /api/v1/whatif/scenarios/[id]', 'DELETE /api/v1/workspace']));
    expect(loaded.filter((r) => r.method !== 'GET').length).toBeGreaterThanOrEqual(18);
  });

  const getFiles = routeFiles().filter((f) => /export const GET\b/.test(fs.readFileSync(f, 'utf8')));
  const GET_ROUTES = getFiles.map(urlPathOf);
  // A route that reads no query string gets the guard's `workspace` and one stray parameter; the rest get them all.
  const readsQuery = new Map(getFiles.map((f, i) => [GET_ROUTES[i]!, /parseQuery|searchParams/.test(fs.readFileSync(f, 'utf8'))]));
  let untouched: Awaited<ReturnType<typeof fingerprint>>;

  test.each(GET_ROUTES)('injection in every query parameter (and path id) of GET %s: 200 or 400, never 500', async (urlPath) => {
    untouched ??= await fingerprint();
    const r = loaded.find((x) => x.method === 'GET' && x.urlPath === urlPath)!;
    const headers = { cookie, host: 'frontier.test' };
    const bad: string[] = [];
    for (const payload of PAYLOADS) {
      for (const param of readsQuery.get(urlPath) ? PARAMS : ['workspace', 'q']) {
        const res = await call(r, null, `?${param}=${enc(payload)}`, headers);
        const allowed = param === 'workspace' ? [200, 400, 403] : [200, 400];
        if (!allowed.includes(res.status)) bad.push(`?${param}=${payload.slice(0, 40)}: ${res.status} ${(await res.text()).slice(0, 200)}`);
        else if (res.status === 400) expect((await res.json()).error.code).toBe('bad_request');
      }
      if (r.idParam) {
        const res = await call(r, payload, '', headers);
        if (![400, 404].includes(res.status)) bad.push(`id ${payload.slice(0, 40)}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 600_000);

  test('none of those requests changed anything', async () => {
    expect(untouched).toBeDefined();
    expect(await fingerprint()).toEqual(untouched);
  });

  test('CSRF: every mutation with a valid session cookie but no Origin, or a foreign one, is refused 403', async () => {
    const before = await fingerprint();
    const forged: Record<string, Record<string, string>> = {
      'no Origin': { cookie, host: 'frontier.test' },
      'foreign Origin': { cookie, host: 'frontier.test', origin: 'https://evil.example' },
      'Origin null': { cookie, host: 'frontier.test', origin: 'null' },
      'cross-site fetch without Origin': { cookie, host: 'frontier.test', 'sec-fetch-site': 'cross-site' },
      'look-alike host': { cookie, host: 'frontier.test', origin: 'http://frontier.test.evil.example' },
      // Without FRONTIER_TRUST_PROXY a client's own x-forwarded-host is not believed.
      'forged x-forwarded-host': { cookie, host: 'frontier.test', origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    };
    const got: string[] = [];
    const mutations = loaded.filter((r) => r.method !== 'GET');
    for (const r of mutations) {
      for (const [how, headers] of Object.entries(forged)) {
        const res = await call(r, null, '?filename=x.csv&asOf=2024-06-19', { ...headers, 'content-type': 'application/json' }, r.method === 'DELETE' ? undefined : '{"name":"csrf","role":"viewer"}');
        const code = res.status === 403 ? (await res.json()).error.message : '';
        got.push(`${r.method} ${r.urlPath} (${how}): ${res.status} ${code}`);
      }
    }
    expect(got.filter((g) => !/: 403 Cross-site request refused/.test(g))).toEqual([]);
    expect(got.length).toBe(mutations.length * Object.keys(forged).length);
    expect(await fingerprint()).toEqual(before);
    // The same request from our own page goes through: the refusal above is the Origin check, not something else.
    const keys = mutations.find((r) => r.method === 'POST' && r.urlPath === '/api/v1/keys')!;
    expect((await call(keys, null, '', { cookie, host: 'frontier.test', origin: ORIGIN, 'content-type': 'application/json' }, '{"name":"same-origin","role":"viewer"}')).status).toBe(201);
  });

  test('x-forwarded-host is believed only with FRONTIER_TRUST_PROXY=1', async () => {
    const keys = loaded.find((r) => r.method === 'POST' && r.urlPath === '/api/v1/keys')!;
    const headers = { cookie, host: '127.0.0.1:3000', origin: 'https://frontier.example.com', 'x-forwarded-host': 'frontier.example.com', 'content-type': 'application/json' };
    expect((await call(keys, null, '', headers, '{"name":"behind proxy","role":"viewer"}')).status).toBe(403);
    process.env.FRONTIER_TRUST_PROXY = '1';
    expect((await call(keys, null, '', headers, '{"name":"behind proxy","role":"viewer"}')).status).toBe(201);
  });

  test('clientIp: forwarded headers only behind a trusted proxy, and then its own hop', () => {
    const h = new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7', 'x-real-ip': '198.51.100.1' });
    expect(clientIp(h)).toBeNull();
    process.env.FRONTIER_TRUST_PROXY = '1';
    expect(clientIp(h)).toBe('203.0.113.7');
    expect(clientIp(new Headers({ 'x-real-ip': '198.51.100.1' }))).toBe('198.51.100.1');
    expect(clientIp(new Headers())).toBeNull();
    process.env.FRONTIER_TRUST_PROXY = 'true';
    expect(clientIp(h)).toBeNull();
  });

  test('brute force: per account always; per IP only when the address is known', async () => {
    const hash = (await import('@/lib/auth/crypto')).hashPassword;
    const { createUser } = await import('@/db/queries/accounts');
    const passwordHash = await hash(PASSWORD);
    const users = Array.from({ length: 8 }, (_, i) => `bf${i}@example.com`);
    for (const email of users) await createUser(t.db, { email, passwordHash });
    const wrong = (email: string, ip: string | null) => signIn(t.db, { email, password: 'wrong password!', ip, userAgent: 'x' }).then(() => 'ok', (e: Error) => e.message);
    // An unknown address is no shared bucket: failures spread over accounts lock none of the others.
    for (let i = 0; i <= MAX_FAILURES_PER_IP; i++) await wrong(`nobody${i}@example.com`, null);
    expect((await signIn(t.db, { email: users[0]!, password: PASSWORD, ip: null, userAgent: 'x' })).token).toMatch(/^fs_/);
    // Per account, whatever the address.
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await wrong(users[1]!, `10.0.0.${i}`);
    expect(await wrong(users[1]!, '10.9.9.9')).toBe('Too many failed sign-ins. Wait 15 minutes and try again.');
    await expect(signIn(t.db, { email: users[1]!, password: PASSWORD, ip: null, userAgent: 'x' })).rejects.toThrow('Too many failed sign-ins');
    // Per IP: one address spraying many accounts is stopped, another address is not.
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await wrong(`spray${i}@example.com`, '192.0.2.66');
    expect(await wrong(users[2]!, '192.0.2.66')).toBe('Too many failed sign-ins. Wait 15 minutes and try again.');
    expect((await signIn(t.db, { email: users[2]!, password: PASSWORD, ip: '192.0.2.1', userAgent: 'x' })).token).toMatch(/^fs_/);
  });
});
