import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { withIngestSession, WORKSPACE_WRITE_LOCK, workspaceWriteLockKey } from '@/db/ingest-session';
import { getCatalog } from '@/db/queries/get-catalog';
import type { BatchMode, BatchResult } from '@/db/queries/ingest-sql';
import { CREATE_STAGE, insertBatchSql } from '@/db/queries/ingest-sql';
import { applyDeltaSql, CREATE_DELTA, DELTA_COLUMNS, rebuildMonthsSql } from '@/db/rollups';
import { uploads, workspaceAliases } from '@/db/schema';
import { createResolver } from '@/lib/catalog/resolve';
import { loadPriceBook } from '@/lib/pricing/candidates';
import { createBatchTotals } from './batch-totals';
import type { CsvMapping } from './formats/generic-csv';
import type { ParseMeta } from './parse';
import { FormatError, headerHash, parseUsage } from './parse';
import type { SourceInfo } from './source';
import { createPricer } from './costing';
import type { StagedBatch } from './stage-row';
import type { Held } from './delta';
import { dailyRollupRows, deltaCsv, PendingDelta } from './delta';
import { createStager, USAGE_COLUMNS } from './stage-row';
import { decodeSource, SourceError, uploadIdleMs } from './source';
import type { Spooled } from './spool';
import { spool } from './spool';
import { BusyError, inTurn } from './turns';
import type { UsageRecord } from './types';
import type { IngestSummary } from './summary';
import { emptySummary } from './summary';

/**
 * One file in: stream → decode → detect → parse → resolve models → cost → per batch of rows: COPY into usage (new
 * buckets only) → add to the upload's rollup delta; at the end grow every rollup by the delta, all in ONE transaction. A file that fails, or has too many bad rows,
 * writes nothing; the upload is recorded as failed with the reason.
 */
export type IngestInput = {
  workspaceId: string;
  filename: string;
  chunks: AsyncIterable<Uint8Array>;
  format?: string;
  mapping?: CsvMapping | null;
  /** Remember the mapping for this header in the workspace (the upload page's mapping step). */
  saveMapping?: boolean;
  actor?: { userId?: string | null; label: string };
  maxBytes?: number;
  /** Reject the whole file when more than this share of its rows cannot be read. */
  maxRejectRatio?: number;
  onProgress?: (p: { bytes: number; rows: number }) => void;
  /** Rows per batch into usage (tests make it small to cross batch boundaries). */
  batchRows?: number;
  /** Stop the upload when the source sends nothing for this long (default uploadIdleMs(); 0: never). */
  idleMs?: number;
  /** A body from the network: on PGlite it is written to a temporary file before the transaction (see spool.ts). */
  spool?: boolean;
};

export const DEFAULT_MAX_BYTES = Number(process.env.FRONTIER_MAX_UPLOAD_BYTES ?? 1024 ** 3);
export const DEFAULT_MAX_REJECT_RATIO = Number(process.env.FRONTIER_MAX_REJECT_RATIO ?? 0.01);
// ~6 MB of text per batch: fits the default temp_buffers (8 MB) when a batch goes through the stage table.
const BATCH_ROWS = 25_000;
const KEEP_REJECTS = 1000;

class Abort extends Error {
  constructor(readonly status: IngestSummary['status'], readonly code: string, message: string, readonly seen?: unknown) { super(message); }
}

export async function ingestUpload(h: Pick<DbHandle, 'db' | 'raw'>, input: IngestInput): Promise<IngestSummary> {
  const uploadId = randomUUID();
  const summary = emptySummary(uploadId, input.filename);
  const catalog = await getCatalog(h.db);
  // The workspace's own mappings (made on the Prices page) win over the catalog's aliases.
  const own = await h.db.select({ pattern: workspaceAliases.rawModel, modelId: workspaceAliases.modelId }).from(workspaceAliases).where(eq(workspaceAliases.workspaceId, input.workspaceId));
  const resolve = createResolver([...catalog.aliases, ...own.map((a) => ({ ...a, rank: 0 }))]);
  const vendorOf = new Map(catalog.models.map((m) => [m.id, m.vendor]));
  const knownProviders = new Set(catalog.providers.map((p) => p.id));
  await h.db.insert(uploads).values({
    workspaceId: input.workspaceId, id: uploadId, filename: input.filename, format: input.format ?? 'auto', sha256: `pending:${uploadId}`,
    status: 'processing', createdBy: input.actor?.userId ?? null, createdByLabel: input.actor?.label ?? null,
  });
  const info: Partial<SourceInfo> = {};
  const meta: Partial<ParseMeta> = {};
  let bytesSeen = 0;
  // FRONTIER_INGEST_TIMING=1 prints where an upload's time goes (for `npm run bench`).
  let last = performance.now();
  const mark = (stage: string) => {
    if (!process.env.FRONTIER_INGEST_TIMING) return;
    const now = performance.now();
    process.stderr.write(`[ingest] ${stage}: ${Math.round(now - last)} ms\n`);
    last = now;
  };
  let spooled: Spooled | null = null;
  try {
    const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
    if (input.spool && h.raw.kind === 'pglite') spooled = await spool(input.chunks, { maxBytes, idleMs: input.idleMs ?? uploadIdleMs() });
    const chunks = spooled?.chunks ?? input.chunks;
    // One upload per workspace at a time takes a connection (see turns.ts); the rest wait here, holding none.
    await inTurn(input.workspaceId, () => withIngestSession(h.raw, async (s) => {
      // Uploads to one workspace take turns: the rollup rebuild must see every committed row.
      await s.query(WORKSPACE_WRITE_LOCK, [workspaceWriteLockKey(input.workspaceId)]);
      await s.query("set local work_mem = '64MB'");
      // One transaction either way: not waiting for the commit's WAL flush risks nothing but the very last upload on
      // a crash (it is then simply not there, and the upload shows as failed at next start).
      await s.query('set local synchronous_commit = off');
      await s.query(CREATE_DELTA);
      // Every price the workspace may be costed with, read once: rows are costed here, not in SQL.
      const pricer = createPricer(await loadPriceBook(s.query, input.workspaceId));
      const text = decodeSource(chunks, {
        maxBytes, idleMs: spooled ? 0 : input.idleMs ?? uploadIdleMs(), info,
        onBytes: (b) => { bytesSeen = b; },
      });
      const events = parseUsage(text, {
        format: input.format, mapping: input.mapping, meta,
        lookupMapping: async (hash) => {
          const rows = await s.query<{ mapping: CsvMapping }>('select mapping from csv_mappings where workspace_id = $1 and header_hash = $2', [input.workspaceId, hash]);
          return rows[0]?.mapping ?? null;
        },
      });
      let stage: ReturnType<typeof createStager> | null = null;
      const totals = createBatchTotals();
      let batches = 0;
      let fallbacks = 0;
      // Each batch goes all the way into usage while the next one is parsed: the database works on one core while we
      // parse on the other, and only one batch of text is held. Days that had usage before this upload (the rollup has
      // a row for every day usage has; the advisory lock keeps it so while we run): a batch on none of them cannot meet
      // an existing key, and is COPYed straight into usage with its delta beside it; nothing is read back. This only
      // picks the cheaper way: the primary key still guarantees each bucket once (a key repeated within the file makes
      // the COPY fail with a unique violation, and the batch goes again through the stage with ON CONFLICT).
      const usedDays = new Set((await s.query<{ day: string }>('select distinct day::text as day from usage_daily where workspace_id = $1', [input.workspaceId])).map((d) => d.day));
      let staged = false;
      const pending = new PendingDelta();
      // A day of a month that had no usage before this upload gets its daily rollup rows straight from Node, by COPY, as
      // soon as the upload has moved past it (while the next batches are parsed); that month is summed again from the
      // daily rollups at the end (a month that had usage is not: re-summing a whole month for each day's upload would cost
      // what the month holds). The rest (those months, a day coming back after it was written, batches merged in SQL)
      // goes through ingest_delta and the upserts at the end.
      const usedMonths = new Set([...usedDays].map((d) => `${d.slice(0, 7)}-01`));
      const written = new Set<string>();
      const writtenMonths = new Set<string>();
      const writeDelta = async (before?: string) => {
        const groups = pending.take(before);
        if (!groups.length) return;
        const direct: Held[] = [];
        const viaDelta: Held[] = [];
        for (const g of groups) (usedMonths.has(`${g.day.slice(0, 7)}-01`) || written.has(g.day) ? viaDelta : direct).push(g);
        for (const g of direct) { written.add(g.day); writtenMonths.add(`${g.day.slice(0, 7)}-01`); }
        if (viaDelta.length) await s.copyCsv('ingest_delta', DELTA_COLUMNS, deltaCsv(viaDelta));
        for (const part of dailyRollupRows(input.workspaceId, direct)) await s.copyCsv(part.table, part.columns, part.csv);
      };
      const viaStage = async (b: StagedBatch, mode: BatchMode) => {
        if (!staged) { await s.query(CREATE_STAGE); staged = true; }
        await s.copyBinary('ingest_stage', USAGE_COLUMNS, b.usage);
        let t: BatchResult | undefined;
        if (mode === 'merge') [t] = await s.query<BatchResult>(insertBatchSql('merge'), [input.workspaceId]);
        else {
          await s.query('savepoint ingest_batch');
          try {
            [t] = await s.query<BatchResult>(insertBatchSql(mode), [input.workspaceId]);
            await s.query('release savepoint ingest_batch');
          } catch (e) {
            if ((e as { code?: string }).code !== '23505') throw e;
            fallbacks++;
            await s.query('rollback to savepoint ingest_batch');
            [t] = await s.query<BatchResult>(insertBatchSql('merge'), [input.workspaceId]);
          }
        }
        totals.add(t!);
        await s.query('truncate ingest_stage');
      };
      const load = async (b: StagedBatch) => {
        batches++;
        const mode: BatchMode = b.days.some((d) => usedDays.has(d)) ? 'probe' : 'fresh';
        if (mode === 'fresh' && b.result && b.groups) {
          await s.query('savepoint ingest_batch');
          try {
            await s.copyBinary('usage', USAGE_COLUMNS, b.usage);
            await s.query('release savepoint ingest_batch');
          } catch (e) {
            if ((e as { code?: string }).code !== '23505') throw e;
            // A key seen before in this file (this batch or an earlier one): again with the probe and ON CONFLICT.
            fallbacks++;
            await s.query('rollback to savepoint ingest_batch');
            return viaStage(b, 'merge');
          }
          totals.add(b.result);
          // The batch's delta joins what is held; days before its last one are over, and go to ingest_delta.
          pending.add(b.groups);
          await writeDelta(b.days.reduce((a, d) => (d > a ? d : a)));
          return;
        }
        return viaStage(b, mode);
      };
      let inFlight: Promise<void> = Promise.resolve();
      let waitMs = 0;
      const flush = async () => {
        if (!stage || stage.rows() === 0) return;
        const b = stage.take();
        const t0 = performance.now();
        await inFlight;
        waitMs += performance.now() - t0;
        // Once in, the batch's bytes are written again by a later batch (not left for the garbage collector).
        inFlight = load(b).then(() => stage!.recycle(b));
        inFlight.catch(() => {}); // surfaced by the next await
      };
      let lastProgress = 0;
      try {
        for await (const batch of events) {
          for (const ev of batch) {
            summary.rowsRead++;
            const o = ev.outcome;
            if (o.kind === 'skip') { summary.rowsSkipped++; continue; }
            if (o.kind === 'reject') { reject(summary, ev.line, o.reason); continue; }
            for (const r of o.records) {
              const problem = check(r);
              if (problem) { reject(summary, ev.line, problem); continue; }
              stage ??= createStager({ family: meta.family ?? 'unknown', workspaceId: input.workspaceId, uploadId, resolve, vendorOf, known: knownProviders, pricer });
              stage(r);
              summary.rowsStaged++;
            }
          }
          if (stage && stage.rows() >= (input.batchRows ?? BATCH_ROWS)) await flush();
          if (summary.rowsRead - lastProgress >= 5000) { lastProgress = summary.rowsRead; input.onProgress?.({ bytes: bytesSeen, rows: summary.rowsRead }); }
        }
        await flush();
        await inFlight;
      } catch (e) {
        // The batch on its way in settles before the transaction is rolled back (withIngestSession waits for it too).
        await inFlight.catch(() => {});
        throw e;
      }
      await writeDelta();
      mark(`read, parse, cost and insert in ${batches} batches (${fallbacks} re-run for repeated keys; waited ${Math.round(waitMs)} ms on the database)`);
      // Every rollup grows by what this upload added, in the same transaction.
      const { daily, monthly } = applyDeltaSql();
      const months = [...writtenMonths];
      for (const q of daily) await s.query(q, [input.workspaceId]);
      for (const q of monthly) await s.query(q, [input.workspaceId, months]);
      if (months.length) for (const q of rebuildMonthsSql()) await s.query(q, [input.workspaceId, months]);
      mark('every rollup grown by the delta');
      input.onProgress?.({ bytes: bytesSeen, rows: summary.rowsRead });
      Object.assign(summary, { format: meta.format ?? null, formatLabel: meta.label ?? null, bytes: info.bytes ?? bytesSeen, encoding: info.encoding ?? null, gzip: info.gzip ?? false });

      const dup = await s.query<{ id: string; status: string }>('select id, status from uploads where workspace_id = $1 and sha256 = $2 and id <> $3', [input.workspaceId, info.sha256, uploadId]);
      if (dup[0]?.status === 'done') throw new Abort('duplicate', 'duplicate', 'this file was already ingested', { uploadId: dup[0].id });
      if (dup[0]) await s.query('delete from uploads where workspace_id = $1 and id = $2', [input.workspaceId, dup[0].id]);
      const ratio = summary.rowsRead === 0 ? 0 : summary.rowsRejected / summary.rowsRead;
      const maxRatio = input.maxRejectRatio ?? DEFAULT_MAX_REJECT_RATIO;
      if (summary.rowsRejected > 0 && ratio > maxRatio) {
        throw new Abort('failed', 'too_many_rejects', `${summary.rowsRejected} of ${summary.rowsRead} rows could not be read (${(ratio * 100).toFixed(1)}%, over the ${(maxRatio * 100).toFixed(1)}% limit); nothing was written. First: line ${summary.rejects[0]!.line}: ${summary.rejects[0]!.reason}`);
      }

      totals.fill(summary);

      if (input.saveMapping && input.mapping && meta.header) {
        await s.query(
          `insert into csv_mappings (workspace_id, header_hash, header, mapping) values ($1, $2, $3, $4)
           on conflict (workspace_id, header_hash) do update set mapping = excluded.mapping, header = excluded.header, updated_at = now()`,
          [input.workspaceId, headerHash(meta.header), JSON.stringify(meta.header), JSON.stringify(input.mapping)],
        );
      }
      for (let i = 0; i < summary.rejects.length; i += 500) {
        const part = summary.rejects.slice(i, i + 500);
        await s.query(
          `insert into upload_rejects (workspace_id, upload_id, line, reason) select $1, $2, l, r from unnest($3::int[], $4::text[]) as t(l, r) on conflict do nothing`,
          [input.workspaceId, uploadId, part.map((x) => x.line), part.map((x) => x.reason.slice(0, 500))],
        );
      }
      summary.status = 'ingested';
      await s.query(
        `update uploads set sha256 = $3, format = $4, status = 'done', bytes = $5, rows_read = $6, rows_inserted = $7, rows_duplicate = $8,
           rows_skipped = $9, rows_rejected = $10, summary = $11, finished_at = now() where workspace_id = $1 and id = $2`,
        [input.workspaceId, uploadId, info.sha256, summary.format ?? 'unknown', summary.bytes, summary.rowsRead, summary.rowsIngested,
          summary.duplicateRows, summary.rowsSkipped, summary.rowsRejected, JSON.stringify(persisted(summary))],
      );
    }));
  } catch (e) {
    spooled?.remove();
    spooled = null;
    const { status, code, message, seen } = classify(e);
    Object.assign(summary, { status, errorCode: code, error: message, seen, format: summary.format ?? meta.format ?? null, bytes: summary.bytes || bytesSeen });
    summary.rowsIngested = 0;
    if (status === 'duplicate') {
      await h.db.delete(uploads).where(and(eq(uploads.workspaceId, input.workspaceId), eq(uploads.id, uploadId)));
    } else {
      await h.db.update(uploads).set({
        status: 'failed', error: message, format: summary.format ?? 'unknown', bytes: summary.bytes, rowsRead: summary.rowsRead,
        rowsRejected: summary.rowsRejected, summary: persisted(summary), finishedAt: new Date(),
      }).where(and(eq(uploads.workspaceId, input.workspaceId), eq(uploads.id, uploadId)));
    }
  }
  spooled?.remove();
  return summary;
}

function reject(summary: IngestSummary, line: number, reason: string) {
  summary.rowsRejected++;
  if (summary.rejects.length < KEEP_REJECTS) summary.rejects.push({ line, reason });
}

function check(r: UsageRecord): string | null {
  if (!r.rawModel) return 'no model';
  if (r.cachedInputTokens > r.inputTokens) return `cached input tokens (${r.cachedInputTokens}) exceed input tokens (${r.inputTokens})`;
  return null;
}

function persisted(s: IngestSummary): IngestSummary {
  return wellFormed({ ...s, rejects: s.rejects.slice(0, 100) }) as IngestSummary;
}

/** jsonb refuses a lone UTF-16 surrogate, which a message cut mid-character (a JSON.parse excerpt, a sample) can hold. */
function wellFormed(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wellFormed(x)]));
  return v;
}

function classify(e: unknown): { status: IngestSummary['status']; code: string; message: string; seen?: unknown } {
  if (e instanceof Abort) return { status: e.status, code: e.code, message: e.message, seen: e.seen };
  if (e instanceof FormatError) return { status: 'failed', code: e.code, message: e.message, seen: e.seen };
  if (e instanceof SourceError || e instanceof BusyError) return { status: 'failed', code: e.code, message: e.message };
  console.error('[ingest] unexpected failure:', e);
  return { status: 'failed', code: 'internal', message: `the upload failed and nothing was written: ${(e as Error).message}` };
}
