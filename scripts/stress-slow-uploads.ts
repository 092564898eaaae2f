/**
 * The slow-upload check of `npm run test:stress` (see stress.ts): N uploads from one editor key send a header and a
 * row, then nothing; while they are open, /api/health and the usage summary must answer, every time, within a second.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DbHandle } from '@/db/client';
import { migrateDatabase, openDatabase } from '@/db/client';
import { seedReference } from '@/db/seed';
import { createTestDatabase } from '@/db/testing';

type App = { url: string; stop: () => Promise<void> };
type Ctx = {
  startApp: (env: Record<string, string>) => Promise<App>;
  owner: (db: DbHandle['db']) => Promise<{ ws: string; key: string }>;
  check: (ok: boolean, what: string) => void;
  log: (m: string) => void;
  sleep: (ms: number) => Promise<unknown>;
  server: 'next' | 'routes';
};

const SLOW = 10;
const PROBES = 20;
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';

/** The three routes this check calls, served by node:http in this process (no production build needed). */
async function startRoutes(h: DbHandle): Promise<App> {
  const { useDatabaseForTests } = await import('@/db');
  useDatabaseForTests(h);
  const routes: Record<string, (req: Request) => Promise<Response>> = {
    'GET /api/health': (await import('@/app/api/health/route')).GET as never,
    'GET /api/v1/usage/summary': (await import('@/app/api/v1/usage/summary/route')).GET as never,
    'POST /api/v1/uploads': (await import('@/app/api/v1/uploads/route')).POST as never,
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const fn = routes[`${req.method} ${url.pathname}`];
    if (!fn) { res.writeHead(404).end(); return; }
    const body = req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined;
    const r = await fn(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body, duplex: 'half' } as RequestInit & { duplex: 'half' }));
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

export async function slowUploads(engine: 'postgres' | 'pglite', ctx: Ctx) {
  ctx.log(`slow uploads: ${SLOW} stalled uploads from one key on ${engine} (${ctx.server === 'routes' ? 'route handlers on node:http' : 'next start'})`);
  const t = engine === 'postgres' ? await createTestDatabase('postgres') : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-stress-slow-'));
  const h = t ?? await openDatabase({ dir, purpose: 'stress' });
  if (!t) await migrateDatabase(h);
  await seedReference(h.db);
  const { key } = await ctx.owner(h.db);
  if (!t && ctx.server === 'next') await h.close();
  const app = ctx.server === 'routes' ? await startRoutes(h) : await ctx.startApp(t ? { DATABASE_URL: t.url! } : { DATABASE_URL: '', PGLITE_DIR: dir });
  const abort = new AbortController();
  try {
    const slow = Array.from({ length: SLOW }, (_, i) => fetch(`${app.url}/api/v1/uploads?filename=slow-${i}.csv`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, signal: abort.signal, duplex: 'half',
      body: new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode(`${HEADER}\n1767225600,1767312000,,,p,1,u,k,gpt-4o-mini,FALSE,default,1,1,0\n`)); } }),
    } as RequestInit & { duplex: 'half' }).then((r) => r.status, () => 0));
    await ctx.sleep(1000);
    const probe = async (p: string) => {
      const ms: number[] = [];
      const statuses: number[] = [];
      for (let i = 0; i < PROBES; i++) {
        const t0 = performance.now();
        const r = await fetch(`${app.url}${p}`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(10_000) }).then(async (x) => { await x.arrayBuffer(); return x.status; }, () => 0);
        ms.push(performance.now() - t0);
        statuses.push(r);
      }
      ms.sort((a, b) => a - b);
      return { path: p, ok: statuses.filter((s) => s === 200).length, p50: Math.round(ms[PROBES / 2]!), max: Math.round(ms.at(-1)!) };
    };
    const figures = [await probe('/api/health'), await probe('/api/v1/usage/summary')];
    for (const f of figures) {
      ctx.log(`  ${f.path} with ${SLOW} stalled uploads open: ${f.ok}/${PROBES} answered 200, p50 ${f.p50} ms, max ${f.max} ms`);
      ctx.check(f.ok === PROBES && f.max < 1000, `${engine}: ${f.path} answers (200, max < 1 s) while ${SLOW} uploads stall`);
    }
    abort.abort();
    await Promise.all(slow);
    // The server ends each upload once its client is gone: wait until none is still processing before closing.
    if (ctx.server === 'routes' || t) {
      const { sql } = await import('drizzle-orm');
      const { rows } = await import('@/db/client');
      for (let i = 0; i < 100; i++) {
        const [p] = await rows<{ n: number }>(h.db, sql`select count(*)::int as n from uploads where status = 'processing'`);
        if (!p!.n) break;
        await ctx.sleep(200);
      }
    }
    return { engine, slowUploads: SLOW, figures };
  } finally {
    abort.abort();
    await app.stop();
    await (t ? t.destroy() : ctx.server === 'routes' ? h.close() : Promise.resolve());
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
