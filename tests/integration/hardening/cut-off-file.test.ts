import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '@/db/testing';
import { testEngines } from '@/db/testing';
import { dashboardTotals, rowCounts, zeroCounts } from '../helpers/failing-files';
import { FIXTURES } from '../helpers/ingest';
import type { UploadRoute } from '../helpers/upload-route';
import { openUploadRoute } from '../helpers/upload-route';

/**
 * A file cut off mid-row (a download that stopped): the last line has fewer fields than the header and no line break,
 * and its last value may be cut too (2268 for 22688). It fails whole, so the complete file can still be uploaded and
 * counted in full; a short row inside a file is rejected with the reason, never read with its missing values as 0.
 */
const full = fs.readFileSync(path.join(FIXTURES, 'openai-dashboard-usage-export.tsv'), 'utf8');
const cut = full.slice(0, full.indexOf('\t22688') + 5);
// The fixture's totals: 6 rows (one more is skipped), 339,711 input and 549,459 output tokens, at list prices (GPT-4o
// $2.50 / $1.25 cached / $10, GPT-5 $1.25 / $0.125 / $10, GPT-5 mini $0.25 / $0.025 / $2 per million) $2.04584475.
const FULL = { rows: 6, input: 339_711, output: 549_459, usd: '2.04584475' };

describe.each(testEngines())('a file cut off mid-row, through POST /api/v1/uploads on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let send: UploadRoute['send'];
  beforeAll(async () => ({ t, ws, send } = await openUploadRoute(engine)));
  afterAll(async () => t?.destroy());

  test('the cut file fails as cut off and writes nothing; the complete file next is counted in full', async () => {
    expect(cut.endsWith('\t2268')).toBe(true);
    const failed = await send('cut.tsv', Buffer.from(cut));
    expect(failed.status).toBe(422);
    expect(failed.body).toMatchObject({ status: 'failed', rowsIngested: 0 });
    expect(failed.body.error).toBe("the file looks cut off: its last line (line 8) has 12 of the header's 24 fields and no line break after it. Export or download it again.");
    expect(await rowCounts(t.db, ws)).toEqual(zeroCounts());

    const complete = await send('complete.tsv', Buffer.from(full));
    expect(complete.status).toBe(201);
    expect(complete.body).toMatchObject({ status: 'ingested', rowsIngested: FULL.rows, duplicateRows: 0, inputTokens: FULL.input, outputTokens: FULL.output, computedCostUsd: FULL.usd });
    expect(await dashboardTotals(t.db, ws)).toEqual({ rows: FULL.rows, input: FULL.input, cost: FULL.usd });
  });

  test('a short row inside the file is rejected with its reason, not read with its missing values as 0', async () => {
    const lines = full.split('\n');
    lines[3] = lines[3]!.split('\t').slice(0, 12).join('\t');
    const r = await send('short-row.tsv', Buffer.from(lines.join('\n')));
    // One row of eight is over the 1% reject limit: the file fails whole and says which row and why.
    expect(r.body).toMatchObject({ status: 'failed', rowsIngested: 0, rowsRejected: 1 });
    expect(r.body.error).toMatch(/First: line 4: row has 12 fields but the header has 24$/);
  });
});
