import type { PriceRow } from './types';
import { D, parseDecimal, toDecimalString } from '@/lib/money';

/**
 * Which price is in force for (workspace, model, provider) on a day. Pure: the caller loads the candidate
 * price rows and discounts; this decides. Days and effective dates are ISO `YYYY-MM-DD` strings, so they
 * compare as strings.
 *
 * The rule, in order:
 * (a) Workspace prices first. Among the rows of the asking workspace (workspaceId = q.workspaceId) for the
 *     pair, the one with the latest effectiveFrom ≤ day wins over any reference price: a workspace states its
 *     own price (a negotiated rate, a self-hosted cost) on purpose. Workspace sheets have no completeness
 *     floor: a workspace price stays in force until the workspace states a newer one.
 * (b) Otherwise reference prices (workspaceId null): the latest effectiveFrom ≤ day, looking no further back
 *     than the newest COMPLETE reference sheet ≤ day. A complete sheet (a whole LiteLLM map) replaces
 *     everything before it, so a pair it no longer lists is not priced by an older sheet. The floor is taken
 *     over every complete reference candidate passed in, whatever its model or provider: a loader that
 *     filters candidates by pair must still pass one row of each complete reference sheet, or the floor is
 *     not seen. (This is the rule the ingest SQL applies, see db/queries/ingest-sql.ts.)
 * (c) If neither gives a price, the EARLIEST price after the day, reference or the workspace's own, marked
 *     `backdated: true`: a price stated later is a better estimate than none, and the flag says so.
 * (d) A provider discount of the workspace (the latest effectiveFrom ≤ day for that provider, always judged
 *     on q.day, also for a backdated price) applies to REFERENCE prices only: a workspace's own price is
 *     already the negotiated price, and discounting it again would count the discount twice. It scales the
 *     input, output, cached and batch prices by (1 − percent/100), exactly in decimals.
 * (e) Prices and discounts of other workspaces are never used.
 *
 * Ties on one effectiveFrom (two sheets of the same date) go to the more deliberate source (override, then
 * manual, then csv, then litellm: a hand-entered row corrects the community map), then to the greater sheetId,
 * so that the answer never depends on the order the loader returned rows in. In (c) a workspace price beats a
 * reference price of the same date, as in (a).
 */

export type PriceCandidate = Omit<PriceRow, 'currency' | 'sourceKey'> & {
  sheetId: string;
  workspaceId: string | null;
  source: 'litellm' | 'csv' | 'manual' | 'override';
  complete: boolean;
  effectiveFrom: string;
};

/** `percent` is a decimal string: '15' = 15% off. */
export type ProviderDiscount = { workspaceId: string; providerId: string; percent: string; effectiveFrom: string };

export type PriceInForce = {
  inputPerMtok: string;
  outputPerMtok: string;
  cachedInputPerMtok: string | null;
  batchInputPerMtok: string | null;
  batchOutputPerMtok: string | null;
  sheetId: string;
  effectiveFrom: string;
  origin: 'override' | 'reference';
  backdated: boolean;
  /** The discount applied (normalized, e.g. '15'), or null when none applied. */
  discountPercent: string | null;
};

export type PriceQuery = { workspaceId: string; modelId: string; providerId: string; day: string };

const SOURCE_RANK: Record<PriceCandidate['source'], number> = { override: 3, manual: 2, csv: 1, litellm: 0 };

/** Positive when `a` should win over `b` at the same effective date. */
function tieBreak(a: PriceCandidate, b: PriceCandidate): number {
  return SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || (a.sheetId > b.sheetId ? 1 : a.sheetId < b.sheetId ? -1 : 0);
}

/** The candidate with the latest effectiveFrom (ties by tieBreak), or null. */
function latest(rows: readonly PriceCandidate[]): PriceCandidate | null {
  let best: PriceCandidate | null = null;
  for (const r of rows) {
    if (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && tieBreak(r, best) > 0)) best = r;
  }
  return best;
}

export function priceInForce(
  candidates: readonly PriceCandidate[],
  discounts: readonly ProviderDiscount[],
  q: PriceQuery,
): PriceInForce | null {
  const { day } = q;
  const own: PriceCandidate[] = [];
  const reference: PriceCandidate[] = [];
  let floor = '';
  for (const c of candidates) {
    // (b) The completeness floor looks at every reference row, not just this pair's: a complete sheet that
    // does not list the pair is exactly the case it exists for.
    if (c.workspaceId === null && c.complete && c.effectiveFrom <= day && c.effectiveFrom > floor) floor = c.effectiveFrom;
    if (c.modelId !== q.modelId || c.providerId !== q.providerId) continue;
    if (c.workspaceId === q.workspaceId) own.push(c);
    else if (c.workspaceId === null) reference.push(c);
    // (e) Any other workspace's row is dropped here.
  }

  const ownHit = latest(own.filter((c) => c.effectiveFrom <= day));
  if (ownHit) return result(ownHit, 'override', false, null);

  const refHit = latest(reference.filter((c) => c.effectiveFrom <= day && c.effectiveFrom >= floor));
  if (refHit) return result(refHit, 'reference', false, discountFor(discounts, q));

  // (c) Earliest price after the day; the workspace's own wins a same-date tie.
  let later: PriceCandidate | null = null;
  let laterOwn = false;
  for (const [rows, isOwn] of [[own, true], [reference, false]] as const) {
    for (const c of rows) {
      if (c.effectiveFrom <= day) continue;
      const better = !later || c.effectiveFrom < later.effectiveFrom
        || (c.effectiveFrom === later.effectiveFrom && (isOwn && !laterOwn || isOwn === laterOwn && tieBreak(c, later) > 0));
      if (better) { later = c; laterOwn = isOwn; }
    }
  }
  if (!later) return null;
  return laterOwn ? result(later, 'override', true, null) : result(later, 'reference', true, discountFor(discounts, q));
}

/** (d) The workspace's discount for the provider in force on the day, normalized; null when there is none. */
function discountFor(discounts: readonly ProviderDiscount[], q: PriceQuery): string | null {
  let best: ProviderDiscount | null = null;
  for (const d of discounts) {
    if (d.workspaceId !== q.workspaceId || d.providerId !== q.providerId || d.effectiveFrom > q.day) continue;
    // Several discounts on one date should not happen; the first listed wins so the answer is stable.
    if (!best || d.effectiveFrom > best.effectiveFrom) best = d;
  }
  if (!best) return null;
  const pct = parseDecimal(best.percent);
  // A percent outside 0..100 would make prices negative or raise them: a data error, not something to price with.
  if (pct.isNeg() || pct.gt(100)) throw new RangeError(`discount of ${best.percent}% for ${best.providerId} is not between 0 and 100`);
  return toDecimalString(pct);
}

function result(c: PriceCandidate, origin: PriceInForce['origin'], backdated: boolean, discountPercent: string | null): PriceInForce {
  const factor = discountPercent === null ? null : new D(1).minus(new D(discountPercent).div(100));
  // Exact, as the SQL function computes it: a price of 10 decimals times (1 − a percent of 4 decimals / 100) has at most
  // 16, and the ingest costs rows with these very strings.
  const scale = (v: string): string => toDecimalString(factor ? parseDecimal(v).times(factor) : parseDecimal(v), 16);
  const scaleOrNull = (v: string | null): string | null => (v === null ? null : scale(v));
  return {
    inputPerMtok: scale(c.inputPerMtok),
    outputPerMtok: scale(c.outputPerMtok),
    cachedInputPerMtok: scaleOrNull(c.cachedInputPerMtok),
    batchInputPerMtok: scaleOrNull(c.batchInputPerMtok),
    batchOutputPerMtok: scaleOrNull(c.batchOutputPerMtok),
    sheetId: c.sheetId,
    effectiveFrom: c.effectiveFrom,
    origin,
    backdated,
    discountPercent,
  };
}
