import { sql } from 'drizzle-orm';
import {
  boolean, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

/**
 * Reference data: the model catalog, providers, price sheets and quality snapshots. Rows with a null
 * workspace_id are shared by every workspace; a workspace's own sheets and snapshots carry its id.
 */

export const providers = pgTable('providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['api', 'self_hosted'] }).notNull(),
});

export const models = pgTable('models', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  vendor: text('vendor').notNull(),
  family: text('family').notNull(),
  openWeights: boolean('open_weights').notNull(),
  paramsB: numeric('params_b', { mode: 'number' }),
  contextWindow: integer('context_window'),
  releasedOn: date('released_on', { mode: 'string' }),
  source: text('source').notNull(),
});

export const modelAliases = pgTable(
  'model_aliases',
  {
    /** Lower-case; `*` matches any run of characters. */
    pattern: text('pattern').notNull(),
    modelId: text('model_id').notNull().references(() => models.id, { onDelete: 'cascade' }),
    /** Order within the model's alias list: 0 is the canonical name. */
    rank: integer('rank').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.pattern] }), index('model_aliases_model_idx').on(t.modelId)],
);

export const priceSheets = pgTable(
  'price_sheets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id'),
    source: text('source', { enum: ['litellm', 'csv', 'manual', 'override'] }).notNull(),
    name: text('name').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    sha256: text('sha256').notNull(),
    /**
     * A complete sheet (a whole LiteLLM map) replaces every earlier sheet of its scope from its date on: a model
     * it no longer lists is no longer priced. A partial sheet (a CSV of a few rows) only adds to what is in force.
     */
    complete: boolean('complete').notNull().default(false),
    /** What the importer read, kept and skipped, as JSON: lets a person see why a key has no price. */
    summary: text('summary').notNull().default('{}'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    importedBy: text('imported_by'),
  },
  (t) => [uniqueIndex('price_sheets_ws_sha_idx').on(sql`coalesce(${t.workspaceId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.sha256)],
);

export const prices = pgTable(
  'prices',
  {
    sheetId: uuid('sheet_id').notNull().references(() => priceSheets.id, { onDelete: 'cascade' }),
    modelId: text('model_id').notNull().references(() => models.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull().references(() => providers.id),
    /** USD per 1M tokens, exact. */
    inputPerMtok: numeric('input_per_mtok', { precision: 20, scale: 10 }).notNull(),
    outputPerMtok: numeric('output_per_mtok', { precision: 20, scale: 10 }).notNull(),
    cachedInputPerMtok: numeric('cached_input_per_mtok', { precision: 20, scale: 10 }),
    batchInputPerMtok: numeric('batch_input_per_mtok', { precision: 20, scale: 10 }),
    batchOutputPerMtok: numeric('batch_output_per_mtok', { precision: 20, scale: 10 }),
    currency: text('currency').notNull().default('USD'),
    /** The key or row the price came from (e.g. `groq/llama3-70b-8192`, `together-ai-41.1b-80b`). */
    sourceKey: text('source_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sheetId, t.modelId, t.providerId] }), index('prices_model_idx').on(t.modelId, t.providerId)],
);

export const qualitySnapshots = pgTable(
  'quality_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id'),
    source: text('source', { enum: ['arena', 'own_judgments', 'custom'] }).notNull(),
    name: text('name').notNull(),
    category: text('category').notNull().default('overall'),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    sha256: text('sha256').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('quality_snapshots_ws_sha_idx').on(sql`coalesce(${t.workspaceId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.sha256, t.category)],
);

export const qualityScores = pgTable(
  'quality_scores',
  {
    snapshotId: uuid('snapshot_id').notNull().references(() => qualitySnapshots.id, { onDelete: 'cascade' }),
    /** The name as the leaderboard wrote it; kept even when no catalog model matches. */
    rawName: text('raw_name').notNull(),
    modelId: text('model_id').references(() => models.id, { onDelete: 'set null' }),
    elo: numeric('elo', { precision: 10, scale: 3, mode: 'number' }).notNull(),
    ciLower: numeric('ci_lower', { precision: 10, scale: 3, mode: 'number' }),
    ciUpper: numeric('ci_upper', { precision: 10, scale: 3, mode: 'number' }),
    votes: integer('votes'),
    rank: integer('rank'),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.rawName] }), index('quality_scores_model_idx').on(t.modelId)],
);

/** Key-value facts about this database: seed version, first-run state. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
