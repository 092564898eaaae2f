import Decimal from 'decimal.js';

/**
 * The lab's statistics, pure. ratio = Σ target tokens / Σ source tokens over the samples (a ratio of sums, so long
 * samples weigh as much as the tokens they carry); its 95% range is a percentile bootstrap over samples: draw n
 * samples with replacement, take the ratio of sums, `rounds` times, seeded so the same file gives the same range.
 */
export type RatioStat = { samples: number; fromTokens: number; toTokens: number; ratio: string; ratioLower: string; ratioUpper: string };

export const DEFAULT_ROUNDS = 1000;
export const DEFAULT_SEED = 20240419;

/** mulberry32: small, fast, seedable; good enough to resample. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function exactRatio(to: number, from: number): string {
  if (from === 0) return '0.000000';
  return new Decimal(to).div(from).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
}

/** Type-7 quantile (as R and numpy default) of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

type Yield = () => Promise<void>;

/**
 * Ratio of sums with its bootstrap range. `from`/`to` are per-sample counts (only the first `n` entries are read);
 * samples with no source and no target tokens are left out of n (they carry no information).
 */
export async function ratioStat(from: ArrayLike<number>, to: ArrayLike<number>, n: number, opts: { rounds?: number; seed?: number; yieldEvery?: Yield } = {}): Promise<RatioStat> {
  const idx: number[] = [];
  let sf = 0;
  let st = 0;
  for (let i = 0; i < n; i++) {
    if (from[i]! === 0 && to[i]! === 0) continue;
    idx.push(i);
    sf += from[i]!;
    st += to[i]!;
  }
  const m = idx.length;
  const ratio = exactRatio(st, sf);
  if (m <= 1 || sf === 0) return { samples: m, fromTokens: sf, toTokens: st, ratio, ratioLower: ratio, ratioUpper: ratio };
  const f = Float64Array.from(idx, (i) => from[i]!);
  const t = Float64Array.from(idx, (i) => to[i]!);
  const rounds = opts.rounds ?? DEFAULT_ROUNDS;
  const rand = seededRandom(opts.seed ?? DEFAULT_SEED);
  const out = new Float64Array(rounds);
  let k = 0;
  let started = performance.now();
  for (let r = 0; r < rounds; r++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < m; j++) {
      const i = (rand() * m) | 0;
      a += f[i]!;
      b += t[i]!;
    }
    if (a > 0) out[k++] = b / a;
    if (opts.yieldEvery && performance.now() - started > 15) { await opts.yieldEvery(); started = performance.now(); }
  }
  const sorted = out.subarray(0, k).sort();
  return { samples: m, fromTokens: sf, toTokens: st, ratio, ratioLower: quantile(sorted, 0.025).toFixed(6), ratioUpper: quantile(sorted, 0.975).toFixed(6) };
}

export type Bin = { lo: number; hi: number; label: string; count: number };
export type Distribution = { bins: Bin[]; median: number; p10: number; p90: number; samples: number };

/** Per-sample ratios (target ÷ source, samples with source tokens only) as histogram bins 0.05–0.25 wide. */
export function ratioDistribution(from: ArrayLike<number>, to: ArrayLike<number>, n: number): Distribution | null {
  const rs: number[] = [];
  for (let i = 0; i < n; i++) if (from[i]! > 0) rs.push(to[i]! / from[i]!);
  if (rs.length === 0) return null;
  const sorted = Float64Array.from(rs).sort();
  const p1 = quantile(sorted, 0.01);
  const p99 = quantile(sorted, 0.99);
  const span = Math.max(p99 - p1, 0.1);
  const width = span <= 1 ? 0.05 : span <= 2 ? 0.1 : 0.25;
  const lo = Math.floor(p1 / width) * width;
  const count = Math.min(40, Math.max(1, Math.ceil((p99 - lo) / width + 1e-9)));
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const a = lo + i * width;
    return { lo: round(a), hi: round(a + width), label: `${round(a).toFixed(2)}–${round(a + width).toFixed(2)}`, count: 0 };
  });
  for (const r of sorted) {
    const i = Math.min(count - 1, Math.max(0, Math.floor((r - lo) / width + 1e-9)));
    bins[i]!.count++;
  }
  if (sorted[0]! < lo) bins[0]!.label = `< ${bins[0]!.hi.toFixed(2)}`;
  if (sorted[sorted.length - 1]! >= bins[count - 1]!.hi) bins[count - 1]!.label = `≥ ${bins[count - 1]!.lo.toFixed(2)}`;
  return { bins, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), samples: sorted.length };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
