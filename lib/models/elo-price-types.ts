import type { EloPricePoint, TokenMix } from '@/lib/quality/frontier';

/** What crosses to the browser for the Models view: plain JSON, prices as decimal strings. */
/** `own` marks a workspace's own snapshot (its judgments or an imported board), picked by id rather than date. */
export type SnapshotOption = { id: string; name: string; asOf: string; category: string; models: number; own: boolean };
export type PriceDateOption = { effectiveFrom: string; name: string; prices: number };

export type EloPriceView = {
  snapshot: SnapshotOption | null;
  priceDate: string | null;
  mix: TokenMix;
  points: EloPricePoint[];
  /** Models with an Elo in the snapshot but no price in force on the day (listed, not plotted). */
  unpriced: { modelId: string; name: string; elo: number }[];
  options: { snapshots: SnapshotOption[]; priceDates: PriceDateOption[] };
  /** The workspace's own mix ("your usage" on): spend per model over the period, its actual input:output ratio. */
  usage?: YourUsage | null;
};

export type YourUsage = {
  from: string;
  to: string;
  /** Priced spend; null when none of the period's usage has a price. */
  total: string | null;
  /** input:output tokens over the period (null without output tokens); the chart blends at it unless a mix is chosen. */
  mix: TokenMix | null;
  /** spend and share null: the model's usage has no price (unpriced is never $0). */
  models: { modelId: string; name: string; spend: string | null; share: number | null; onChart: boolean }[];
};
