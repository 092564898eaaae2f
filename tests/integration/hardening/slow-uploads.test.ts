import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '@/db/testing';
import { testEngines } from '@/db/testing';
import { rowCounts } from '../helpers/failing-files';
import type { UploadRoute } from '../helpers/upload-route';
import { openUploadRoute } from '../helpers/upload-route';

/**
 * Ten uploads from one editor key that send a little and then stall (a slow or hostile client): /api/health and a
 * dashboard read still answer at once, on both engines; each stalled upload is stopped after the idle timeout with
 * nothing written, and the next upload goes through. Before, the ten held all ten connections of the pool (Postgres)
 * or the only one (PGlite), and every request waited until they closed.
 */
process.env.FRONTIER_UPLOAD_IDLE_SECONDS = '4';
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
const row = (i: number) => { const s = Date.UTC(2026, 0, 1) / 1000 + i * 86400; return `${s},${s + 86400},,,proj_1,1,user-1,key_1,gpt-4o-mini-2024-07-18,FALSE,default,1000,100,0\n`; };

/** A body that sends its header and a few rows, then nothing until the test is over. */
function stalling(): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    async pull(c) {
      if (sent) return new Promise<void>(() => {});
      sent = true;
      c.enqueue(new TextEncoder().encode(`${HEADER}\n${row(0)}${row(1)}`));
    },
  });
}

/** The answer and how long it took; a failure after `limit` ms (before, these waited until the uploads closed). */
async function timed<T>(p: Promise<T>, limit = 5000): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${limit} ms`)), limit); });
  try {
    const value = await Promise.race([p, late]);
    return { value, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

describe.each(testEngines())('ten stalled uploads on %s', (engine) => {
  let r: UploadRoute;
  let t: TestDatabase;
  beforeAll(async () => { r = await openUploadRoute(engine); t = r.t; });
  afterAll(async () => t?.destroy());

  test('health and a dashboard read answer while they are open; each is stopped after the idle timeout, nothing written', async () => {
    const { GET: health } = await import('@/app/api/health/route');
    const { GET: summary } = (await import('@/app/api/v1/usage/summary/route')) as unknown as { GET: (req: Request) => Promise<Response> };
    const uploads = Array.from({ length: 10 }, (_, i) => r.post(new Request(`http://frontier.test/api/v1/uploads?filename=slow-${i}.csv`, {
      method: 'POST', headers: { authorization: `Bearer ${r.key}`, 'content-type': 'text/csv' }, body: stalling(), duplex: 'half',
    } as RequestInit & { duplex: 'half' })).then(async (res) => ({ status: res.status, body: await res.json() })));
    await new Promise((res) => setTimeout(res, 500));
    const h = await timed(health());
    expect(h.value.status).toBe(200);
    expect(h.ms).toBeLessThan(1000);
    const d = await timed(summary(new Request('http://frontier.test/api/v1/usage/summary', { headers: { authorization: `Bearer ${r.key}` } })));
    expect(d.value.status).toBe(200);
    expect(d.ms).toBeLessThan(1000);

    const answers = (await timed(Promise.all(uploads), 60_000)).value;
    // Postgres: one runs and four wait their turn (each stopped after 4 s of silence), the other five are refused at
    // once as busy. PGlite: each body is written to a temporary file before its turn, holding no connection, so all
    // ten are read side by side and each stopped after 4 s of silence.
    const by = (code: string) => answers.filter((a) => a.body.errorCode === code).length;
    expect({ stalled: by('stalled'), busy: by('busy') }).toEqual(engine === 'postgres' ? { stalled: 5, busy: 5 } : { stalled: 10, busy: 0 });
    expect(answers.filter((a) => a.body.errorCode === 'stalled').every((a) => a.status === 408 && a.body.error === 'no data arrived for 4 s, so the upload was stopped; nothing was written')).toBe(true);
    expect(answers.filter((a) => a.body.errorCode === 'busy').every((a) => a.status === 429)).toBe(true);
    expect((await rowCounts(t.db, r.ws)).usage).toBe(0);
    const next = await r.send('after.csv', Buffer.from(`${HEADER}\n${row(0)}${row(1)}`));
    expect(next).toMatchObject({ status: 201, body: { rowsIngested: 2, computedCostUsd: '0.00042' } });
    expect((await t.db.execute(sql`select 1`))).toBeTruthy();
  }, 120_000);
});
