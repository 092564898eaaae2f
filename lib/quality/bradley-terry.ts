import { ratingFlags, type RatingFlag } from './flags';
import { DEFAULT_CATEGORY, type Judgment } from './judgments';
import { createRng, sampleBinomial } from './sampling';
import { oneSidedBound, pseudoCounts, type OpenSide } from './separation';

export { createRng, sampleBinomial } from './sampling';

/**
 * Bradley–Terry ratings from pairwise judgments, fitted the way LMSYS/FastChat fits Chatbot Arena
 * (`compute_elo_mle_with_tie`, later `compute_bt` + `compute_bootstrap_bt`), so our Elo reads like theirs:
 *  - P(a beats b) = 1 / (1 + 10^((R_b − R_a) / 400)); a tie (both-bad too) is half a win for each side;
 *  - maximum likelihood on the weighted log-loss, no intercept (seat order carries no advantage), so
 *    judgments collapse to one (wins_i, wins_j, ties) cell per unordered pair and a fit costs O(pairs + m³);
 *  - ratings are 400·β + 1000 with β centred (mean 1000), or shifted so an anchor model gets its Elo;
 *  - 95% CI = 2.5% / 97.5% quantiles (linear, as numpy) over bootstrap fits of multinomially resampled cell
 *    counts (FastChat's `rng.multinomial(n, weights / weights.sum())`), each anchored the same way; the
 *    point estimate is the full-data fit, not the bootstrap median.
 *
 * Solver: damped Newton on the centred ratings (the likelihood only sees differences). The MLE exists iff the
 * "beat-or-tied" digraph is strongly connected (Zermelo/Ford). A model that never wins or never loses is flagged,
 * credited half a point and given a one-sided interval (lib/quality/separation.ts). When the digraph is still not
 * strongly connected — two groups never compared — the exact MLE runs off to infinity, and we add a ridge
 * λ/2·‖β‖² with λ = 1e-6 per judgment. That keeps such ratings finite (very high / very low, as FastChat's
 * iteration-capped L-BFGS also leaves them) and pins each disconnected group's mean to 1000; otherwise there is
 * no ridge at all. Every rating carries its flags (lib/quality/flags.ts), few judgments included.
 */
export type Rating = {
  /** A null bound is open: the model never won (no lower bound) or never lost (no upper bound). */
  model: string; elo: number; ciLower: number | null; ciUpper: number | null;
  battles: number; wins: number; losses: number; ties: number; flags: RatingFlag[];
};
export type FitOptions = { anchor?: { model: string; elo: number }; rounds?: number; seed?: number };

export const SCALE = 400;
export const BASE = 10;
export const INIT_RATING = 1000;
export const RIDGE = 1e-6;
export const DEFAULT_ROUNDS = 100;
const ELO_PER_LOGIT = SCALE / Math.log(BASE);

/** Aggregated judgments: one entry per unordered pair that met, counts kept integral for resampling. */
type Table = {
  models: string[]; stats: { battles: number; wins: number; losses: number; ties: number }[]; pi: Int32Array; pj: Int32Array;
  winI: Float64Array; winJ: Float64Array; tie: Float64Array; n: number;
};

export function fitBradleyTerry(judgments: Judgment[], opts: FitOptions = {}): Rating[] {
  const rounds = opts.rounds ?? DEFAULT_ROUNDS;
  // Fewer than 100 draws put the 2.5% quantile within two samples of the extreme: not a CI worth showing.
  if (!Number.isInteger(rounds) || rounds < 100) throw new RangeError(`rounds must be an integer ≥ 100, got ${rounds}`);
  const seed = opts.seed ?? 0;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const t = tabulate(judgments);
  const m = t.models.length;
  if (m < 2) throw new Error(`the judgments name ${m === 0 ? 'no model' : `only one model (${t.models[0]})`}: a rating needs at least two`);
  const anchorIdx = opts.anchor ? t.models.indexOf(opts.anchor.model) : -1;
  if (opts.anchor && anchorIdx === -1) throw new Error(`anchor model "${opts.anchor.model}" does not appear in the judgments`);
  const anchorElo = opts.anchor?.elo ?? INIT_RATING;

  const flags = t.stats.map(ratingFlags);
  const open: OpenSide[] = flags.map((fs) => fs.find((f) => f.flag !== 'few_judgments')?.flag as OpenSide ?? null);
  // The same fixed pseudo-counts in the full fit and every bootstrap round; none at all when no model is open.
  const extra = pseudoCounts(t, open, t.stats.map((s) => s.battles));
  const plus = (a: Float64Array, b: Float64Array | undefined) => { if (b) for (let p = 0; p < a.length; p++) a[p] = a[p]! + b[p]!; return a; };
  const ws = workspace(m, t.pi.length);
  const theta = solve(t, plus(Float64Array.from(t.winI), extra?.addI), plus(Float64Array.from(t.winJ), extra?.addJ), t.tie, new Float64Array(m), ws);
  const elo = toElo(theta, anchorIdx, anchorElo);

  // Bootstrap: each round redraws all n judgments over the cells, warm-started from the full fit.
  const rng = createRng(seed);
  const boot = new Float64Array(rounds * m);
  const bI = new Float64Array(t.pi.length), bJ = new Float64Array(t.pi.length), bT = new Float64Array(t.pi.length);
  for (let r = 0; r < rounds; r++) {
    resample(t, rng, bI, bJ, bT);
    const th = solve(t, plus(bI, extra?.addI), plus(bJ, extra?.addJ), bT, theta, ws);
    boot.set(toElo(th, anchorIdx, anchorElo), r * m);
  }

  const column = new Float64Array(rounds);
  const out: Rating[] = t.models.map((model, i) => {
    const base = { model, elo: elo[i]!, ...t.stats[i]!, flags: flags[i]! };
    const side = open[i];
    if (side) {
      // No resample holds the point it never took: the bootstrap would only echo the pseudo-count. See separation.ts.
      const opponents: { elo: number; n: number }[] = [];
      for (let p = 0; p < t.pi.length; p++) {
        const other = t.pi[p] === i ? t.pj[p]! : t.pj[p] === i ? t.pi[p]! : -1;
        if (other >= 0) opponents.push({ elo: elo[other]!, n: t.winI[p]! + t.winJ[p]! + t.tie[p]! });
      }
      const bound = oneSidedBound(opponents, side);
      return { ...base, ciLower: side === 'never_wins' ? null : bound, ciUpper: side === 'never_wins' ? bound : null };
    }
    for (let r = 0; r < rounds; r++) column[r] = boot[r * m + i]!;
    column.sort();
    return { ...base, ciLower: quantile(column, 0.025), ciUpper: quantile(column, 0.975) };
  });
  return out.sort((a, b) => b.elo - a.elo || a.model.localeCompare(b.model));
}

/**
 * 'overall' (every judgment) plus each category fitted on its own judgments. A category that lacks the anchor
 * model falls back to mean 1000, as FastChat's `scale_and_offset` does when the baseline model is absent.
 */
export function fitByCategory(judgments: Judgment[], opts: FitOptions = {}): Record<string, Rating[]> {
  const groups = new Map<string, Judgment[]>();
  for (const j of judgments) {
    if (j.category === DEFAULT_CATEGORY) continue;
    const g = groups.get(j.category);
    if (g) g.push(j); else groups.set(j.category, [j]);
  }
  const out: Record<string, Rating[]> = { [DEFAULT_CATEGORY]: fitBradleyTerry(judgments, opts) };
  for (const [category, js] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const hasAnchor = !opts.anchor || js.some((j) => j.modelA === opts.anchor!.model || j.modelB === opts.anchor!.model);
    out[category] = fitBradleyTerry(js, hasAnchor ? opts : { ...opts, anchor: undefined });
  }
  return out;
}

function tabulate(judgments: Judgment[]): Table {
  const names = new Set<string>();
  for (const j of judgments) { names.add(j.modelA); names.add(j.modelB); }
  const models = [...names].sort(); // FastChat sorts too; it also makes the fit independent of row order
  const index = new Map(models.map((name, i) => [name, i]));
  const m = models.length;
  const cellOf = new Int32Array(m * m).fill(-1);
  const pi: number[] = [], pj: number[] = [], wI: number[] = [], wJ: number[] = [], tie: number[] = [];
  const stats = models.map(() => ({ battles: 0, wins: 0, losses: 0, ties: 0 }));
  for (const jd of judgments) {
    const a = index.get(jd.modelA)!, b = index.get(jd.modelB)!;
    if (a === b) throw new Error(`self-battle in the judgments: ${jd.modelA} against itself`);
    const i = Math.min(a, b), j = Math.max(a, b);
    let c = cellOf[i * m + j]!;
    if (c === -1) { c = pi.length; cellOf[i * m + j] = c; pi.push(i); pj.push(j); wI.push(0); wJ.push(0); tie.push(0); }
    const sa = stats[a]!, sb = stats[b]!;
    sa.battles++; sb.battles++;
    if (jd.winner === 'tie') { tie[c]!++; sa.ties++; sb.ties++; continue; }
    const winner = jd.winner === 'a' ? a : b, loser = jd.winner === 'a' ? b : a;
    if (winner === i) wI[c]!++; else wJ[c]!++;
    stats[winner]!.wins++; stats[loser]!.losses++;
  }
  return {
    models, stats, pi: Int32Array.from(pi), pj: Int32Array.from(pj),
    winI: Float64Array.from(wI), winJ: Float64Array.from(wJ), tie: Float64Array.from(tie), n: judgments.length,
  };
}

/** Scratch arrays reused by every fit of one call, so bootstrap rounds allocate next to nothing. */
type Workspace = {
  g: Float64Array; h: Float64Array; step: Float64Array; trial: Float64Array;
  seen: Uint8Array; queue: Int32Array; start: Int32Array; adj: Int32Array;
};
const workspace = (m: number, pairs: number): Workspace => ({
  g: new Float64Array(m), h: new Float64Array(m * m), step: new Float64Array(m), trial: new Float64Array(m),
  seen: new Uint8Array(m), queue: new Int32Array(m), start: new Int32Array(m + 1), adj: new Int32Array(2 * pairs),
});

/** Centred logit-scale ratings (θ = ln10·β) maximising the tie-as-half-win likelihood; see the header. */
function solve(t: Table, winI: Float64Array, winJ: Float64Array, tie: Float64Array, start: Float64Array, ws: Workspace): Float64Array {
  const m = t.models.length, P = t.pi.length, total = t.n;
  const lambda = stronglyConnected(t, winI, winJ, tie, ws) ? 0 : RIDGE;
  const theta = Float64Array.from(start);
  const { g, h, step, trial } = ws;
  // Weights per judgment (÷ n), so the ridge and the tolerances mean the same at any sample size.
  const loss = (th: Float64Array) => {
    let l = 0;
    for (let p = 0; p < P; p++) {
      const d = th[t.pi[p]!]! - th[t.pj[p]!]!, half = tie[p]! / 2;
      l += (winI[p]! + half) * softplus(-d) + (winJ[p]! + half) * softplus(d);
    }
    let r = 0;
    for (let i = 0; i < m; i++) r += th[i]! * th[i]!;
    return l / total + (lambda / 2) * r;
  };
  let current = loss(theta);
  for (let iter = 0; iter < 200; iter++) {
    g.fill(0); h.fill(0);
    for (let p = 0; p < P; p++) {
      const i = t.pi[p]!, j = t.pj[p]!;
      const n = winI[p]! + winJ[p]! + tie[p]!;
      if (n === 0) continue;
      const s = 1 / (1 + Math.exp(theta[j]! - theta[i]!));
      const gd = (n * s - winI[p]! - tie[p]! / 2) / total, hd = (n * s * (1 - s)) / total;
      g[i] = g[i]! + gd; g[j] = g[j]! - gd;
      const ii = i * m + i, jj = j * m + j, ij = i * m + j, ji = j * m + i;
      h[ii] = h[ii]! + hd; h[jj] = h[jj]! + hd; h[ij] = h[ij]! - hd; h[ji] = h[ji]! - hd;
    }
    // + λI for the ridge; + 11ᵀ/m fills the one flat direction (a common shift), which g never points along.
    for (let i = 0; i < m; i++) {
      g[i] = g[i]! + lambda * theta[i]!;
      for (let j = 0; j < m; j++) h[i * m + j] = h[i * m + j]! + 1 / m + (i === j ? lambda : 0);
    }
    for (let i = 0; i < m; i++) step[i] = -g[i]!;
    choleskySolve(h, step, m);
    let maxStep = 0, slope = 0;
    for (let i = 0; i < m; i++) { maxStep = Math.max(maxStep, Math.abs(step[i]!)); slope += g[i]! * step[i]!; }
    // Close to the optimum Newton converges quadratically and the loss no longer changes at double precision
    // (a line search there would halve forever on rounding noise): take the full step; stop once it is nil.
    if (maxStep < 1e-4) {
      for (let i = 0; i < m; i++) theta[i] = theta[i]! + step[i]!;
      if (maxStep < 1e-10) break;
      current = loss(theta);
      continue;
    }
    // Backtracking (Armijo): full Newton steps can overshoot while a ridged rating is still running away.
    let a = 1, accepted = false;
    for (let k = 0; k < 40 && !accepted; k++, a /= 2) {
      for (let i = 0; i < m; i++) trial[i] = theta[i]! + a * step[i]!;
      const next = loss(trial);
      if (next <= current + 1e-4 * a * slope) { current = next; accepted = true; theta.set(trial); }
    }
    if (!accepted) break; // no descent left at double precision: as converged as it gets
  }
  let mean = 0;
  for (let i = 0; i < m; i++) mean += theta[i]! / m;
  return theta.map((x) => x - mean);
}

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * Is every model reachable from model 0 along "i beat or tied j" edges, and back? Two BFS over an adjacency
 * list rebuilt per fit (a resample can empty a cell): O(models + pairs).
 */
function stronglyConnected(t: Table, winI: Float64Array, winJ: Float64Array, tie: Float64Array, ws: Workspace): boolean {
  const m = t.models.length, P = t.pi.length, { seen, queue, start, adj } = ws;
  for (const forward of [true, false]) {
    // Walking backwards is walking the reversed edges: swap which side's wins make an edge.
    const edge = (p: number, fromI: boolean) => tie[p]! > 0 || (fromI === forward ? winI[p]! : winJ[p]!) > 0;
    start.fill(0);
    for (let p = 0; p < P; p++) {
      if (edge(p, true)) start[t.pi[p]! + 1] = start[t.pi[p]! + 1]! + 1;
      if (edge(p, false)) start[t.pj[p]! + 1] = start[t.pj[p]! + 1]! + 1;
    }
    for (let i = 0; i < m; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const fill = Int32Array.from(start);
    for (let p = 0; p < P; p++) {
      if (edge(p, true)) { const i = t.pi[p]!; adj[fill[i]!] = t.pj[p]!; fill[i] = fill[i]! + 1; }
      if (edge(p, false)) { const j = t.pj[p]!; adj[fill[j]!] = t.pi[p]!; fill[j] = fill[j]! + 1; }
    }
    seen.fill(0); seen[0] = 1; queue[0] = 0;
    let head = 0, tail = 1;
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = start[u]!; e < start[u + 1]!; e++) {
        const v = adj[e]!;
        if (!seen[v]) { seen[v] = 1; queue[tail++] = v; }
      }
    }
    if (tail < m) return false;
  }
  return true;
}

/** In-place Cholesky of the (symmetric positive definite) m×m matrix a, then solves a·x = b into b. */
function choleskySolve(a: Float64Array, b: Float64Array, m: number) {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j]!;
    for (let k = 0; k < j; k++) d -= a[j * m + k]! ** 2;
    const l = Math.sqrt(Math.max(d, 1e-300));
    a[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= a[i * m + k]! * a[j * m + k]!;
      a[i * m + j] = s / l;
    }
  }
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * m + k]! * b[k]!;
    b[i] = s / a[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < m; k++) s -= a[k * m + i]! * b[k]!;
    b[i] = s / a[i * m + i]!;
  }
}

function toElo(theta: Float64Array, anchorIdx: number, anchorElo: number): Float64Array {
  // Written relative to the anchor so the anchored model lands on its Elo exactly, not within rounding.
  const base = anchorIdx === -1 ? 0 : theta[anchorIdx]!;
  return theta.map((x) => anchorElo + (x - base) * ELO_PER_LOGIT);
}

/** Multinomial(n, counts / n) over the 3·pairs cells by sequential conditional binomials: O(cells) a round. */
function resample(t: Table, rng: () => number, bI: Float64Array, bJ: Float64Array, bT: Float64Array) {
  let left = t.n, leftWeight = t.n;
  const draw = (count: number) => {
    if (count === 0 || left === 0) return 0;
    const x = count >= leftWeight ? left : sampleBinomial(rng, left, count / leftWeight);
    left -= x; leftWeight -= count;
    return x;
  };
  for (let p = 0; p < t.pi.length; p++) {
    bI[p] = draw(t.winI[p]!); bJ[p] = draw(t.winJ[p]!); bT[p] = draw(t.tie[p]!);
  }
}

/** numpy's default (linear) quantile of an ascending array. */
export function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q, lo = Math.floor(h);
  const a = sorted[lo]!, b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}
