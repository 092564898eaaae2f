import type { DbHandle } from '@/db/client';
import { openDatabase } from '@/db/client';
import { readLock } from '@/db/lock';
import { prepareDatabase } from '@/db/prepare';
import type { SeedReport } from '@/db/seed';
import { getWorkspaceBySlug } from '@/db/queries/accounts';
import { env } from '@/lib/env';
import { CliError } from './args';

/**
 * The CLI's database: opened and prepared the way the app prepares it at start (migrations, then reference data),
 * whatever the command, so the first command on a fresh database leaves it as the app's first start would.
 */
export type CliDb = DbHandle & { reference: SeedReport };

export async function withDb<T>(fn: (h: CliDb) => Promise<T>): Promise<T> {
  const h = await openDatabase({ purpose: 'cli' });
  try {
    const { reference } = await prepareDatabase(h);
    return await fn({ ...h, reference });
  } finally {
    await h.close();
  }
}

export type ViaAppOrDirect = <T>(viaApp: (url: string, key: string) => Promise<T>, direct: (h: CliDb) => Promise<T>) => Promise<T>;

/**
 * The embedded database allows one process. If the app holds it, commands that have an API go through the app
 * (with FRONTIER_API_KEY) or refuse with what to do; otherwise they open the database directly.
 */
export function viaAppOrDirect(log: (m: string) => void): ViaAppOrDirect {
  return async (viaApp, direct) => {
    if (!env().DATABASE_URL) {
      const holder = readLock(env().pgliteDir);
      let alive = false;
      if (holder && holder.pid !== process.pid) {
        try { process.kill(holder.pid, 0); alive = true; } catch { alive = false; }
      }
      if (alive && holder) {
        const url = process.env.FRONTIER_URL ?? holder.url;
        const key = process.env.FRONTIER_API_KEY;
        if (url && key) {
          log(`the app at ${url} holds the embedded database: going through its API`);
          return viaApp(url.replace(/\/$/, ''), key);
        }
        throw new CliError(`the app${holder.url ? ` at ${holder.url}` : ''} (process ${holder.pid}) holds the embedded database. Set FRONTIER_API_KEY to an editor key (Settings → API keys) to go through it, or stop the app`);
      }
    }
    return withDb(direct);
  };
}

/** A GET against the running app's API with a key; its error envelope becomes a one-line CliError. */
export async function apiGet<T>(url: string, key: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const body = await res.json().catch(() => null) as (T & { error?: { message?: string } }) | null;
  if (!res.ok) throw new CliError(body?.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

export async function workspaceIdOf(h: DbHandle, slug: string | undefined): Promise<string> {
  if (!slug) throw new CliError('--workspace is required');
  const ws = await getWorkspaceBySlug(h.db, slug);
  if (!ws) throw new CliError(`no workspace "${slug}"`);
  return ws.id;
}
