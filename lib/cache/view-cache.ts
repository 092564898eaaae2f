import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';

/**
 * A result cache for the read-mostly dashboard views, in this process. An entry is keyed by the workspace, the
 * versions of its data and of the shared reference data (`data_versions`, bumped by triggers in the same transaction
 * as every write the views read, migration 0008), today's date (views anchor on it), the view and its parameters. So
 * an entry is never stale: any change makes a new key, and the old entry ages out. Concurrent identical requests share
 * one computation (single flight). Reading the versions is one primary-key lookup. Bounded by entries and by size.
 *
 * `FRONTIER_VIEW_CACHE=off` turns it off (the load test measures both ways).
 */
const MAX_ENTRIES = Number(process.env.FRONTIER_VIEW_CACHE_ENTRIES ?? 200);
/** The entries' total size (characters of their JSON) stays under this: a year of reconciliation rows is megabytes. */
const MAX_CHARS = Number(process.env.FRONTIER_VIEW_CACHE_MB ?? 64) * 1024 * 1024;
const NIL = '00000000-0000-0000-0000-000000000000';

const entries = new Map<string, { value: unknown; chars: number }>();
let totalChars = 0;
const inflight = new Map<string, Promise<unknown>>();

export const viewCacheEnabled = () => process.env.FRONTIER_VIEW_CACHE !== 'off';

async function versionKey(db: Db, workspaceId: string): Promise<string> {
  const v = await rows<{ scope: string; version: string | number }>(db, sql`select scope::text as scope, version from data_versions where scope in (${workspaceId}::uuid, ${NIL}::uuid)`);
  const of = (s: string) => String(v.find((x) => x.scope === s)?.version ?? 0);
  return `${of(workspaceId)}.${of(NIL)}`;
}

export async function cachedView<T>(db: Db, workspaceId: string, view: string, params: unknown, compute: () => Promise<T>): Promise<T> {
  if (!viewCacheEnabled()) return compute();
  const key = `${workspaceId}|${await versionKey(db, workspaceId)}|${new Date().toISOString().slice(0, 10)}|${view}|${JSON.stringify(params)}`;
  const found = entries.get(key);
  if (found) {
    // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
    entries.delete(key);
    entries.set(key, found);
    return found.value as T;
  }
  const running = inflight.get(key);
  if (running) {
    return running as Promise<T>;
  }
  const p = compute().then((value) => {
    const chars = typeof value === 'string' ? value.length : JSON.stringify(value)?.length ?? 0;
    if (chars <= MAX_CHARS / 4) {
      entries.set(key, { value, chars });
      totalChars += chars;
      while (entries.size > MAX_ENTRIES || totalChars > MAX_CHARS) {
        const oldest = entries.keys().next().value!;
        totalChars -= entries.get(oldest)!.chars;
        entries.delete(oldest);
      }
    }
    return value;
  }).finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** For tests. */
export function clearViewCache() {
  entries.clear();
  totalChars = 0;
  inflight.clear();
}

/**
 * The same, for a view answered as JSON: the cached entry is the serialized text, so a hit costs no JSON.stringify
 * (a Usage view of 500 keys is half a megabyte of JSON).
 */
export async function cachedJsonResponse(db: Db, workspaceId: string, view: string, params: unknown, compute: () => Promise<unknown>): Promise<Response> {
  const text = await cachedView(db, workspaceId, `${view}:json`, params, async () => JSON.stringify(await compute()));
  return new Response(text, { headers: { 'content-type': 'application/json' } });
}
