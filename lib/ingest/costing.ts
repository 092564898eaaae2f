import type { PriceBook } from '@/lib/pricing/candidates';
import type { PriceCandidate, PriceInForce } from '@/lib/pricing/in-force';
import { priceInForce } from '@/lib/pricing/in-force';
import type { UsageRecord } from './types';

/**
 * Costing on the ingest path, in TypeScript: the price in force (lib/pricing/in-force.ts, the rule the SQL function
 * `frontier_price_in_force` also states) once per distinct (model, provider, day), then each row's cost in exact
 * integer arithmetic (BigInt fixed point). It computes what `costExpr`/`statusExpr` in db/queries/ingest-sql.ts
 * compute in SQL (re-pricing still runs those): uncached input, cached input and output, batch-aware, rounded half
 * up to 12 decimals, null without a price or without tokens.
 */

/** Prices per 1M tokens as integers at 18 decimals: a numeric(20,10) price times a numeric(7,4) discount (16 decimals), halved for batch, is exact there. */
const SCALE = 18;
/** Cost per row: tokens × price (scale 18) per 1M tokens is scale 24; rounded to 12. */
const TO_COST = 10n ** 12n;
const HALF = TO_COST / 2n;

export type Tariff = {
  input: bigint; cached: bigint; output: bigint; batchInput: bigint; batchOutput: bigint; backdated: boolean;
  /** The same prices as integers at `scale` decimals (≤ 6), when they are that short: see costUnits. */
  units: { scale: number; input: number; cached: number; output: number; batchInput: number; batchOutput: number } | null;
};
export type PriceStatus = 'priced' | 'backdated' | 'no_price' | 'unmapped' | 'cost_only';

/** A decimal string (no exponent, as numeric::text writes it) as an integer at `scale` decimals; refuses to round. */
export function scaled(v: string, scale: number): bigint {
  const neg = v.startsWith('-');
  const s = neg || v.startsWith('+') ? v.slice(1) : v;
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  if (frac.length > scale) {
    if (/[^0]/.test(frac.slice(scale))) throw new RangeError(`${v} has more than ${scale} decimals`);
    frac = frac.slice(0, scale);
  }
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac) || int + frac === '') throw new RangeError(`not a decimal: "${v}"`);
  const n = BigInt(`${int || '0'}${frac.padEnd(scale, '0')}`);
  return neg ? -n : n;
}

/** An integer at 12 decimals as a decimal string (`1234500000000` → `1.2345`). */
export function decimal12(v: bigint): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(13, '0');
  const int = s.slice(0, -12);
  const frac = s.slice(-12).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Exactly `v` divided by `d`, or an error (never a silent rounding). */
function exactDiv(v: bigint, d: bigint): bigint {
  if (v % d !== 0n) throw new RangeError('price arithmetic would round');
  return v / d;
}

/**
 * The tariff in force for (model, price provider, day), cached per triple: the candidate that `priceInForce` picks,
 * with the workspace's discount applied exactly (reference prices only, as the rule says) and the batch prices filled
 * in (the sheet's, else half price at OpenAI and Anthropic).
 */
export function createPricer(book: PriceBook): (modelId: string, provider: string, day: string) => Tariff | null {
  const byPair = new Map<string, PriceCandidate[]>();
  // The rule's completeness floor looks at every complete reference sheet, whatever it prices: one row of each.
  const floors = new Map<string, PriceCandidate>();
  for (const c of book.candidates) {
    const key = `${c.modelId}\u0000${c.providerId}`;
    let list = byPair.get(key);
    if (!list) byPair.set(key, (list = []));
    list.push(c);
    if (c.workspaceId === null && c.complete && !floors.has(c.sheetId)) floors.set(c.sheetId, c);
  }
  const cache = new Map<string, Tariff | null>();
  return (modelId, provider, day) => {
    const key = `${modelId}\u0000${provider}\u0000${day}`;
    let t = cache.get(key);
    if (t !== undefined) return t;
    const own = byPair.get(`${modelId}\u0000${provider}`) ?? [];
    const candidates = [...own, ...[...floors.values()].filter((f) => !own.some((c) => c.sheetId === f.sheetId))];
    const p = priceInForce(candidates, book.discounts, { workspaceId: book.workspaceId, modelId, providerId: provider, day });
    t = p ? tariff(p, provider) : null;
    cache.set(key, t);
    return t;
  };
}

/** The rule's prices (the discount already in, exactly) as integers at 18 decimals, batch prices filled in. */
function tariff(p: PriceInForce, provider: string): Tariff {
  const price = (v: string) => scaled(v, SCALE);
  const input = price(p.inputPerMtok);
  const output = price(p.outputPerMtok);
  const half = provider === 'openai' || provider === 'anthropic';
  const t = {
    input, output,
    cached: p.cachedInputPerMtok === null ? input : price(p.cachedInputPerMtok),
    batchInput: p.batchInputPerMtok === null ? (half ? exactDiv(input, 2n) : input) : price(p.batchInputPerMtok),
    batchOutput: p.batchOutputPerMtok === null ? (half ? exactDiv(output, 2n) : output) : price(p.batchOutputPerMtok),
    backdated: p.backdated,
  };
  return { ...t, units: units(t) };
}

/** The tariff's prices at the fewest decimals (up to 6) that hold them all, as integers small enough to multiply. */
function units(t: Omit<Tariff, 'backdated' | 'units'>): Tariff['units'] {
  const all = [t.input, t.cached, t.output, t.batchInput, t.batchOutput];
  for (let scale = 0; scale <= 6; scale++) {
    const unit = 10n ** BigInt(SCALE - scale);
    if (!all.every((p) => p >= 0n && p % unit === 0n)) continue;
    const [input, cached, output, batchInput, batchOutput] = all.map((p) => p / unit);
    if (all.some((p) => p / unit > BigInt(Number.MAX_SAFE_INTEGER))) return null;
    return { scale, input: Number(input), cached: Number(cached), output: Number(output), batchInput: Number(batchInput), batchOutput: Number(batchOutput) };
  }
  return null;
}

/**
 * A row's cost as an integer number of 10^-(units.scale + 6) dollars, or -1 when it does not fit. Prices of up to 6
 * decimals times whole token counts, per 1M tokens, need at most 12 decimals: nothing to round, so the integer is the
 * exact cost. The arithmetic is on integers in doubles, exact below 2^53: every term is a non-negative integer and at
 * most the total, and a total of 2^53 or more cannot come out below it (rounding is monotonic), so a result at most
 * MAX_SAFE_INTEGER is exact, and anything else goes to costOf's BigInts. Saves a dozen BigInt allocations per row.
 */
export function costUnits(u: NonNullable<Tariff['units']>, r: UsageRecord): number {
  const cached = r.cachedInputTokens;
  const n = (r.inputTokens - cached) * (r.batch ? u.batchInput : u.input) + cached * u.cached + r.outputTokens * (r.batch ? u.batchOutput : u.output);
  return n <= Number.MAX_SAFE_INTEGER ? n : -1;
}

/** A row's cost at 12 decimals (null: no price, or no tokens), as `costExpr` computes it. */
export function costOf(t: Tariff | null, r: UsageRecord): bigint | null {
  if (t === null || (r.inputTokens === 0 && r.outputTokens === 0)) return null;
  const cached = r.cachedInputTokens;
  const num = BigInt(r.inputTokens - cached) * (r.batch ? t.batchInput : t.input) + BigInt(cached) * t.cached
    + BigInt(r.outputTokens) * (r.batch ? t.batchOutput : t.output);
  return (num + HALF) / TO_COST;
}

/** As `statusExpr`. */
export function statusOf(t: Tariff | null, modelId: string | null, r: UsageRecord): PriceStatus {
  if (r.inputTokens === 0 && r.outputTokens === 0) return 'cost_only';
  if (modelId === null) return 'unmapped';
  if (t === null) return 'no_price';
  return t.backdated ? 'backdated' : 'priced';
}
