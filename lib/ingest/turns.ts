/**
 * Uploads to one workspace take turns in this process before they take a database connection: they would wait for
 * each other on the workspace's write lock anyway, and a waiter there held a connection, so one key's slow uploads
 * took the whole pool. A few wait their turn here, holding nothing; one more is refused as busy.
 */
export class BusyError extends Error {
  readonly code = 'busy';
}

export const MAX_WAITING = Number(process.env.FRONTIER_UPLOADS_WAITING_PER_WORKSPACE || 4);
const KEY = Symbol.for('frontier.ingest-turns');
const queues: Map<string, (() => void)[]> = ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, (() => void)[]>) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new Map());

/** Runs `fn` when no other upload to the workspace runs in this process; refuses when MAX_WAITING already wait. */
export async function inTurn<T>(workspaceId: string, fn: () => Promise<T>): Promise<T> {
  let q = queues.get(workspaceId);
  if (!q) queues.set(workspaceId, (q = []));
  if (q.length > MAX_WAITING) throw new BusyError(`${q.length - 1} other uploads to this workspace are waiting; try again when they are done`);
  let go!: () => void;
  const mine = new Promise<void>((r) => { go = r; });
  q.push(go);
  if (q.length === 1) go();
  await mine;
  try {
    return await fn();
  } finally {
    q.shift();
    if (q.length) q[0]!();
    else queues.delete(workspaceId);
  }
}
