/**
 * Warnings that travel with a fitted Elo. Pure and client-safe: the Quality page, the CLI and the fit share them.
 *
 * - `never_wins` / `never_loses`: the model took no point (no win, no tie) or dropped none. Its maximum-likelihood
 *   rating is −∞ / +∞, so the Elo shown is a regularised estimate (see lib/quality/separation.ts) and the interval is
 *   open on that side: nothing in the data bounds how bad (or good) it is.
 * - `few_judgments`: fewer than MIN_JUDGMENTS judgments. At 30 judgments an evenly matched model's score is known
 *   to ±0.18 (95%), about ±125 Elo, wider than the gap between most neighbours on a leaderboard, and a percentile
 *   bootstrap of so few draws under-covers; below that, read the rank as a guess.
 */
export const MIN_JUDGMENTS = 30;

export type RatingFlagKind = 'never_wins' | 'never_loses' | 'few_judgments';
export type RatingFlag = { flag: RatingFlagKind; judgments: number };

/** Flags from a model's record in the judgments it was fitted on. Ties are half a win, so they break both runs. */
export function ratingFlags(s: { battles: number; wins: number; losses: number; ties: number }): RatingFlag[] {
  const out: RatingFlag[] = [];
  if (s.battles > 0 && s.wins + s.ties === 0) out.push({ flag: 'never_wins', judgments: s.battles });
  if (s.battles > 0 && s.losses + s.ties === 0) out.push({ flag: 'never_loses', judgments: s.battles });
  if (s.battles < MIN_JUDGMENTS) out.push({ flag: 'few_judgments', judgments: s.battles });
  return out;
}

/**
 * The same flags read back from a stored score, which keeps no win/loss record: an own-judgments fit stores an
 * open interval side as null exactly when the model never won (no lower bound) or never lost (no upper bound), and
 * its votes are the judgments. Arena boards leave both bounds null when they publish none, so only `few_judgments`
 * is read from them.
 */
export function storedScoreFlags(s: { ciLower: number | null; ciUpper: number | null; votes: number | null }, source: string): RatingFlag[] {
  const out: RatingFlag[] = [];
  const n = s.votes ?? 0;
  if (source === 'own_judgments' && s.ciLower === null && s.ciUpper !== null) out.push({ flag: 'never_wins', judgments: n });
  if (source === 'own_judgments' && s.ciUpper === null && s.ciLower !== null) out.push({ flag: 'never_loses', judgments: n });
  if (s.votes !== null && s.votes < MIN_JUDGMENTS) out.push({ flag: 'few_judgments', judgments: n });
  return out;
}

/** One line a person reads beside the Elo. */
export function flagText(f: RatingFlag): string {
  const n = `${f.judgments} judgment${f.judgments === 1 ? '' : 's'}`;
  if (f.flag === 'never_wins') return `never wins (${n}): no lower bound; the Elo shown is a half-win estimate`;
  if (f.flag === 'never_loses') return `never loses (${n}): no upper bound; the Elo shown is a half-loss estimate`;
  return `few judgments (${n}, under ${MIN_JUDGMENTS}): the interval is rough`;
}

/** A 95% interval as text: "1010–1090", "≤ 1057" (open below), "≥ 845" (open above), or null when none is known. */
export function formatInterval(lower: number | null, upper: number | null): string | null {
  if (lower !== null && upper !== null) return `${Math.round(lower)}–${Math.round(upper)}`;
  if (upper !== null) return `≤ ${Math.round(upper)}`;
  if (lower !== null) return `≥ ${Math.round(lower)}`;
  return null;
}

/** "model: warning" lines for every flagged rating, for a terminal or a log. */
export function flagWarnings(ratings: { model: string; flags: RatingFlag[] }[]): string[] {
  return ratings.flatMap((r) => r.flags.map((f) => `warning: ${r.model}: ${flagText(f)}`));
}

/** The flags in a few words, for a table cell: "never wins, few judgments". */
export const flagsShort = (flags: RatingFlag[]): string | null => (flags.length ? flags.map((f) => f.flag.replace('_', ' ')).join(', ') : null);
