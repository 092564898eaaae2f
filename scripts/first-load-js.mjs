/**
 * `node scripts/first-load-js.mjs [/overview …] [--json]` after `next build`: the JavaScript a first visit to each
 * route downloads, gzipped. It is the union of the root main files (build-manifest.json) and every chunk the route's
 * client reference manifest lists for its layouts, loading and page (entryJSFiles), each file gzipped at level 9.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const routes = args.filter((a) => a.startsWith('/'));
if (routes.length === 0) routes.push('/overview', '/usage', '/usage/reconciliation', '/models');
const next = path.resolve('.next');
const build = JSON.parse(fs.readFileSync(path.join(next, 'build-manifest.json'), 'utf8'));

function manifestFor(route) {
  const appDir = path.join(next, 'server', 'app');
  const candidates = [path.join(appDir, '(app)', route, 'page_client-reference-manifest.js'), path.join(appDir, route, 'page_client-reference-manifest.js')];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no client reference manifest for ${route} (run next build first)`);
  const ctx = { globalThis: {} };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), ctx);
  return Object.values(ctx.globalThis.__RSC_MANIFEST)[0];
}

const out = [];
for (const route of routes) {
  const m = manifestFor(route);
  const files = new Set(build.rootMainFiles);
  for (const [entry, chunks] of Object.entries(m.entryJSFiles ?? {})) if (!entry.includes('global-error')) for (const c of chunks) files.add(c);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = fs.readFileSync(path.join(next, f.replace(/^\/_next\//, '')));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  out.push({ route, files: files.size, rawKb: Math.round(raw / 102.4) / 10, gzipKb: Math.round(gz / 102.4) / 10 });
}
if (json) process.stdout.write(`${JSON.stringify({ routes: out, target: 'Overview < 300 KB gzipped' })}\n`);
else for (const r of out) console.log(`${r.route.padEnd(24)} ${String(r.files).padStart(3)} files  ${String(r.gzipKb).padStart(7)} KB gzipped  (${r.rawKb} KB raw)`);
