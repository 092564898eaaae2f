import type { PriceInForceRow } from '@/db/queries/price-book';
import type { listSnapshots, getSnapshotScores } from '@/db/queries/quality';
import type { ReportListItem } from '@/lib/reports/service';
import type { EloPriceView } from '@/lib/models/elo-price-types';
import { formatCurrency } from '@/lib/format-currency';
import type { Column } from './table';
import { formatTable } from './table';
import { flagsShort, formatInterval, storedScoreFlags } from '@/lib/quality/flags';

/**
 * The read commands' tables: the same rows the API answers (and `--json` prints), laid out for a terminal. Money
 * keeps its exact digits up to 4 significant ones below a cent; unpriced reads "unpriced", never $0.00.
 */
const usd = (v: string | null | undefined) => (v === null || v === undefined ? null : formatCurrency(v));
const day = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v).toISOString().slice(0, 10));
const time = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v).toISOString().slice(0, 16).replace('T', ' '));
const int = (n: number | null | undefined) => (n === null || n === undefined ? null : n.toLocaleString('en-US'));

type Point = EloPriceView['points'][number];
const MODEL_COLUMNS: Column<Point>[] = [
  { label: 'Model', value: (p) => p.modelId }, { label: 'Name', value: (p) => p.name }, { label: 'Vendor', value: (p) => p.vendor },
  { label: 'Elo', value: (p) => Math.round(p.elo), right: true }, { label: 'Provider', value: (p) => p.providerId },
  { label: 'In $/1M', value: (p) => usd(p.inputPerMtok), right: true }, { label: 'Out $/1M', value: (p) => usd(p.outputPerMtok), right: true },
  { label: 'Blended $/1M', value: (p) => usd(p.blendedPerMtok), right: true }, { label: 'Frontier', value: (p) => (p.onFrontier ? 'yes' : 'no') },
];

export function modelsTable(v: EloPriceView): string {
  const head = v.snapshot ? `Elo from ${v.snapshot.name}, as of ${v.snapshot.asOf}; prices in force on ${v.priceDate}, blended at ${v.mix.input}:${v.mix.output} input:output` : 'No Arena snapshot or price sheet yet.';
  const unpriced = v.unpriced.length ? `\n\nRated but without a price on ${v.priceDate}:\n${formatTable([{ label: 'Model', value: (u: EloPriceView['unpriced'][number]) => u.modelId }, { label: 'Name', value: (u) => u.name }, { label: 'Elo', value: (u) => Math.round(u.elo), right: true }], v.unpriced)}` : '';
  return `${head}\n\n${formatTable(MODEL_COLUMNS, v.points)}${unpriced}`;
}

export function pricesTable(date: string, prices: PriceInForceRow[]): string {
  return `Prices in force on ${date} (per 1M tokens)\n\n${formatTable<PriceInForceRow>([
    { label: 'Model', value: (p) => p.modelId }, { label: 'Provider', value: (p) => p.providerId },
    { label: 'Input', value: (p) => usd(p.inputPerMtok), right: true }, { label: 'Cached input', value: (p) => usd(p.cachedInputPerMtok), right: true },
    { label: 'Output', value: (p) => usd(p.outputPerMtok), right: true }, { label: 'Since', value: (p) => p.effectiveFrom },
    { label: 'Origin', value: (p) => p.origin }, { label: 'Discount', value: (p) => (p.discountPercent ? `${p.discountPercent}%` : null), right: true },
    { label: 'Sheet', value: (p) => p.sheetName },
  ], prices)}`;
}

type Snapshot = Awaited<ReturnType<typeof listSnapshots>>[number];
export function snapshotsTable(list: Snapshot[]): string {
  return formatTable<Snapshot>([
    { label: 'Id', value: (s) => s.id }, { label: 'As of', value: (s) => s.as_of }, { label: 'Name', value: (s) => s.name },
    { label: 'Category', value: (s) => s.category }, { label: 'Models', value: (s) => s.models, right: true },
    { label: 'Mapped', value: (s) => s.mapped, right: true }, { label: 'Scope', value: (s) => s.scope },
  ], list);
}

type Score = Awaited<ReturnType<typeof getSnapshotScores>>[number];
export function scoresTable(s: Snapshot, scores: Score[]): string {
  const warning = (x: Score) => flagsShort(storedScoreFlags({ ciLower: x.ci_lower, ciUpper: x.ci_upper, votes: x.votes }, s.source));
  return `${s.name} (${s.category}, as of ${s.as_of}): ${scores.length} models\n\n${formatTable<Score>([
    { label: 'Rank', value: (x) => x.rank, right: true }, { label: 'Name', value: (x) => x.raw_name }, { label: 'Model', value: (x) => x.model_id },
    { label: 'Elo', value: (x) => Math.round(x.elo), right: true },
    // One open side means the model never won or never lost in the judgments fitted (lib/quality/flags.ts).
    { label: '95% CI', value: (x) => formatInterval(x.ci_lower, x.ci_upper), right: true },
    { label: 'Votes', value: (x) => int(x.votes), right: true },
    // Only when some model is flagged: an Arena board (thousands of votes a model) gets no empty column.
    ...(scores.some(warning) ? [{ label: 'Warning', value: warning }] : []),
  ], scores)}`;
}

export type UploadRow = {
  id: string; filename: string; format: string | null; status: string; rowsInserted: number | null; rowsDuplicate: number | null; rowsRejected: number | null;
  createdAt: string | Date; summary: { computedCostUsd?: string | null } | null;
};
export function uploadsTable(list: UploadRow[]): string {
  return formatTable<UploadRow>([
    { label: 'Id', value: (u) => u.id }, { label: 'Created (UTC)', value: (u) => time(u.createdAt) }, { label: 'File', value: (u) => u.filename },
    { label: 'Format', value: (u) => u.format }, { label: 'Status', value: (u) => u.status },
    { label: 'Rows in', value: (u) => int(u.rowsInserted), right: true }, { label: 'Duplicate', value: (u) => int(u.rowsDuplicate), right: true },
    { label: 'Rejected', value: (u) => int(u.rowsRejected), right: true },
    // What ingest said: null is usage without a price, not $0.
    { label: 'Computed cost', value: (u) => (u.status !== 'done' ? null : u.summary?.computedCostUsd == null ? 'unpriced' : formatCurrency(u.summary.computedCostUsd, { exact: true })), right: true },
  ], list);
}

export type ScenarioRow = { id: string; name: string; spec: unknown; updatedAt: string | Date };
export function scenariosTable(list: ScenarioRow[]): string {
  const targets = (s: ScenarioRow) => ((s.spec as { targets?: unknown[] } | null)?.targets?.length ?? 0);
  return formatTable<ScenarioRow>([
    { label: 'Id', value: (s) => s.id }, { label: 'Name', value: (s) => s.name }, { label: 'Targets', value: targets, right: true },
    { label: 'Updated (UTC)', value: (s) => time(s.updatedAt) },
  ], list);
}

export function reportsTable(list: ReportListItem[]): string {
  return formatTable<ReportListItem>([
    { label: 'Id', value: (r) => r.id }, { label: 'Title', value: (r) => r.title }, { label: 'Kind', value: (r) => r.kind },
    { label: 'Versions', value: (r) => r.versions, right: true }, { label: 'Latest as of', value: (r) => day(r.latestAsOf) },
    { label: 'Active shares', value: (r) => r.activeShares, right: true }, { label: 'Created (UTC)', value: (r) => time(r.createdAt) },
  ], list);
}
