import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import type { IngestSession } from '@/db/ingest-session';
import { withIngestSession } from '@/db/ingest-session';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';

/**
 * The ingest session's one promise: a callback that throws writes nothing, even with a COPY it started and did not
 * wait for (a batch still on its way in when the file fails); and the connection is sound for the next session.
 */
const csv = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i},"row ${from + i}"\n`).join('');

describe.each(testEngines())('withIngestSession on %s', (engine) => {
  let t: TestDatabase;
  const count = async () => (await rows<{ n: number }>(t.db, sql`select count(*)::int as n from session_probe`))[0]!.n;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrate: false });
    await t.db.execute(sql`create table session_probe (id int primary key, note text)`);
  });
  afterAll(async () => t?.destroy());

  test('a throw with a COPY in flight rolls the COPY back too; the next session works', async () => {
    for (let i = 0; i < 3; i++) {
      let late: Promise<void> | undefined;
      const failed = withIngestSession(t.raw, async (s) => {
        await s.query('select 1');
        // Not awaited, as the pipeline's batch in flight: the COPY is still queued when the callback throws.
        late = s.query('select pg_sleep(0.05)').then(() => s.copyCsv('session_probe', ['id', 'note'], csv(0, 20_000)));
        late.catch(() => {});
        throw new Error('the file failed');
      });
      await expect(failed).rejects.toThrow('the file failed');
      await late?.catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      expect(await count()).toBe(0);
    }
    await withIngestSession(t.raw, (s) => s.copyCsv('session_probe', ['id', 'note'], csv(0, 100)));
    expect(await count()).toBe(100);
    await t.db.execute(sql`truncate session_probe`);
  });

  test('a statement started after the session ended is refused, not run outside the transaction', async () => {
    let kept: IngestSession | undefined;
    await withIngestSession(t.raw, async (s) => { kept = s; });
    await expect(kept!.copyCsv('session_probe', ['id', 'note'], csv(0, 10))).rejects.toThrow(/session has ended/);
    expect(await count()).toBe(0);
  });
});
