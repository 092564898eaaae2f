import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useDatabaseForTests } from '@/db';
import { rows } from '@/db/client';
import { loadDemoUsage } from '@/db/queries/demo';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { createApiKey, setupFirstOwner, signIn } from '@/lib/auth/service';
import type { LoadedRoute } from '../helpers/api-routes';
import { loadRoutes, routeFiles, urlPathOf } from '../helpers/api-routes';
import { BAD_IDS, BAD_JSON, BAD_QUERY, SAMPLES } from '../helpers/api-samples';
import type { Sample } from '../helpers/api-samples';

/**
 * Values that are well formed but wrong (a 30th of February, an int past 2^31, a uuid that is not one, a price with
 * 40 digits, unicode digits...) in every parameter of every route under app/api/v1, one at a time, on top of a
 * request that works: each answer is below 500, a 4xx carries the error envelope, and every answer says
 * `Cache-Control: no-store`. Routes are found on disk; one with no sample in helpers/api-samples.ts fails the
 * first test, so a new route cannot go unfuzzed.
 */
const ORIGIN = 'http://frontier.test';
const PASSWORD = 'correct horse battery staple';
const ZERO = '00000000-0000-0000-0000-000000000000';

const enc = (s: string) => [...s].map((c) => (/^[\ud800-\udfff]$/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
const keyOf = (r: LoadedRoute) => `${r.method} ${r.urlPath}`;

/** Every leaf of a JSON value with its path; arrays by index. */
function leaves(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...at, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...at, k]));
  return at.length ? [at] : [];
}
function withLeaf(v: unknown, at: (string | number)[], value: unknown): unknown {
  if (!at.length) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[at[0]!] = withLeaf(copy[at[0]!], at.slice(1), value);
  return copy;
}

describe.each(testEngines())('invalid but well-formed parameters in every /api/v1 route on %s', (engine) => {
  let t: TestDatabase;
  let cookie = '';
  const ids: Record<string, string> = {};
  let routes: LoadedRoute[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    const setup = await setupFirstOwner(t.db, { email: 'owner@example.com', password: PASSWORD, workspaceName: 'Acme', withDemo: false });
    await loadDemoUsage(t.db, setup.workspace.id, '2026-10-31');
    cookie = `frontier_session=${(await signIn(t.db, { email: 'owner@example.com', password: PASSWORD, ip: null, userAgent: 'vitest' })).token}`;
    routes = await loadRoutes();
    const make = async (key: string, body: unknown, pick: (j: Record<string, unknown>) => string, urlPath = key.split(' ')[1]!) => {
      const r = routes.find((x) => keyOf(x) === key)!;
      const res = await call(r, { body, path: urlPath });
      if (res.status >= 300) throw new Error(`${key}: ${res.status} ${await res.text()}`);
      return pick(await res.json());
    };
    ids.reports = await make('POST /api/v1/reports', { title: 'R', source: { kind: 'usage', params: 'from=2026-10-01&to=2026-10-20' } }, (j) => j.id as string);
    await make('POST /api/v1/reports/[id]/refresh', undefined, (j) => String(j.version), `/api/v1/reports/${ids.reports}/refresh`);
    ids.shares = await make('POST /api/v1/reports/[id]/shares', { expiresInDays: 7 }, (j) => j.id as string, `/api/v1/reports/${ids.reports}/shares`);
    ids.scenarios = await make('POST /api/v1/whatif/scenarios', { name: 'S', spec: SAMPLES['POST /api/v1/whatif']!.body }, (j) => j.id as string);
    ids.profiles = await make('POST /api/v1/tokens/profiles', SAMPLES['POST /api/v1/tokens/profiles']!.body, (j) => (j.profile as { id: string }).id);
    ids.keys = (await createApiKey(t.db, setup.workspace.id, { label: 'test' }, { name: 'k', role: 'viewer' })).id;
    ids.uploads = (await rows<{ id: string }>(t.db, sql`select id from uploads where workspace_id = ${setup.workspace.id} limit 1`))[0]!.id;
    ids.snapshots = (await rows<{ id: string }>(t.db, sql`select id from quality_snapshots limit 1`))[0]!.id;
  });
  afterAll(async () => t?.destroy());

  /** Path ids: `[id]` after `reports` is a report's, `[shareId]` a share's; `over` replaces one of them. */
  function urlFor(r: LoadedRoute, over?: { param: string; value: string }): { url: string; params: Record<string, string> } {
    const params: Record<string, string> = {};
    const segs = r.urlPath.split('/');
    const url = segs.map((s, i) => {
      const m = /^\[(\w+)\]$/.exec(s);
      if (!m) return s;
      const value = over && over.param === m[1] ? over.value : m[1] === 'shareId' ? ids.shares! : (ids[segs[i - 1]!] ?? ZERO);
      params[m[1]!] = value;
      return enc(value);
    }).join('/');
    return { url, params };
  }

  function call(r: LoadedRoute, o: { query?: Record<string, string>; body?: unknown; raw?: string; contentType?: string; id?: { param: string; value: string }; path?: string; noCookie?: boolean } = {}) {
    const { url, params } = urlFor(r, o.id);
    // `{snapshots}` in a sample stands for an id made in beforeAll.
    const qs = Object.entries(o.query ?? {}).map(([k, v]) => `${k}=${enc(v.replace(/^\{(\w+)\}$/, (_, name: string) => ids[name] ?? v))}`).join('&');
    const headers: Record<string, string> = { host: 'frontier.test', origin: ORIGIN };
    if (!o.noCookie) headers.cookie = cookie;
    const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (body !== undefined) headers['content-type'] = o.contentType ?? (o.raw === undefined ? 'application/json' : 'text/csv');
    return r.fn(new Request(`${ORIGIN}${o.path ?? url}${qs ? `?${qs}` : ''}`, { method: r.method, headers, body }), { params: Promise.resolve(params) });
  }

  /** What is wrong with an answer, or null: 500s, a 4xx without the envelope, a missing no-store. */
  async function problem(res: Response): Promise<string | null> {
    const text = await res.text();
    if (!/\bno-store\b/.test(res.headers.get('cache-control') ?? '')) return `${res.status} without Cache-Control: no-store (${res.headers.get('cache-control')})`;
    if (res.status >= 500) return `${res.status} ${text.slice(0, 200)}`;
    if (res.status >= 400) {
      let code: unknown;
      try { code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code; } catch { /* reported below */ }
      // The one 4xx that is not an error: an upload of a file already ingested answers 409 with its summary.
      if (res.status === 409 && /"status":"duplicate"/.test(text)) return null;
      if (typeof code !== 'string') return `${res.status} without the error envelope: ${text.slice(0, 200)}`;
      if (res.status === 400 && code !== 'bad_request') return `400 with code ${String(code)}`;
    }
    return null;
  }

  test('every route on disk has a sample request, and each sample works', async () => {
    const onDisk = routes.map(keyOf);
    expect(onDisk.length).toBeGreaterThan(40);
    expect(new Set(routeFiles().map(urlPathOf)).size).toBe(new Set(routes.map((r) => r.urlPath)).size);
    expect(onDisk.filter((k) => !SAMPLES[k])).toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !onDisk.includes(k))).toEqual([]);
    const bad: string[] = [];
    for (const r of routes) {
      const s = SAMPLES[keyOf(r)]!;
      if (r.method === 'DELETE') continue; // fuzzed below with its ids only: the sample would delete what the rest use
      const res = await call(r, s);
      const p = await problem(res.clone());
      if (p || res.status >= 400) bad.push(`${keyOf(r)}: ${p ?? `${res.status} ${(await res.text()).slice(0, 200)}`}`);
    }
    expect(bad).toEqual([]);
  }, 600_000);

  test('every answer, 401 and 403 included, says Cache-Control: no-store', async () => {
    const bad: string[] = [];
    for (const r of routes) {
      for (const res of [await call(r, { noCookie: true }), await call(r, { query: { workspace: 'not-ours' } })]) {
        if (![401, 403].includes(res.status)) bad.push(`${keyOf(r)}: ${res.status}`);
        const p = await problem(res);
        if (p) bad.push(`${keyOf(r)}: ${p}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('GET /api/health is never cached', async () => {
    const { GET } = await import('@/app/api/health/route');
    expect((await GET()).headers.get('cache-control')).toBe('no-store');
  });

  /** One case per route and parameter (a case over a minute trips vitest's worker RPC timeout, vitest issue 8164). */
  type Case = { key: string; what: string; values: unknown[]; apply: (s: Sample, v: unknown) => Sample & { id?: { param: string; value: string } }; allowed?: number[] };
  const CASES: Case[] = Object.entries(SAMPLES).flatMap(([key, s]): Case[] => {
    const idParams = [...key.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    const ids = idParams.map((param): Case => ({ key, what: `[${param}]`, values: BAD_IDS, apply: (x, v) => ({ ...x, id: { param, value: v as string } }), allowed: [400, 404] }));
    // A DELETE's sample would delete what other cases use: only its ids are varied.
    if (key.startsWith('DELETE ')) return ids;
    const query = Object.keys(s.query ?? {}).map((k): Case => ({ key, what: `?${k}`, values: BAD_QUERY, apply: (x, v) => ({ ...x, query: { ...x.query, [k]: v as string } }) }));
    const body = s.body === undefined ? [] : leaves(s.body).map((at): Case => ({ key, what: `body.${at.join('.')}`, values: BAD_JSON, apply: (x, v) => ({ ...x, body: withLeaf(x.body, at, v) }) }));
    return [...ids, ...query, ...body];
  });

  test.each(CASES.map((c) => [`${c.key} ${c.what}`, c] as const))('%s, with each invalid value: below 500, with the envelope', async (_name, c) => {
    const r = routes.find((x) => keyOf(x) === c.key)!;
    const bad: string[] = [];
    for (const v of c.values) {
      const res = await call(r, c.apply(SAMPLES[c.key]!, v));
      const p = await problem(res);
      const label = `${c.what}=${JSON.stringify(v).slice(0, 60)}`;
      if (p) bad.push(`${label}: ${p}`);
      else if (c.allowed && !c.allowed.includes(res.status)) bad.push(`${label}: ${res.status}`);
    }
    expect(bad).toEqual([]);
  }, 600_000);
});
