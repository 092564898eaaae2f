import type { RawClient } from './client';

/**
 * One transaction for one ingested file, on either engine, with the bulk COPY Drizzle does not offer.
 * The callback runs inside BEGIN … COMMIT; throwing rolls everything back. On PGlite the transaction holds the
 * engine's single connection (other requests wait), which is the price of an embedded database.
 */
export type IngestSession = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY rows (already CSV-encoded, as text or as UTF-8 chunks in order) into `table`. */
  copyCsv(table: string, columns: readonly string[], csv: string | readonly Uint8Array[]): Promise<void>;
  /** COPY rows in the binary format (header, tuples and trailer, as chunks in order) into `table`. */
  copyBinary(table: string, columns: readonly string[], chunks: readonly Uint8Array[]): Promise<void>;
};

/**
 * Everything that writes a workspace's usage and rollups (an upload, deleting one, re-pricing, deleting the workspace)
 * takes this transaction lock first, so each sees the others' committed rows: `WORKSPACE_WRITE_LOCK` with
 * `[workspaceWriteLockKey(id)]` on a session, or the same key through Drizzle.
 */
export const WORKSPACE_WRITE_LOCK = 'select pg_advisory_xact_lock(hashtext($1))';
export const workspaceWriteLockKey = (workspaceId: string) => `frontier-ingest:${workspaceId}`;

export async function withIngestSession<T>(raw: RawClient, fn: (s: IngestSession) => Promise<T>): Promise<T> {
  if (raw.kind === 'pglite') {
    return raw.client.transaction(async (tx) => {
      const g = guarded({
        query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        copyCsv: async (table, columns, csv) => {
          await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob(typeof csv === 'string' ? [csv] : (csv as unknown as BlobPart[])) });
        },
        copyBinary: async (table, columns, chunks) => {
          await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob: new Blob(chunks as unknown as BlobPart[]) });
        },
      });
      try {
        return await fn(g.session);
      } finally {
        await g.end();
      }
    });
  }
  const { from: copyFrom } = await import('pg-copy-streams');
  const client = await (raw.ingestPool ?? raw.pool).connect();
  const copy = (table: string, columns: readonly string[], format: 'csv' | 'binary', data: string | readonly Uint8Array[]) =>
    new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT ${format})`));
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      if (typeof data === 'string') stream.end(data);
      else {
        for (const c of data) stream.write(c);
        stream.end();
      }
    });
  const g = guarded({
    query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params as unknown[])).rows as R[],
    copyCsv: (table, columns, csv) => copy(table, columns, 'csv', csv),
    copyBinary: (table, columns, chunks) => copy(table, columns, 'binary', chunks),
  });
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(g.session);
    await g.end();
    // In a transaction that failed, Postgres answers COMMIT with ROLLBACK and no error: that is a failed write too.
    const done = await client.query('COMMIT');
    if (done.command !== 'COMMIT') throw new Error('the database rolled the transaction back; nothing was written');
    return result;
  } catch (e) {
    await g.end();
    await client.query('ROLLBACK').catch((r: Error) => { broken = r; });
    throw e;
  } finally {
    // A connection whose ROLLBACK failed may still be in the transaction (or a COPY): it is closed, not reused.
    client.release(broken);
  }
}

/**
 * The callback's session: every statement it starts is tracked, and once the session ends no new one starts. The
 * transaction ends only after the statements already sent have settled: a COPY still queued on the connection when
 * ROLLBACK is sent runs after it, outside the transaction, and its rows stay (and the COPY stream, finishing on a
 * connection already handed to someone else, crashed the process).
 */
function guarded(inner: IngestSession): { session: IngestSession; end: () => Promise<void> } {
  const running = new Set<Promise<unknown>>();
  let ended = false;
  const track = <R>(start: () => Promise<R>): Promise<R> => {
    if (ended) return Promise.reject(new Error('the ingest session has ended: no statement may start after its transaction'));
    const p = start();
    running.add(p);
    const done = () => running.delete(p);
    p.then(done, done);
    return p;
  };
  return {
    session: {
      query: (text, params) => track(() => inner.query(text, params)),
      copyCsv: (table, columns, csv) => track(() => inner.copyCsv(table, columns, csv)),
      copyBinary: (table, columns, chunks) => track(() => inner.copyBinary(table, columns, chunks)),
    },
    end: async () => {
      ended = true;
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}

/** A CSV field for COPY: NULL unquoted and empty, every string quoted (so '' stays an empty string). */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return `"${v.replace(/"/g, '""')}"`;
}
