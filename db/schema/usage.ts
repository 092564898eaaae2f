import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** An ingested file (or the demo generator): one transaction each, idempotent by sha256 per workspace. */
export const uploads = pgTable(
  'uploads',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    filename: text('filename').notNull(),
    format: text('format').notNull(),
    /** Content hash of the bytes as received; `pending:<id>` while the upload streams in. */
    sha256: text('sha256').notNull(),
    status: text('status', { enum: ['processing', 'done', 'failed'] }).notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsInserted: integer('rows_inserted').notNull().default(0),
    rowsDuplicate: integer('rows_duplicate').notNull().default(0),
    rowsSkipped: integer('rows_skipped').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    /** The summary shown after the upload (totals, date range, unmapped models), as JSON. */
    summary: jsonb('summary').notNull().default(sql`'{}'::jsonb`),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('uploads_ws_sha_idx').on(t.workspaceId, t.sha256)],
);

/** Rows an upload could not read, with their line and reason (the first 1,000 per upload). */
export const uploadRejects = pgTable(
  'upload_rejects',
  {
    workspaceId: uuid('workspace_id').notNull(),
    uploadId: uuid('upload_id').notNull(),
    line: integer('line').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.uploadId, t.line] })],
);

/**
 * Usage as exports report it: one row per time bucket × model × project × key. Money is numeric, exact.
 * No foreign keys on this table: it takes millions of rows per upload, a per-row trigger for each key costs more
 * than the COPY itself, and the pipeline already checks model and provider ids against the catalog. Deleting a
 * workspace deletes its usage explicitly (lib/auth/service deleteWorkspace).
 */
export const usage = pgTable(
  'usage',
  {
    workspaceId: uuid('workspace_id').notNull(),
    /**
     * Identity of the bucket within its format family (128 bits of a SHA-256 of its dimensions): overlapping exports
     * never count a bucket twice. A uuid, not text: 16 bytes compared with memcmp keep the index cheap at scale.
     */
    rowKey: uuid('row_key').notNull(),
    uploadId: uuid('upload_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    granularity: text('granularity', { enum: ['request', 'minute', 'hour', 'day'] }).notNull(),
    providerId: text('provider_id'),
    /** The provider whose price applies: the row's provider, or the model's own vendor when the export names none. */
    priceProvider: text('price_provider'),
    rawModel: text('raw_model').notNull(),
    modelId: text('model_id'),
    project: text('project').notNull().default(''),
    apiKey: text('api_key').notNull().default(''),
    userRef: text('user_ref').notNull().default(''),
    batch: boolean('batch').notNull().default(false),
    requests: bigint('requests', { mode: 'number' }).notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    cachedInputTokens: bigint('cached_input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    reportedCost: numeric('reported_cost', { precision: 24, scale: 12 }),
    cost: numeric('cost', { precision: 24, scale: 12 }),
    /** priced | backdated (no sheet in force on the day prices it: the earliest later price used) | no_price | unmapped | not_usage (cost-only rows). */
    priceStatus: text('price_status').notNull().default('priced'),
  },
  // One index only: every index is paid for on every row ingested. The row key determines the bucket's time (it hashes
  // it), so (workspace, day, occurred_at, row_key) is as unique as (workspace, row_key); leading with the day serves
  // every per-workspace, per-day read (deleting an upload, rebuilding a rollup) without a second index, and leading
  // with the time makes a chronological export's inserts land at the right edge of the index instead of on random
  // pages (1M rows COPYed in psql: 5.0 s with this key, 8.7 s with (workspace, day, row_key), 11.2 s with the former
  // (workspace, row_key) key plus a (workspace, day) index; 3.2-4.3 s with no index).
  (t) => [primaryKey({ name: 'usage_pkey', columns: [t.workspaceId, t.day, t.occurredAt, t.rowKey] })],
);

/** The sums every rollup keeps (a fresh set of column builders per table). See db/rollups.ts for the whole family. */
const rollupMeasures = () => ({
  rows: integer('rows').notNull(),
  requests: bigint('requests', { mode: 'number' }).notNull(),
  inputTokens: bigint('input_tokens', { mode: 'number' }).notNull(),
  cachedInputTokens: bigint('cached_input_tokens', { mode: 'number' }).notNull(),
  outputTokens: bigint('output_tokens', { mode: 'number' }).notNull(),
  cost: numeric('cost', { precision: 24, scale: 12 }),
  reportedCost: numeric('reported_cost', { precision: 24, scale: 12 }),
  unpricedRows: integer('unpriced_rows').notNull().default(0),
});
// No foreign key to workspaces: like usage, the rollups are written in bulk on every upload, and a foreign key is a
// trigger per row (a sixth of an upload's rollup time). deleteWorkspace removes them (lib/auth/service.ts).
const workspace = () => uuid('workspace_id').notNull();
const modelDims = () => ({ providerId: text('provider_id').notNull().default(''), rawModel: text('raw_model').notNull(), modelId: text('model_id') });
const keyDims = () => ({ project: text('project').notNull().default(''), apiKey: text('api_key').notNull().default('') });

/** Per-day rollup by provider, model, project and key, maintained in the same transaction as every write to usage. */
export const usageDaily = pgTable(
  'usage_daily',
  { workspaceId: workspace(), day: date('day', { mode: 'string' }).notNull(), ...modelDims(), ...keyDims(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.providerId, t.rawModel, t.project, t.apiKey] })],
);

/**
 * A narrow rollup per day × provider × model (no project, no key): what most dashboard views group by. It stays tens
 * of rows per day however many projects and keys a workspace has, so a year of it reads in milliseconds.
 */
export const usageDailyModel = pgTable(
  'usage_daily_model',
  { workspaceId: workspace(), day: date('day', { mode: 'string' }).notNull(), ...modelDims(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.providerId, t.rawModel] })],
);

/** Per day × project × key (no model): the project and key views. */
export const usageDailyKey = pgTable(
  'usage_daily_key',
  { workspaceId: workspace(), day: date('day', { mode: 'string' }).notNull(), ...keyDims(), ...rollupMeasures() },
  // A chart names a few projects or keys out of hundreds: each is an index range, not a scan of every key's days.
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.day, t.project, t.apiKey] }),
    index('usage_daily_key_ws_key_day_idx').on(t.workspaceId, t.apiKey, t.day),
    index('usage_daily_key_ws_project_day_idx').on(t.workspaceId, t.project, t.day),
  ],
);

/** Per user × day × provider × model, keyed user first: one user's usage is an index range. */
export const usageDailyUser = pgTable(
  'usage_daily_user',
  { workspaceId: workspace(), day: date('day', { mode: 'string' }).notNull(), userRef: text('user_ref').notNull().default(''), ...modelDims(), ...rollupMeasures() },
  // Keyed user first (one user's days); the day index serves views of every user over a range.
  (t) => [primaryKey({ columns: [t.workspaceId, t.userRef, t.day, t.providerId, t.rawModel] }), index('usage_daily_user_ws_day_idx').on(t.workspaceId, t.day)],
);

/** Per user × day × every other dimension, keyed user first: one user's drill-down by project or key is an index range. */
export const usageDailyUserFull = pgTable(
  'usage_daily_user_full',
  { workspaceId: workspace(), day: date('day', { mode: 'string' }).notNull(), userRef: text('user_ref').notNull().default(''), ...modelDims(), ...keyDims(), ...rollupMeasures() },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userRef, t.day, t.providerId, t.rawModel, t.project, t.apiKey] }),
    index('usage_daily_user_full_ws_day_idx').on(t.workspaceId, t.day),
  ],
);

/** Per day × provider × model over the rows whose export carried a cost, with what reconciliation explains by. */
export const usageDailyReported = pgTable(
  'usage_daily_reported',
  {
    workspaceId: workspace(), day: date('day', { mode: 'string' }).notNull(), ...modelDims(), ...rollupMeasures(),
    noPriceRows: integer('no_price_rows').notNull().default(0),
    unmappedRows: integer('unmapped_rows').notNull().default(0),
    backdatedRows: integer('backdated_rows').notNull().default(0),
    costOnlyRows: integer('cost_only_rows').notNull().default(0),
    batchRows: integer('batch_rows').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.providerId, t.rawModel] })],
);

/** The monthly rollups: the daily ones summed by calendar month (`month` is its first day), for long ranges. */
export const usageMonthly = pgTable(
  'usage_monthly',
  { workspaceId: workspace(), month: date('month', { mode: 'string' }).notNull(), ...modelDims(), ...keyDims(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.providerId, t.rawModel, t.project, t.apiKey] })],
);

export const usageMonthlyModel = pgTable(
  'usage_monthly_model',
  { workspaceId: workspace(), month: date('month', { mode: 'string' }).notNull(), ...modelDims(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.providerId, t.rawModel] })],
);

export const usageMonthlyKey = pgTable(
  'usage_monthly_key',
  { workspaceId: workspace(), month: date('month', { mode: 'string' }).notNull(), ...keyDims(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.project, t.apiKey] })],
);

export const usageMonthlyUser = pgTable(
  'usage_monthly_user',
  { workspaceId: workspace(), month: date('month', { mode: 'string' }).notNull(), userRef: text('user_ref').notNull().default(''), ...modelDims(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userRef, t.month, t.providerId, t.rawModel] }), index('usage_monthly_user_ws_month_idx').on(t.workspaceId, t.month)],
);

export const usageMonthlyUserFull = pgTable(
  'usage_monthly_user_full',
  { workspaceId: workspace(), month: date('month', { mode: 'string' }).notNull(), userRef: text('user_ref').notNull().default(''), ...modelDims(), ...keyDims(), ...rollupMeasures() },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userRef, t.month, t.providerId, t.rawModel, t.project, t.apiKey] }),
    index('usage_monthly_user_full_ws_month_idx').on(t.workspaceId, t.month),
  ],
);

/** Column mappings for generic CSVs, remembered per workspace by the header they were made for. */
export const csvMappings = pgTable(
  'csv_mappings',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    headerHash: text('header_hash').notNull(),
    header: jsonb('header').notNull(),
    mapping: jsonb('mapping').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.headerHash] })],
);
