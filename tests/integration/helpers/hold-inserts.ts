import pg from 'pg';

/**
 * Another Postgres session that holds a table in EXCLUSIVE mode: reads go on, inserts wait. Lets a test make
 * transactions that check and then insert overlap for certain, then let them all go at once.
 */
export async function holdInserts(url: string, table: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('begin');
  await c.query(`lock table ${table} in exclusive mode`);
  const waiting = async () => Number((await c.query(`select count(*) as n from pg_locks l join pg_class r on r.oid = l.relation where r.relname = $1 and not l.granted`, [table])).rows[0].n);
  return {
    waiting,
    /** Waits (at most 10 s) until `ready()` says so, then commits the lock away and closes the session. */
    async releaseWhen(ready: () => Promise<boolean>) {
      for (let i = 0; i < 200 && !(await ready()); i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300)); // let the others reach the lock too
      await c.query('commit');
      await c.end();
    },
  };
}
