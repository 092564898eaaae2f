import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as audit from '@/app/api/v1/audit/route';
import * as keyById from '@/app/api/v1/keys/[id]/route';
import * as keys from '@/app/api/v1/keys/route';
import * as me from '@/app/api/v1/me/route';
import * as members from '@/app/api/v1/members/route';
import * as eloPrice from '@/app/api/v1/models/elo-price/route';
import * as usageSummary from '@/app/api/v1/usage/summary/route';
import * as overview from '@/app/api/v1/overview/route';
import * as usageExplore from '@/app/api/v1/usage/explore/route';
import * as usageOptions from '@/app/api/v1/usage/options/route';
import * as reconciliation from '@/app/api/v1/usage/reconciliation/route';
import * as unmapped from '@/app/api/v1/models/unmapped/route';
import * as discounts from '@/app/api/v1/prices/discounts/route';
import * as reprice from '@/app/api/v1/prices/reprice/route';
import * as prices from '@/app/api/v1/prices/route';
import * as tokensCompare from '@/app/api/v1/tokens/compare/route';
import * as tokenProfileById from '@/app/api/v1/tokens/profiles/[id]/route';
import * as tokenProfiles from '@/app/api/v1/tokens/profiles/route';
import * as uploadById from '@/app/api/v1/uploads/[id]/route';
import * as uploadsRoute from '@/app/api/v1/uploads/route';
import * as workspace from '@/app/api/v1/workspace/route';
import * as whatifOptions from '@/app/api/v1/whatif/options/route';
import * as whatif from '@/app/api/v1/whatif/route';
import * as scenarioById from '@/app/api/v1/whatif/scenarios/[id]/route';
import * as scenariosRoute from '@/app/api/v1/whatif/scenarios/route';
import * as reportsRoute from '@/app/api/v1/reports/route';
import * as reportById from '@/app/api/v1/reports/[id]/route';
import * as reportDiff from '@/app/api/v1/reports/[id]/diff/route';
import * as reportExport from '@/app/api/v1/reports/[id]/export/route';
import * as reportLive from '@/app/api/v1/reports/[id]/live/route';
import * as reportRefresh from '@/app/api/v1/reports/[id]/refresh/route';
import * as reportShares from '@/app/api/v1/reports/[id]/shares/route';
import * as reportShareById from '@/app/api/v1/reports/[id]/shares/[shareId]/route';
import { createReport, refreshReport } from '@/lib/reports/service';
import { createShare } from '@/lib/reports/shares';
import { useDatabaseForTests } from '@/db';
import { addMembership, createUser, createWorkspace } from '@/db/queries/accounts';
import { loadDemoUsage } from '@/db/queries/demo';
import { insertSession } from '@/db/queries/sessions';
import { createTokenProfile } from '@/db/queries/token-profiles';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { hashPassword, tokenHash } from '@/lib/auth/crypto';
import type { Role } from '@/lib/auth/roles';
import { createApiKey, revokeKey, setupFirstOwner, signIn } from '@/lib/auth/service';
import { saveScenario } from '@/lib/whatif/service';

/**
 * The authorization matrix: every /api/v1 route × every kind of caller, asserting the status code and that no
 * row of workspace A ever reaches a member of workspace B.
 */
type Caller = { name: string; headers: Record<string, string>; role: Role | null; kind: 'user' | 'key' | 'none' };
type RouteCase = {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  minRole: Role;
  call: (req: Request) => Promise<Response>;
  ok: number;
  body?: () => unknown;
  rawBody?: () => string;
  allowKeys?: boolean;
};

const ORIGIN = 'http://frontier.test';
const PASSWORD = 'correct horse battery staple';

describe.each(testEngines())('authorization matrix on %s', (engine) => {
  let t: TestDatabase;
  const callers: Record<string, Caller> = {};
  let slugA = '';
  let slugB = '';
  let wsA = '';
  let ownerA = '';
  let routes: RouteCase[] = [];
  let keyToRevoke: () => Promise<string>;
  let uploadIdA = '';
  let scenarioIdA = '';
  let reportIdA = '';
  let profileIdA = '';
  const profileInput = (name: string) => ({ name, sourceTokenizer: 'cl100k_base' as const, targetTokenizer: 'llama3' as const, samples: 3, input: { ratio: '0.9', lower: '0.8', upper: '1.0' } });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    const setup = await setupFirstOwner(t.db, { email: 'owner-a@example.com', password: PASSWORD, workspaceName: 'Acme', withDemo: false });
    slugA = setup.workspace.slug;
    wsA = setup.workspace.id;
    ownerA = setup.user.id;
    await loadDemoUsage(t.db, wsA, '2026-10-31');
    scenarioIdA = await saveScenario(t.db, wsA, { name: 'A scenario', spec: { targets: [{ id: 'a', kind: 'api', model: 'llama-3-70b-instruct', provider: 'groq' }] } });
    uploadIdA = (await t.db.execute(sql`select id from uploads where workspace_id = ${wsA} limit 1`) as unknown as { rows: { id: string }[] }).rows[0]!.id;
    profileIdA = (await createTokenProfile(t.db, wsA, profileInput('matrix profile'), null)).id;
    const hash = await hashPassword(PASSWORD);
    for (const role of ['editor', 'viewer'] as const) {
      const u = await createUser(t.db, { email: `${role}-a@example.com`, passwordHash: hash });
      await addMembership(t.db, wsA, u.id, role);
    }
    const ownerB = await createUser(t.db, { email: 'owner-b@example.com', passwordHash: hash });
    const b = await createWorkspace(t.db, { slug: 'globex', name: 'Globex', ownerId: ownerB.id });
    slugB = b.slug;
    await loadDemoUsage(t.db, b.id, '2026-06-30');

    const session = async (email: string) => (await signIn(t.db, { email, password: PASSWORD, ip: '10.0.0.1', userAgent: 'vitest' })).token;
    const cookie = (token: string) => ({ cookie: `frontier_session=${token}`, origin: ORIGIN, host: 'frontier.test' });
    callers.anonymous = { name: 'anonymous', headers: { origin: ORIGIN, host: 'frontier.test' }, role: null, kind: 'none' };
    callers.owner = { name: 'owner', headers: cookie(await session('owner-a@example.com')), role: 'owner', kind: 'user' };
    callers.editor = { name: 'editor', headers: cookie(await session('editor-a@example.com')), role: 'editor', kind: 'user' };
    callers.viewer = { name: 'viewer', headers: cookie(await session('viewer-a@example.com')), role: 'viewer', kind: 'user' };
    callers.otherWorkspace = { name: 'member of B asking for A', headers: { ...cookie(await session('owner-b@example.com')), 'x-frontier-workspace': slugA }, role: null, kind: 'user' };
    const expiredToken = 'fs_expired-session-token-for-tests-0000000000';
    await insertSession(t.db, { tokenHash: tokenHash(expiredToken), userId: ownerA, ip: null, userAgent: null });
    await t.db.execute(sql`update sessions set expires_at = now() - interval '1 minute' where token_hash = ${tokenHash(expiredToken)}`);
    callers.expiredSession = { name: 'expired session', headers: cookie(expiredToken), role: null, kind: 'none' };
    const actor = { userId: ownerA, label: 'owner-a@example.com' };
    const viewerKey = await createApiKey(t.db, wsA, actor, { name: 'viewer key', role: 'viewer' });
    const editorKey = await createApiKey(t.db, wsA, actor, { name: 'editor key', role: 'editor' });
    const revoked = await createApiKey(t.db, wsA, actor, { name: 'revoked key', role: 'editor' });
    await revokeKey(t.db, wsA, actor, revoked.id);
    callers.viewerKey = { name: 'viewer key', headers: { authorization: `Bearer ${viewerKey.key}` }, role: 'viewer', kind: 'key' };
    callers.editorKey = { name: 'editor key', headers: { authorization: `Bearer ${editorKey.key}` }, role: 'editor', kind: 'key' };
    callers.revokedKey = { name: 'revoked key', headers: { authorization: `Bearer ${revoked.key}` }, role: null, kind: 'none' };
    callers.garbageKey = { name: 'malformed bearer', headers: { authorization: 'Bearer fk_not-a-real-key' }, role: null, kind: 'none' };
    keyToRevoke = async () => (await createApiKey(t.db, wsA, actor, { name: `to revoke ${Math.random()}`, role: 'viewer' })).id;

    reportIdA = (await createReport(t.db, wsA, ownerA, { title: 'Matrix report', source: { kind: 'usage', params: 'preset=7d' } })).id;
    await refreshReport(t.db, wsA, reportIdA, ownerA);
    const reportParams = (r: Request) => ({ params: Promise.resolve({ id: new URL(r.url).pathname.split('/')[4]! }) });
    let n = 0;
    routes = [
      { name: 'GET /api/v1/me', method: 'GET', path: '/api/v1/me', minRole: 'viewer', call: (r) => me.GET(r), ok: 200 },
      { name: 'GET /api/v1/workspace', method: 'GET', path: '/api/v1/workspace', minRole: 'viewer', call: (r) => workspace.GET(r), ok: 200 },
      { name: 'GET /api/v1/models/elo-price', method: 'GET', path: '/api/v1/models/elo-price?elo=2024-06-19&prices=2024-06-17', minRole: 'viewer', call: (r) => eloPrice.GET(r), ok: 200 },
      { name: 'GET /api/v1/usage/summary', method: 'GET', path: '/api/v1/usage/summary', minRole: 'viewer', call: (r) => usageSummary.GET(r), ok: 200 },
      { name: 'GET /api/v1/overview', method: 'GET', path: '/api/v1/overview?by=project', minRole: 'viewer', call: (r) => overview.GET(r), ok: 200 },
      { name: 'GET /api/v1/usage/explore', method: 'GET', path: '/api/v1/usage/explore?preset=all&groupBy=project', minRole: 'viewer', call: (r) => usageExplore.GET(r), ok: 200 },
      { name: 'GET /api/v1/usage/options', method: 'GET', path: '/api/v1/usage/options?from=2026-10-01&to=2026-10-31', minRole: 'viewer', call: (r) => usageOptions.GET(r), ok: 200 },
      { name: 'GET /api/v1/usage/reconciliation', method: 'GET', path: '/api/v1/usage/reconciliation?from=2026-01-01&to=2026-12-31', minRole: 'viewer', call: (r) => reconciliation.GET(r), ok: 200 },
      { name: 'GET /api/v1/keys', method: 'GET', path: '/api/v1/keys', minRole: 'owner', call: (r) => keys.GET(r), ok: 200 },
      { name: 'POST /api/v1/keys', method: 'POST', path: '/api/v1/keys', minRole: 'owner', call: (r) => keys.POST(r), ok: 201, body: () => ({ name: `k${n++}`, role: 'viewer' }) },
      { name: 'GET /api/v1/members', method: 'GET', path: '/api/v1/members', minRole: 'owner', call: (r) => members.GET(r), ok: 200 },
      { name: 'POST /api/v1/members', method: 'POST', path: '/api/v1/members', minRole: 'owner', call: (r) => members.POST(r), ok: 201, body: () => ({ email: `new${n++}@example.com`, role: 'viewer' }) },
      { name: 'GET /api/v1/audit', method: 'GET', path: '/api/v1/audit', minRole: 'owner', call: (r) => audit.GET(r), ok: 200 },
      { name: 'GET /api/v1/uploads', method: 'GET', path: '/api/v1/uploads', minRole: 'viewer', call: (r) => uploadsRoute.GET(r), ok: 200 },
      {
        name: 'POST /api/v1/uploads', method: 'POST', path: '/api/v1/uploads?filename=u.csv', minRole: 'editor', call: (r) => uploadsRoute.POST(r), ok: 201,
        rawBody: () => `start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,input_tokens,output_tokens\n1719792000,1719878400,,,p${n++},1,gpt-3.5-turbo-0125,10,10\n`,
      },
      { name: 'GET /api/v1/prices', method: 'GET', path: '/api/v1/prices?date=2026-10-01', minRole: 'viewer', call: (r) => prices.GET(r), ok: 200 },
      { name: 'GET /api/v1/prices/reprice', method: 'GET', path: '/api/v1/prices/reprice', minRole: 'viewer', call: (r) => reprice.GET(r), ok: 200 },
      { name: 'POST /api/v1/prices/reprice', method: 'POST', path: '/api/v1/prices/reprice', minRole: 'editor', call: (r) => reprice.POST(r), ok: 200 },
      {
        name: 'POST /api/v1/prices/discounts', method: 'POST', path: '/api/v1/prices/discounts', minRole: 'editor', call: (r) => discounts.POST(r), ok: 201,
        body: () => ({ providerId: 'openai', percent: '0', effectiveFrom: `2020-01-${String(1 + (n++ % 28)).padStart(2, '0')}` }),
      },
      { name: 'GET /api/v1/models/unmapped', method: 'GET', path: '/api/v1/models/unmapped', minRole: 'viewer', call: (r) => unmapped.GET(r), ok: 200 },
      {
        name: 'POST /api/v1/whatif', method: 'POST', path: '/api/v1/whatif', minRole: 'viewer', call: (r) => whatif.POST(r), ok: 200, allowKeys: true,
        body: () => ({ workloads: { models: ['gpt-3.5'] }, targets: [{ id: 'groq', kind: 'api', model: 'llama-3-70b-instruct', provider: 'openrouter' }] }),
      },
      { name: 'GET /api/v1/whatif/options', method: 'GET', path: '/api/v1/whatif/options', minRole: 'viewer', call: (r) => whatifOptions.GET(r), ok: 200 },
      { name: 'GET /api/v1/whatif/scenarios', method: 'GET', path: '/api/v1/whatif/scenarios', minRole: 'viewer', call: (r) => scenariosRoute.GET(r), ok: 200 },
      {
        name: 'POST /api/v1/whatif/scenarios', method: 'POST', path: '/api/v1/whatif/scenarios', minRole: 'editor', call: (r) => scenariosRoute.POST(r), ok: 201,
        body: () => ({ name: `s${n++}`, spec: { targets: [{ id: 'a', kind: 'api', model: 'llama-3-70b-instruct', provider: 'groq' }] } }),
      },
      {
        name: 'GET /api/v1/whatif/scenarios/:id', method: 'GET', path: '/api/v1/whatif/scenarios/:scenario', minRole: 'viewer', ok: 200,
        call: (r) => scenarioById.GET(r, { params: Promise.resolve({ id: new URL(r.url).pathname.split('/').pop()! }) }),
      },
      {
        name: 'GET /api/v1/uploads/:id', method: 'GET', path: '/api/v1/uploads/:upload', minRole: 'viewer', ok: 200,
        call: (r) => uploadById.GET(r, { params: Promise.resolve({ id: new URL(r.url).pathname.split('/').pop()! }) }),
      },
      { name: 'GET /api/v1/reports', method: 'GET', path: '/api/v1/reports', minRole: 'viewer', call: (r) => reportsRoute.GET(r), ok: 200 },
      { name: 'POST /api/v1/reports', method: 'POST', path: '/api/v1/reports', minRole: 'editor', call: (r) => reportsRoute.POST(r), ok: 201, body: () => ({ title: `r${n++}`, source: { kind: 'usage', params: 'preset=7d' } }) },
      { name: 'GET /api/v1/reports/:id', method: 'GET', path: '/api/v1/reports/:report', minRole: 'viewer', call: (r) => reportById.GET(r, reportParams(r)), ok: 200 },
      { name: 'GET /api/v1/reports/:id/live', method: 'GET', path: '/api/v1/reports/:report/live', minRole: 'viewer', call: (r) => reportLive.GET(r, reportParams(r)), ok: 200 },
      { name: 'GET /api/v1/reports/:id/diff', method: 'GET', path: '/api/v1/reports/:report/diff?to=2', minRole: 'viewer', call: (r) => reportDiff.GET(r, reportParams(r)), ok: 200 },
      { name: 'POST /api/v1/reports/:id/refresh', method: 'POST', path: '/api/v1/reports/:report/refresh', minRole: 'editor', call: (r) => reportRefresh.POST(r, reportParams(r)), ok: 201 },
      { name: 'GET /api/v1/reports/:id/export', method: 'GET', path: '/api/v1/reports/:report/export?format=csv', minRole: 'viewer', call: (r) => reportExport.GET(r, reportParams(r)), ok: 200 },
      { name: 'GET /api/v1/reports/:id/shares', method: 'GET', path: '/api/v1/reports/:report/shares', minRole: 'editor', call: (r) => reportShares.GET(r, reportParams(r)), ok: 200 },
      { name: 'POST /api/v1/reports/:id/shares', method: 'POST', path: '/api/v1/reports/:report/shares', minRole: 'editor', call: (r) => reportShares.POST(r, reportParams(r)), ok: 201, body: () => ({ expiresInDays: 7 }) },
      { name: 'POST /api/v1/tokens/compare', method: 'POST', path: '/api/v1/tokens/compare?from=cl100k_base&to=llama3', minRole: 'viewer', call: (r) => tokensCompare.POST(r), ok: 200, body: () => ({ text: 'hello world' }) },
      { name: 'GET /api/v1/tokens/profiles', method: 'GET', path: '/api/v1/tokens/profiles', minRole: 'viewer', call: (r) => tokenProfiles.GET(r), ok: 200 },
      { name: 'POST /api/v1/tokens/profiles', method: 'POST', path: '/api/v1/tokens/profiles', minRole: 'editor', call: (r) => tokenProfiles.POST(r), ok: 201, body: () => profileInput(`p${n++}`) },
      {
        name: 'GET /api/v1/tokens/profiles/:id', method: 'GET', path: '/api/v1/tokens/profiles/:profile', minRole: 'viewer', ok: 200,
        call: (r) => tokenProfileById.GET(r, { params: Promise.resolve({ id: new URL(r.url).pathname.split('/').pop()! }) }),
      },
    ];
  });

  afterAll(async () => {
    await t?.destroy();
  });

  const request = (route: RouteCase, caller: Caller, extra: Record<string, string> = {}) =>
    new Request(`${ORIGIN}${route.path.replace(':upload', uploadIdA).replace(':scenario', scenarioIdA).replace(':report', reportIdA).replace(':profile', profileIdA)}`, {
      method: route.method,
      headers: { ...caller.headers, ...(route.body ? { 'content-type': 'application/json' } : {}), ...extra },
      body: route.body ? JSON.stringify(route.body()) : route.rawBody ? route.rawBody() : undefined,
    });

  function expected(route: RouteCase, caller: Caller): number {
    if (caller.kind === 'none') return 401;
    if (caller.role === null) return 403; // a member of another workspace
    const order: Role[] = ['viewer', 'editor', 'owner'];
    return order.indexOf(caller.role) >= order.indexOf(route.minRole) ? route.ok : 403;
  }

  test('every route answers every caller with the right status', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const route of routes) {
      for (const caller of Object.values(callers)) {
        const res = await route.call(request(route, caller));
        got.push(`${route.name} as ${caller.name}: ${res.status}`);
        want.push(`${route.name} as ${caller.name}: ${expected(route, caller)}`);
        if (res.status >= 400) expect((await res.json()).error.code).toMatch(/^(unauthorized|forbidden)$/);
      }
    }
    expect(got).toEqual(want);
  }, 300_000); // every route × every caller, one after another: minutes on Postgres on a busy 2-core machine

  test('DELETE /api/v1/keys/:id: owner revokes; editor and keys cannot; a revoked key dies at once', async () => {
    const del = (caller: Caller, id: string) => keyById.DELETE(new Request(`${ORIGIN}/api/v1/keys/${id}`, { method: 'DELETE', headers: caller.headers }), { params: Promise.resolve({ id }) });
    for (const c of ['anonymous', 'revokedKey', 'expiredSession']) expect((await del(callers[c]!, await keyToRevoke())).status).toBe(401);
    for (const c of ['viewer', 'editor', 'viewerKey', 'editorKey', 'otherWorkspace']) expect((await del(callers[c]!, await keyToRevoke())).status).toBe(403);
    expect((await del(callers.owner!, await keyToRevoke())).status).toBe(204);
    // Revoke the editor key the matrix used: its next call is refused.
    const k = await createApiKey(t.db, wsA, { userId: ownerA, label: 'x' }, { name: 'short-lived', role: 'editor' });
    const asKey = { name: 'k', headers: { authorization: `Bearer ${k.key}` }, role: 'editor' as const, kind: 'key' as const };
    expect((await me.GET(new Request(`${ORIGIN}/api/v1/me`, { headers: asKey.headers }))).status).toBe(200);
    expect((await del(callers.owner!, k.id)).status).toBe(204);
    expect((await me.GET(new Request(`${ORIGIN}/api/v1/me`, { headers: asKey.headers }))).status).toBe(401);
  });

  test('DELETE a report and a share link: editors and editor keys only; another workspace gets 403', async () => {
    const report = async () => (await createReport(t.db, wsA, ownerA, { title: 'to delete', source: { kind: 'usage', params: 'preset=7d' } })).id;
    const delReport = (caller: Caller, id: string) => reportById.DELETE(new Request(`${ORIGIN}/api/v1/reports/${id}`, { method: 'DELETE', headers: caller.headers }), { params: Promise.resolve({ id }) });
    const delShare = async (caller: Caller, id: string) => {
      const shareId = (await createShare(t.db, wsA, id, ownerA, {})).id;
      return reportShareById.DELETE(new Request(`${ORIGIN}/api/v1/reports/${id}/shares/${shareId}`, { method: 'DELETE', headers: caller.headers }), { params: Promise.resolve({ id, shareId }) });
    };
    const id = await report();
    for (const c of ['anonymous', 'revokedKey', 'expiredSession']) {
      expect((await delReport(callers[c]!, id)).status).toBe(401);
      expect((await delShare(callers[c]!, id)).status).toBe(401);
    }
    for (const c of ['viewer', 'viewerKey', 'otherWorkspace']) {
      expect((await delReport(callers[c]!, id)).status).toBe(403);
      expect((await delShare(callers[c]!, id)).status).toBe(403);
    }
    for (const c of ['editor', 'editorKey', 'owner']) expect((await delShare(callers[c]!, id)).status).toBe(204);
    expect((await delReport(callers.editorKey!, id)).status).toBe(204);
    expect((await delReport(callers.editor!, id)).status).toBe(404);
    expect((await delReport(callers.owner!, await report())).status).toBe(204);
  });

  test('DELETE /api/v1/tokens/profiles/:id: editors and owners delete; viewers cannot; B cannot see or delete A\'s', async () => {
    const fresh = async () => (await createTokenProfile(t.db, wsA, profileInput(`to delete ${Math.random()}`), null)).id;
    const del = (caller: Caller, id: string) => tokenProfileById.DELETE(new Request(`${ORIGIN}/api/v1/tokens/profiles/${id}`, { method: 'DELETE', headers: caller.headers }), { params: Promise.resolve({ id }) });
    for (const c of ['anonymous', 'revokedKey', 'expiredSession']) expect((await del(callers[c]!, await fresh())).status).toBe(401);
    for (const c of ['viewer', 'viewerKey', 'otherWorkspace']) expect((await del(callers[c]!, await fresh())).status).toBe(403);
    for (const c of ['editor', 'editorKey', 'owner']) expect((await del(callers[c]!, await fresh())).status).toBe(204);
    const { 'x-frontier-workspace': _drop, ...bHeaders } = callers.otherWorkspace!.headers;
    const asB = { ...callers.otherWorkspace!, headers: bHeaders };
    expect((await del(asB, profileIdA)).status).toBe(404);
    const listB = await (await tokenProfiles.GET(new Request(`${ORIGIN}/api/v1/tokens/profiles`, { headers: bHeaders }))).json();
    expect(listB.profiles).toEqual([]);
    expect((await tokenProfileById.GET(new Request(`${ORIGIN}/api/v1/tokens/profiles/${profileIdA}`, { headers: bHeaders }), { params: Promise.resolve({ id: profileIdA }) })).status).toBe(404);
  });

  test('no row of workspace A reaches a member of B; B sees its own numbers', async () => {
    const get = (caller: Caller, extra: Record<string, string> = {}) =>
      usageSummary.GET(new Request(`${ORIGIN}/api/v1/usage/summary`, { headers: { ...caller.headers, ...extra } }));
    const a = await (await get(callers.viewer!)).json();
    const { 'x-frontier-workspace': _drop, ...bHeaders } = callers.otherWorkspace!.headers;
    const bCaller = { ...callers.otherWorkspace!, headers: bHeaders };
    const bRes = await get(bCaller);
    expect(bRes.status).toBe(200);
    const b = await bRes.json();
    expect(a.to).toBe('2026-10-31');
    expect(b.to).toBe('2026-06-30');
    expect(b.totals.computedCostUsd).not.toBe(a.totals.computedCostUsd);
    expect(JSON.stringify(b)).not.toContain(slugA);
    // Asking for A by slug (query or header) is refused, as is a key of A asking for B.
    expect((await usageSummary.GET(new Request(`${ORIGIN}/api/v1/usage/summary?workspace=${slugA}`, { headers: bHeaders }))).status).toBe(403);
    expect((await get(callers.viewerKey!, { 'x-frontier-workspace': slugB })).status).toBe(403);
    const meB = await (await me.GET(new Request(`${ORIGIN}/api/v1/me`, { headers: bHeaders }))).json();
    expect(meB.workspaces.map((w: { slug: string }) => w.slug)).toEqual([slugB]);
  });

  test('the demo usage is costed exactly: totals reconcile to the cent with a per-row recomputation', async () => {
    const a = await (await usageSummary.GET(new Request(`${ORIGIN}/api/v1/usage/summary?groupBy=project`, { headers: callers.viewer!.headers }))).json();
    const [row] = (await t.db.execute(sql`select count(*) filter (where cost is null)::int as uncosted,
      sum(round(((input_tokens - cached_input_tokens) * 0.5 + output_tokens * 1.5) / 1000000, 10))::numeric(20,2)::text as gpt35
      from usage where workspace_id = ${wsA} and model_id = 'gpt-3.5-turbo-0125'`) as unknown as { rows: { uncosted: number; gpt35: string }[] }).rows;
    expect(row!.uncosted).toBe(0);
    const [c] = (await t.db.execute(sql`select sum(cost)::numeric(20,2)::text as c from usage where workspace_id = ${wsA} and model_id = 'gpt-3.5-turbo-0125'`) as unknown as { rows: { c: string }[] }).rows;
    expect(c!.c).toBe(row!.gpt35);
    expect(Number(a.totals.computedCostUsd)).toBeGreaterThan(1000);
    expect(a.groups.map((p: { key: string }) => p.key).filter((k: string) => !/^p\d+$/.test(k)).sort()).toEqual(['code-review', 'doc-summarizer', 'search-rag', 'support-bot']);
    // The rollup the summary reads agrees with the rows to the last digit.
    const [u] = (await t.db.execute(sql`select sum(cost)::text as c from usage where workspace_id = ${wsA}`) as unknown as { rows: { c: string }[] }).rows;
    expect(Number(u!.c)).toBe(Number(a.totals.computedCostUsd));
  });

  test('cookie-authenticated mutations need our Origin (CSRF); bearer keys do not', async () => {
    const post = (headers: Record<string, string>) => keys.POST(new Request(`${ORIGIN}/api/v1/keys`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'csrf', role: 'viewer' }),
    }));
    const { origin: _o, ...noOrigin } = callers.owner!.headers;
    expect((await post(noOrigin)).status).toBe(403);
    expect((await post({ ...noOrigin, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ ...noOrigin, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await post(callers.owner!.headers)).status).toBe(201);
  });

  test('DELETE /api/v1/workspace: only an owner, and it takes the workspace data with it', async () => {
    const del = (caller: Caller) => workspace.DELETE(new Request(`${ORIGIN}/api/v1/workspace`, { method: 'DELETE', headers: caller.headers }));
    expect((await del(callers.editor!)).status).toBe(403);
    expect((await del(callers.editorKey!)).status).toBe(403);
    expect((await del(callers.anonymous!)).status).toBe(401);
    expect((await del(callers.owner!)).status).toBe(204);
    const [r] = (await t.db.execute(sql`select count(*)::int as n from usage where workspace_id = ${wsA}`) as unknown as { rows: { n: number }[] }).rows;
    expect(r!.n).toBe(0);
    expect((await me.GET(new Request(`${ORIGIN}/api/v1/me`, { headers: callers.viewerKey!.headers }))).status).toBe(401);
  });
});
