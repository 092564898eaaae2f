#!/usr/bin/env node
// `npm run dev` / `npm start`: refuse early when another process holds the embedded database, then run Next.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const port = process.env.PORT || '3000';
if (!process.env.DATABASE_URL) {
  const dir = path.resolve(process.env.PGLITE_DIR || path.join(process.cwd(), '.data', 'pglite'));
  const lock = path.join(dir, 'frontier.lock');
  if (fs.existsSync(lock)) {
    try {
      const holder = JSON.parse(fs.readFileSync(lock, 'utf8'));
      process.kill(holder.pid, 0);
      console.error(`Frontier is already running on this data folder (${dir}), process ${holder.pid}${holder.url ? ` at ${holder.url}` : ''}.`);
      console.error('Stop it first, or set PGLITE_DIR to another folder.');
      process.exit(1);
    } catch {
      // stale lock: the app takes it over
    }
  }
  console.log(`[frontier] embedded database (PGlite) in ${dir}; set DATABASE_URL to use Postgres`);
}
if (mode === 'start' && !fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
  console.error('No production build found: run `npm run build` first (or `npm run dev`).');
  process.exit(1);
}
const next = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
const child = spawn(process.execPath, [next, mode, '-p', port, ...process.argv.slice(3)], { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, PORT: port } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
