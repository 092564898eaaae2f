import { sql } from 'drizzle-orm';
import {
  bigint, boolean, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
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
  /**
   * Null for the shared catalog (the seed, the CLI); a workspace's own model (a fine-tune, a private deployment)
   * carries its workspace and is seen by no other (migration 0013).
   */
  workspaceId: uuid('workspace_id'),
  /**
   * `curated`: written by hand in db/seed/catalog.ts (display name, vendor facts, the aliases Arena and exports use);
   * `derived`: made from a price sheet's key that no curated model claims, so that everything a sheet prices can be
   * priced (lib/catalog/derive.ts; its name is the key's); `workspace`: a workspace's own (migration 0014).
   */
  origin: text('origin', { enum: ['curated', 'derived', 'workspace'] }).notNull().default('curated'),
}, (t) => [index('models_workspace_idx').on(t.workspaceId).where(sql`${t.workspaceId} is not null`)]);

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

/**
 * What an undated name that moved (`gpt-4o`) meant from a day on, until the pattern's next period (db/seed/moving-aliases.ts).
 * model_aliases keeps the name's meaning today; these are read only when a day is asked (usage, a dated price sheet).
 */
export const modelAliasPeriods = pgTable(
  'model_alias_periods',
  {
    pattern: text('pattern').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    modelId: text('model_id').notNull().references(() => models.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.pattern, t.validFrom] })],
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

/**
 * How many times each scope's data has changed: a workspace's usage and its own prices, quality and token profiles
 * (scope = the workspace id), or the shared reference data (scope = the nil uuid). Bumped by statement triggers in the
 * writing transaction (migration 0008), so a version is visible exactly when its data is; the dashboards' result cache
 * (lib/cache/view-cache.ts) keys on it.
 */
export const dataVersions = pgTable('data_versions', {
  scope: uuid('scope').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** A workspace's discount on a provider's reference prices from a date (e.g. a committed-use discount). */
export const priceDiscounts = pgTable(
  'price_discounts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    providerId: text('provider_id').notNull().references(() => providers.id),
    /** Percent off, e.g. 15 = 15% off list. */
    percent: numeric('percent', { precision: 7, scale: 4 }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.providerId, t.effectiveFrom] })],
);

/** A workspace's own name for a model (a raw string from its exports mapped to a catalog model). */
export const workspaceAliases = pgTable(
  'workspace_aliases',
  {
    workspaceId: uuid('workspace_id').notNull(),
    rawModel: text('raw_model').notNull(),
    modelId: text('model_id').notNull().references(() => models.id, { onDelete: 'cascade' }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.rawModel] })],
);

/** GPU hourly prices (reference rows have no workspace; a workspace's rows override them), for self-hosting what-ifs. */
export const gpuPrices = pgTable(
  'gpu_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id'),
    gpu: text('gpu').notNull(),
    offering: text('offering').notNull(),
    hourlyUsd: numeric('hourly_usd', { precision: 12, scale: 4 }).notNull(),
    source: text('source').notNull(),
  },
);

/** Published serving throughput of a model on a GPU setup, for self-hosting what-ifs. */
export const gpuThroughput = pgTable(
  'gpu_throughput',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id'),
    modelId: text('model_id').notNull(),
    gpu: text('gpu').notNull(),
    gpus: integer('gpus').notNull(),
    outputTokensPerSecond: integer('output_tokens_per_second').notNull(),
    source: text('source').notNull(),
  },
);

/** A team's own pairwise judgments (from A/B tests or LLM-judge runs), kept so a fit can be redone. */
export const judgments = pgTable(
  'judgments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    snapshotId: uuid('snapshot_id').notNull().references(() => qualitySnapshots.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    modelA: text('model_a').notNull(),
    modelB: text('model_b').notNull(),
    winner: text('winner', { enum: ['a', 'b', 'tie'] }).notNull(),
    category: text('category').notNull().default('overall'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.snapshotId, t.line] })],
);
