import { bigint, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { models, providers } from './reference';
import { workspaces } from './workspaces';

/** An ingested file (or the demo generator): one transaction each, idempotent by sha256 per workspace. */
export const uploads = pgTable(
  'uploads',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    filename: text('filename').notNull(),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status', { enum: ['processing', 'done', 'failed'] }).notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsInserted: integer('rows_inserted').notNull().default(0),
    rowsDuplicate: integer('rows_duplicate').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('uploads_ws_sha_idx').on(t.workspaceId, t.sha256)],
);

/** Usage as exports report it: one row per time bucket × model × project × key. Money is numeric, exact. */
export const usage = pgTable(
  'usage',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Identity of the bucket (hash of its dimensions): overlapping exports never count a bucket twice. */
    rowKey: text('row_key').notNull(),
    uploadId: uuid('upload_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    granularity: text('granularity', { enum: ['request', 'hour', 'day'] }).notNull(),
    providerId: text('provider_id').references(() => providers.id),
    rawModel: text('raw_model').notNull(),
    modelId: text('model_id').references(() => models.id),
    project: text('project').notNull().default(''),
    apiKey: text('api_key').notNull().default(''),
    userRef: text('user_ref').notNull().default(''),
    requests: bigint('requests', { mode: 'number' }).notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    cachedInputTokens: bigint('cached_input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    reportedCost: numeric('reported_cost', { precision: 20, scale: 10 }),
    cost: numeric('cost', { precision: 20, scale: 10 }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.rowKey] }), index('usage_ws_day_idx').on(t.workspaceId, t.day)],
);
