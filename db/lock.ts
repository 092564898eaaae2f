import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one data folder silently lose each other's writes.
 * We hold `frontier.lock` (pid, start time, and the app's URL when it serves HTTP) for the life of the process.
 */
export type LockInfo = { pid: number; startedAt: string; url?: string; purpose: string };

export class DatabaseLockedError extends Error {
  readonly code = 'database_locked';
  constructor(readonly dir: string, readonly holder: LockInfo) {
    super(
      `The embedded database in ${dir} is in use by process ${holder.pid} (${holder.purpose}, since ${holder.startedAt}). ` +
        (holder.url ? `It serves ${holder.url}: use that, or stop it first.` : 'Stop that process first.'),
    );
  }
}

const held = new Map<string, { file: string; info: LockInfo }>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFile(dir: string): string {
  return path.join(dir, 'frontier.lock');
}

export function readLock(dir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

export function acquireLock(dir: string, purpose: string): LockInfo {
  const existing = held.get(dir);
  if (existing) return existing.info;
  fs.mkdirSync(dir, { recursive: true });
  const file = lockFile(dir);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      held.set(dir, { file, info });
      if (held.size === 1) process.once('exit', releaseAll);
      return info;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(dir);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DatabaseLockedError(dir, holder);
      // Stale lock from a process that died (or a torn write): take it over.
      try { fs.unlinkSync(file); } catch { /* raced with another taker: retry */ }
    }
  }
  const holder = readLock(dir);
  throw new DatabaseLockedError(dir, holder ?? { pid: -1, startedAt: 'unknown', purpose: 'unknown' });
}

/** Record the URL the app serves, so a CLI that finds the lock can go through the app. */
export function advertiseUrl(dir: string, url: string): void {
  const h = held.get(dir);
  if (!h) return;
  h.info.url = url;
  fs.writeFileSync(h.file, JSON.stringify(h.info));
}

export function releaseLock(dir: string): void {
  const h = held.get(dir);
  if (!h) return;
  held.delete(dir);
  const current = readLock(dir);
  if (current?.pid === process.pid) {
    try { fs.unlinkSync(h.file); } catch { /* already gone */ }
  }
}

function releaseAll(): void {
  for (const dir of [...held.keys()]) releaseLock(dir);
}
