import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '@/db/testing';
import { testEngines } from '@/db/testing';
import { dashboardTotals, rowCounts } from '../helpers/failing-files';
import type { UploadRoute } from '../helpers/upload-route';
import { openUploadRoute, streamed } from '../helpers/upload-route';

/**
 * Multipart uploads (curl -F, scripts): a file that is refused part-way is answered at once and the next file still
 * read; files past the per-request limit are named in the answer as not ingested, never dropped silently.
 */
const BOUNDARY = '----frontier-test-boundary';
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';

function multipart(files: { name: string; text: string }[]): Buffer {
  const parts = files.map((f) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${f.name}"\r\ncontent-type: text/csv\r\n\r\n${f.text}\r\n`);
  return Buffer.from(`${parts.join('')}--${BOUNDARY}--\r\n`);
}

/** `rows` daily buckets of gpt-4o-mini, 1,000 input and 100 output tokens each ($0.00021 a row), starting at `from`. */
function usageCsv(from: number, rows: number): string {
  const out = [HEADER];
  for (let i = from; i < from + rows; i++) {
    const s = Date.UTC(2026, 0, 1) / 1000 + i * 86400;
    out.push(`${s},${s + 86400},,,proj_1,1,user-1,key_1,gpt-4o-mini-2024-07-18,FALSE,default,1000,100,0`);
  }
  return `${out.join('\n')}\n`;
}

/** The route's answer, or a failure after `ms` (the hang was 300 s, until the server's request timeout). */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try { return await Promise.race([p, late]); } finally { clearTimeout(timer); }
}

describe.each(testEngines())('multipart uploads through POST /api/v1/uploads on %s', (engine) => {
  let r: UploadRoute;
  let t: TestDatabase;
  beforeAll(async () => { r = await openUploadRoute(engine); t = r.t; });
  afterAll(async () => t?.destroy());

  const postMultipart = async (body: Buffer) => {
    const req = new Request('http://frontier.test/api/v1/uploads', {
      method: 'POST', headers: { authorization: `Bearer ${r.key}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body: streamed(body), duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const res = await within(20_000, r.post(req));
    return { status: res.status, body: await within(20_000, res.json()) };
  };

  test('a refused file of 400 KB is answered at once, and the file after it is still ingested', async () => {
    const refused = `a,b\n${'1,2\n'.repeat(100_000)}`;
    const res = await postMultipart(multipart([{ name: 'unknown.csv', text: refused }, { name: 'good.csv', text: usageCsv(0, 10) }]));
    expect(res.status).toBe(207);
    expect(res.body.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([['unknown.csv', 'failed'], ['good.csv', 'ingested']]);
    expect(res.body.files[0].error).toMatch(/^no known export has these columns: a, b/);
    expect(res.body.files[1]).toMatchObject({ rowsIngested: 10, computedCostUsd: '0.0021' });
    expect(await dashboardTotals(t.db, r.ws)).toEqual({ rows: 10, input: 10_000, cost: '0.0021' });
  });

  test('files past the 20th are not ingested, and the answer names them', async () => {
    const before = (await rowCounts(t.db, r.ws)).usage!;
    const files = Array.from({ length: 23 }, (_, i) => ({ name: `f${i + 1}.csv`, text: usageCsv(100 + i * 5, 5) }));
    const res = await postMultipart(multipart(files));
    expect(res.status).toBe(207);
    expect(res.body.files).toHaveLength(20);
    expect(res.body.files.every((f: { status: string }) => f.status === 'ingested')).toBe(true);
    expect(res.body.notIngested).toEqual({
      files: ['f21.csv', 'f22.csv', 'f23.csv'],
      message: '3 files after the first 20 of this request were not read and not ingested: send at most 20 files per request',
    });
    expect((await rowCounts(t.db, r.ws)).usage! - before).toBe(100);
  });
});
