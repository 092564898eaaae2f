import type { ExplorerParams } from '@/lib/usage/explorer-params';
import type { ReconciliationParams } from '@/lib/usage/reconciliation';

/**
 * One key per dashboard query, shared by the server prefetch (which calls db/queries directly) and the client hook
 * (which calls the /api/v1 route), so the hydrated data is found under the same key.
 */
export const OVERVIEW_GROUP_VALUES = ['model', 'provider', 'project', 'key'] as const;
export type OverviewBy = (typeof OVERVIEW_GROUP_VALUES)[number];

export function parseOverviewBy(v: string | null | undefined): OverviewBy {
  return (OVERVIEW_GROUP_VALUES as readonly string[]).includes(v ?? '') ? (v as OverviewBy) : 'model';
}

export function overviewKey(by: OverviewBy) {
  return ['dashboard:overview', { by }] as const;
}

function clean(p: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    const s = Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v);
    if (s) out[k] = s;
  }
  return out;
}

export function explorerKey(p: ExplorerParams) {
  return ['usage:explore', clean(p)] as const;
}

/** Filter values change only with uploads (and users with the range): fetched once per range. */
export function usageOptionsKey(range: { from: string; to: string }) {
  return ['usage:options', range] as const;
}

export function reconciliationKey(p: ReconciliationParams) {
  return ['usage:reconciliation', clean(p)] as const;
}
