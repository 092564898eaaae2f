import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { ROLLUPS } from '@/db/rollups';

/**
 * OpenAI dashboard usage exports for the failed-upload tests: `GOOD_ROWS` distinct daily buckets, each 1,000 input and
 * 100 output tokens of gpt-4o-mini ($0.15 / $0.60 per million: $0.00021 a row, $5.376 the file), then one fault right after
 * them, far enough in that the first batch of 25,000 rows is on its way into `usage` when the fault is read.
 */
export const GOOD_ROWS = 25_600;
export const GOOD_TOTAL_USD = '5.376';
const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';

function lines(from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const s = Date.UTC(2026, 0, 1) / 1000 + (i % 300) * 86400;
    out.push(`${s},${s + 86400},,,proj_${Math.floor(i / 300)},1,user-1,key_1,gpt-4o-mini-2024-07-18,FALSE,default,1000,100,0\n`);
  }
  return out.join('');
}

const enc = (s: string) => Buffer.from(s, 'utf8');
export const cleanFile = (): Buffer => enc(`${HEADER}\n${lines(0, GOOD_ROWS)}`);

/** The three faults: a byte that is not UTF-8, a row over 1,000,000 characters, and more bytes than the limit allows. */
export type Fault = 'invalid-utf8' | 'long-row' | 'too-large';
export const FAULTS: Fault[] = ['invalid-utf8', 'long-row', 'too-large'];
/** The upload limit every case runs under: the clean file and the long row fit, the too-large body (2 MB more) does not. */
export const limitFor = () => cleanFile().length + 1.5 * 1024 ** 2;

export function faultyFile(fault: Fault): Buffer {
  const good = cleanFile();
  if (fault === 'invalid-utf8') return Buffer.concat([good, enc('1767225600,1767312000,,,proj_'), Buffer.from([0xff]), enc(',1,u,k,gpt-4o-mini-2024-07-18,FALSE,default,1,1,0\n')]);
  if (fault === 'long-row') return Buffer.concat([good, enc(`1767225600,1767312000,,,${'x'.repeat(1_000_001)},1,u,k,gpt-4o-mini,FALSE,default,1,1,0\n`)]);
  // Blank lines after the rows: read fast, so the limit is met while the first batch is still being written.
  return Buffer.concat([good, Buffer.alloc(2 * 1024 ** 2, '\n')]);
}

export const EXPECTED_ERROR: Record<Fault, RegExp> = {
  'invalid-utf8': /not valid UTF-8/,
  'long-row': /longer than 1,000,000 characters/,
  'too-large': /larger than the limit/,
};

/** Rows of the workspace in usage and in every rollup table, by name. */
export async function rowCounts(db: Db, workspaceId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['usage', ...ROLLUPS.map((r) => r.table)]) {
    out[table] = (await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table} where workspace_id = '${workspaceId}'::uuid`)))[0]!.n;
  }
  return out;
}

export const zeroCounts = () => Object.fromEntries(['usage', ...ROLLUPS.map((r) => r.table)].map((t) => [t, 0]));

/** What the dashboards read: the full daily rollup's totals (cost exact, as text). */
export async function dashboardTotals(db: Db, workspaceId: string) {
  const [t] = await rows<{ rows: number; input: number; cost: string | null }>(db, sql`select coalesce(sum(rows), 0)::int as rows,
    coalesce(sum(input_tokens), 0)::float8 as input, trim_scale(sum(cost))::text as cost from usage_daily where workspace_id = ${workspaceId}`);
  return t!;
}
