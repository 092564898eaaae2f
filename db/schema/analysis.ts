import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** A saved what-if scenario: its inputs only (lib/whatif ScenarioSpec); results are recomputed on demand. */
export const scenarios = pgTable(
  'scenarios',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    spec: jsonb('spec').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** Measured token ratios between two tokenizers over a team's own samples (the Tokens page). */
export const tokenProfiles = pgTable(
  'token_profiles',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    sourceTokenizer: text('source_tokenizer').notNull(),
    targetTokenizer: text('target_tokenizer').notNull(),
    samples: integer('samples').notNull(),
    /** target ÷ source over input (system + user) text, with its bootstrap 95% range. */
    inputRatio: numeric('input_ratio', { precision: 12, scale: 6 }).notNull(),
    inputLower: numeric('input_lower', { precision: 12, scale: 6 }).notNull(),
    inputUpper: numeric('input_upper', { precision: 12, scale: 6 }).notNull(),
    /** The same over output (assistant) text; equal to input when the samples have no roles. */
    outputRatio: numeric('output_ratio', { precision: 12, scale: 6 }).notNull(),
    outputLower: numeric('output_lower', { precision: 12, scale: 6 }).notNull(),
    outputUpper: numeric('output_upper', { precision: 12, scale: 6 }).notNull(),
    /** Totals, per-tokenizer counts and where the samples came from. */
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** A report for finance: a title over immutable versions (report_versions). */
export const reports = pgTable(
  'reports',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    /** whatif | overview | usage: what the snapshot was taken from. */
    kind: text('kind').notNull(),
    /** What to recompute for "refresh into a new version": the scenario spec or the view's parameters. */
    source: jsonb('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** A frozen snapshot: every number shown plus its assumptions and sources. Never updated. */
export const reportVersions = pgTable(
  'report_versions',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.reportId, t.version] }),
    foreignKey({ columns: [t.workspaceId, t.reportId], foreignColumns: [reports.workspaceId, reports.id] }).onDelete('cascade'),
  ],
);

/** Read-only links to a report; the token is shown once and stored as its sha256. */
export const reportShares = pgTable(
  'report_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The version shown; null shows the newest. */
    version: integer('version'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    viewCount: integer('view_count').notNull().default(0),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_shares_token_idx').on(t.tokenHash), index('report_shares_report_idx').on(t.workspaceId, t.reportId)],
);
