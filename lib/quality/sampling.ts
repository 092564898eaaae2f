/** The seeded randomness the bootstrap draws from: a small PRNG and an exact binomial sampler. */

/** xoshiro128** seeded through splitmix32: uniform doubles in (0, 1), reproducible from the seed. */
export function createRng(seed: number): () => number {
  let s = Math.trunc(seed) >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return ((r >>> 0) + 0.5) / 4294967296;
  };
}

/**
 * Exact Binomial(n, p) draw: inversion when n·min(p, 1−p) < 10, else Hörmann's BTRS (transformed rejection
 * with squeeze, as PyTorch and TensorFlow use), so one draw costs O(1) however many judgments there are.
 */
export function sampleBinomial(rng: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(rng, n, 1 - p);
  if (n * p < 10) {
    const s = p / (1 - p), a = (n + 1) * s, r0 = Math.exp(n * Math.log1p(-p));
    for (;;) {
      let u = rng(), r = r0, x = 0;
      while (u > r && x <= n) { u -= r; x++; r *= a / x - s; }
      if (x <= n) return x; // else rounding walked off the end: draw again
    }
  }
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p, c = n * p + 0.5, vr = 0.92 - 4.2 / b;
  const r = p / (1 - p), alpha = (2.83 + 5.1 / b) * spq, m = Math.floor((n + 1) * p);
  for (;;) {
    const u = rng() - 0.5, v = rng(), us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lv = Math.log((v * alpha) / (a / (us * us) + b));
    const bound = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + (n + 1) * Math.log((n - m + 1) / (n - k + 1))
      + (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) + stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
    if (lv <= bound) return k;
  }
}

const STIRLING_TAIL = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287];
/** log(k!) − [(k + ½)·log(k + 1) − (k + 1) + ½·log(2π)]. */
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[k]!;
  const kp1 = k + 1, sq = kp1 * kp1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / sq) / sq) / kp1;
}
