/** What the Usage explorer sends to the browser: plain JSON, money as decimal strings (chart values are numbers). */
/** spend null: the group's usage has no price (shown as unpriced, never $0); unpricedRows: its usage rows without one. */
export type ExplorerRowView = { key: string; label: string; spend: string | null; reported: string | null; requests: number; input: number; cached: number; output: number; perMtok: string | null; perRequest: string | null; unpricedRows: number };

export type ExplorerView = {
  range: { from: string; to: string };
  anchor: string;
  /** True when the view read raw usage instead of the rollups (only the benchmark baseline asks for it). */
  raw: boolean;
  /** The chart's bucket: days up to 92 days of range, months beyond (then `series[].day` is the month's first day). */
  interval: 'day' | 'month';
  page: number;
  pages: number;
  total: number;
  /** null when none of the view's usage has a price. */
  totalSpend: string | null;
  unpricedRows: number;
  rows: ExplorerRowView[];
  series: { day: string; key: string; id: string; value: number }[];
  /** False when the workspace has no usage at all (the empty state leads to /uploads). */
  hasUsage: boolean;
};

export type UsageOptions = { options: { dim: string; value: string }[] };

export function toExplorerView(r: ExplorerView & Record<string, unknown>): ExplorerView {
  return { range: r.range, anchor: r.anchor, raw: r.raw, interval: r.interval, page: r.page, pages: r.pages, total: r.total, totalSpend: r.totalSpend, unpricedRows: r.unpricedRows, rows: r.rows, series: r.series, hasUsage: r.hasUsage };
}
