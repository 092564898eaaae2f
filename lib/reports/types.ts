/**
 * The frozen content of a report version: every number a reader sees, with its assumptions and sources.
 * Built once when a report is saved (or refreshed) and never recomputed; the report page, the share page and every
 * export (CSV, XLSX, PDF) render only from this. Money is a decimal string in USD, never a float.
 */
export type ReportKind = 'whatif' | 'overview' | 'usage';

/** How a cell is shown and exported: `usd` is a decimal string; `percent` a decimal string of a fraction (0.25 = 25%). */
export type ReportUnit = 'usd' | 'percent' | 'number' | 'integer' | 'elo' | 'months' | 'text' | 'date';

export type ReportCell = string | number | boolean | null;

export interface ReportColumn {
  key: string;
  label: string;
  unit: ReportUnit;
}

export interface ReportTable {
  /** Stable machine name: `comparison` (the main table), `monthly` (one row per month), others free. */
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
}

export interface ReportKeyNumber {
  label: string;
  value: ReportCell;
  unit: ReportUnit;
}

/** A line chart over months or days: `points[i].values[series]` is a decimal string (usd) or number. */
export interface ReportSeriesChart {
  title: string;
  xLabel: string;
  unit: ReportUnit;
  series: string[];
  /** Each series' what-if option index (its position in the scenario), for its colour; absent on older snapshots. */
  options?: number[];
  points: { x: string; values: Record<string, string | number | null> }[];
}

/** Cost against quality: one point per option, `current` marks today's traffic. */
export interface ReportScatterChart {
  title: string;
  points: { label: string; monthlyCost: string; elo: number | null; eloLower: number | null; eloUpper: number | null; current?: boolean; option?: number }[];
}

export interface ReportAssumption {
  label: string;
  value: string;
}

export interface ReportSource {
  kind: 'usage' | 'upload' | 'price_sheet' | 'price_override' | 'elo_snapshot' | 'token_profile' | 'gpu_price' | 'other';
  label: string;
  detail: string;
}

export interface ReportSnapshot {
  schema: 1;
  kind: ReportKind;
  /** ISO time the numbers were computed. */
  asOf: string;
  currency: 'USD';
  /** A paragraph for a reader outside engineering, with the key numbers in it. */
  summary: string;
  keyNumbers: ReportKeyNumber[];
  tables: ReportTable[];
  cumulative?: ReportSeriesChart;
  scatter?: ReportScatterChart;
  assumptions: ReportAssumption[];
  sources: ReportSource[];
  /** One line each for the terms a finance reader may not know (Elo, win rate, …). */
  glossary: { term: string; meaning: string }[];
}
