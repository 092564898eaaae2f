import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '@/db/testing';
import { testEngines } from '@/db/testing';
import type { Fault } from '../helpers/failing-files';
import type { UploadRoute } from '../helpers/upload-route';
import { openUploadRoute } from '../helpers/upload-route';
import { cleanFile, dashboardTotals, EXPECTED_ERROR, faultyFile, FAULTS, GOOD_ROWS, GOOD_TOTAL_USD, limitFor, rowCounts, zeroCounts } from '../helpers/failing-files';

/**
 * A file that fails part-way (a byte that is not UTF-8, a row over the length limit, a body past the size limit) while
 * its first batch of rows is on its way into usage: through the upload route, on both engines, nothing of it may stay,
 * and the complete file uploaded next is counted in full. The size limit is read when the pipeline is first loaded,
 * so it is set before the route is imported.
 */
process.env.FRONTIER_MAX_UPLOAD_BYTES = String(limitFor());

describe.each(testEngines())('a failed upload through POST /api/v1/uploads on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let send: UploadRoute['send'];
  beforeAll(async () => ({ t, ws, send } = await openUploadRoute(engine)));
  afterAll(async () => t?.destroy());

  test.each(FAULTS)('%s: failed, no row in usage or any rollup; the complete file next counts in full', async (fault: Fault) => {
    const failed = await send(`${fault}.csv`, faultyFile(fault));
    expect(failed.body.status).toBe('failed');
    expect(failed.body.error).toMatch(EXPECTED_ERROR[fault]);
    expect(failed.body.rowsIngested).toBe(0);
    // A COPY left queued on the session ran after the ROLLBACK, outside the transaction: wait a moment for one.
    await new Promise((r) => setTimeout(r, 300));
    expect(await rowCounts(t.db, ws)).toEqual(zeroCounts());

    const clean = await send('clean.csv', cleanFile());
    expect(clean.status).toBe(201);
    expect(clean.body).toMatchObject({ status: 'ingested', rowsIngested: GOOD_ROWS, duplicateRows: 0, computedCostUsd: GOOD_TOTAL_USD });
    expect(await dashboardTotals(t.db, ws)).toEqual({ rows: GOOD_ROWS, input: GOOD_ROWS * 1000, cost: GOOD_TOTAL_USD });
    expect((await rowCounts(t.db, ws)).usage).toBe(GOOD_ROWS);

    // Start the next fault from an empty workspace.
    const { deleteUpload } = await import('@/lib/ingest/manage');
    expect(await deleteUpload(t, ws, clean.body.uploadId)).toEqual({ deleted: true, rows: GOOD_ROWS });
    expect(await rowCounts(t.db, ws)).toEqual(zeroCounts());
  }, 180_000);
});
