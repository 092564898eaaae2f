/**
 * A model that never wins (takes no point: no win, no tie) or never loses has its Bradley–Terry MLE at −∞ / +∞:
 * any finite Elo is an artefact of the solver, and a bootstrap cannot widen it (no resample ever holds the win it
 * never had), so FastChat-style fits show such a model with a tight ±45 interval around a made-up number.
 *
 * Point estimate: Haldane's correction, the weakest prior that keeps the rating finite: the model is credited half a
 * win (half a loss), spread over its opponents in proportion to the judgments it had with each. Against one
 * opponent after n straight losses that puts it 400·log10(n / ½) below, 520 Elo for n = 10. Every other model's
 * judgments are untouched, and a fit with no such model gets no pseudo-count at all (FastChat's numbers, exactly).
 *
 * Interval: open on the unbounded side (null), and on the other the exact one-sided 97.5% bound: the Elo at which a
 * model would take no point in its n judgments, against those opponents at their fitted Elo, with probability 2.5%
 * (the binomial's Clopper–Pearson bound, 1 − 0.025^(1/n) against one opponent). It treats the opponents' Elo as known,
 * so it is a little narrower than the truth when they are uncertain too.
 *
 * Not covered: two groups that never met, or a group that beat everyone outside it without any one model being
 * unbeaten. Their gaps still rest on the solver's tiny ridge (see bradley-terry.ts), and no model is flagged.
 */

export const PSEUDO_COUNT = 0.5;
/** One tail of the 95% interval, as the bootstrap's 2.5% / 97.5% quantiles use. */
export const TAIL = 0.025;
const K = Math.log(10) / 400;

export type OpenSide = 'never_wins' | 'never_loses' | null;
type Cells = { pi: Int32Array; pj: Int32Array; winI: Float64Array; winJ: Float64Array; tie: Float64Array };

/** Half a win (or loss) per open model, split over its cells by judgments; null when no model is open. */
export function pseudoCounts(t: Cells, open: OpenSide[], battles: number[]): { addI: Float64Array; addJ: Float64Array } | null {
  if (!open.some((o) => o !== null)) return null;
  const P = t.pi.length, addI = new Float64Array(P), addJ = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const i = t.pi[p]!, j = t.pj[p]!, n = t.winI[p]! + t.winJ[p]! + t.tie[p]!;
    // A point credited to i is a win for i; half a loss for i is half a win for j.
    if (open[i] === 'never_wins') addI[p] = addI[p]! + (PSEUDO_COUNT * n) / battles[i]!;
    if (open[i] === 'never_loses') addJ[p] = addJ[p]! + (PSEUDO_COUNT * n) / battles[i]!;
    if (open[j] === 'never_wins') addJ[p] = addJ[p]! + (PSEUDO_COUNT * n) / battles[j]!;
    if (open[j] === 'never_loses') addI[p] = addI[p]! + (PSEUDO_COUNT * n) / battles[j]!;
  }
  return { addI, addJ };
}

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * The bounded side of an open model's 95% interval: for `never_wins` the highest Elo R with
 * P(no point in any judgment | R) ≥ 2.5%, for `never_loses` the lowest with P(every judgment won | R) ≥ 2.5%.
 */
export function oneSidedBound(opponents: { elo: number; n: number }[], side: 'never_wins' | 'never_loses'): number {
  // log P(the run seen | R): a sum of log-logistic terms, monotone in R, so bisection finds the crossing.
  const logP = (r: number) => opponents.reduce((s, o) => s - o.n * softplus((side === 'never_wins' ? 1 : -1) * (r - o.elo) * K), 0);
  const target = Math.log(TAIL);
  let lo = Math.min(...opponents.map((o) => o.elo)) - 5000, hi = Math.max(...opponents.map((o) => o.elo)) + 5000;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    // never_wins: logP falls as R rises; the bound is where it crosses the target from above.
    const above = logP(mid) > target;
    if (side === 'never_wins' ? above : !above) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
