import { describe, expect, test } from 'vitest';
import { fitBradleyTerry, type Rating } from './bradley-terry';
import { MIN_JUDGMENTS, flagWarnings, flagsShort, formatInterval, storedScoreFlags } from './flags';
import type { Judgment, Winner } from './judgments';

const J = (modelA: string, modelB: string, winner: Winner): Judgment => ({ modelA, modelB, winner, category: 'overall' });
const times = (n: number, j: Judgment) => Array.from({ length: n }, () => j);
const byModel = (ratings: Rating[]) => Object.fromEntries(ratings.map((r) => [r.model, r]));

describe('models whose MLE is at infinity', () => {
  // A beats B 36 to 24; C loses all 10 of its judgments to A. The graph is a tree, so each gap comes from its own
  // cell: A − B = 400·log10(1.5) = 70.44; A − C = 400·log10(10 / ½) = 520.41 (C credited half a win); mean 1000.
  const js = [...times(36, J('A', 'B', 'a')), ...times(24, J('B', 'A', 'a')), ...times(10, J('C', 'A', 'b'))];

  test('a model that never wins: half-win Elo, no lower bound, the exact one-sided 97.5% upper bound, flagged', () => {
    const r = byModel(fitBradleyTerry(js));
    const ab = 400 * Math.log10(1.5), ac = 400 * Math.log10(20), a = (3000 + ab + ac) / 3;
    expect(r.A!.elo).toBeCloseTo(a, 3);
    expect(r.B!.elo).toBeCloseTo(a - ab, 3);
    expect(r.C!.elo).toBeCloseTo(a - ac, 3);
    expect(r.C!.elo).toBeCloseTo(676.537, 2);
    // (1 − p)¹⁰ = 0.025 → p = 0.3085 → 400·log10(p / (1 − p)) = −140.217 below A.
    expect(r.C!.ciLower).toBeNull();
    expect(r.C!.ciUpper).toBeCloseTo(1056.732, 2);
    expect(r.C!.flags).toEqual([{ flag: 'never_wins', judgments: 10 }, { flag: 'few_judgments', judgments: 10 }]);
    // Enough judgments and both ways: no flag, a two-sided bootstrap interval around the point.
    expect(r.A!.flags).toEqual([]);
    expect(r.B!.flags).toEqual([]);
    expect(r.B!.ciLower!).toBeLessThan(r.B!.elo);
    expect(r.B!.ciUpper!).toBeGreaterThan(r.B!.elo);
  });

  test('two models, one sweep of 5: both open, the gap 400·log10(5 / 1), bounds 15 Elo past the other', () => {
    const r = byModel(fitBradleyTerry(times(5, J('A', 'B', 'a'))));
    expect(r.A!.elo).toBeCloseTo(1000 + 200 * Math.log10(5), 2);
    expect(r.B!.elo).toBeCloseTo(1000 - 200 * Math.log10(5), 2);
    // p⁵ = 0.025 → p = 0.4782: five straight wins are 2.5% likely even 15.2 Elo below the opponent.
    expect(r.A!).toMatchObject({ ciUpper: null, flags: [{ flag: 'never_loses', judgments: 5 }, { flag: 'few_judgments', judgments: 5 }] });
    expect(r.A!.ciLower!).toBeCloseTo(r.B!.elo - 15.16, 1);
    expect(r.B!).toMatchObject({ ciLower: null, flags: [{ flag: 'never_wins', judgments: 5 }, { flag: 'few_judgments', judgments: 5 }] });
    expect(r.B!.ciUpper!).toBeCloseTo(r.A!.elo + 15.16, 1);
  });

  test('a tie is half a point: a model that only tied and lost has a finite MLE and is not flagged never_wins', () => {
    const r = byModel(fitBradleyTerry([...times(20, J('A', 'B', 'a')), ...times(20, J('B', 'A', 'a')), ...times(30, J('C', 'A', 'b')), J('C', 'B', 'tie')]));
    expect(r.C!.flags).toEqual([]);
    expect(r.C!.ciLower).not.toBeNull();
  });
});

describe('flags', () => {
  test(`few judgments means under ${MIN_JUDGMENTS}`, () => {
    const js = [...times(15, J('A', 'B', 'a')), ...times(14, J('B', 'A', 'a'))];
    expect(byModel(fitBradleyTerry(js)).A!.flags).toEqual([{ flag: 'few_judgments', judgments: 29 }]);
    expect(byModel(fitBradleyTerry([...js, J('A', 'B', 'tie')])).A!.flags).toEqual([]);
  });

  test('read back from a stored score: an open side means never won / never lost, for own judgments only', () => {
    expect(storedScoreFlags({ ciLower: null, ciUpper: 1057, votes: 10 }, 'own_judgments')).toEqual([{ flag: 'never_wins', judgments: 10 }, { flag: 'few_judgments', judgments: 10 }]);
    expect(storedScoreFlags({ ciLower: 845, ciUpper: null, votes: 40 }, 'own_judgments')).toEqual([{ flag: 'never_loses', judgments: 40 }]);
    expect(storedScoreFlags({ ciLower: null, ciUpper: null, votes: 9000 }, 'arena')).toEqual([]);
    expect(formatInterval(null, 1056.7)).toBe('≤ 1057');
    expect(formatInterval(845.04, null)).toBe('≥ 845');
    expect(formatInterval(1000.4, 1100.6)).toBe('1000–1101');
  });

  test('as a person reads them: a warning line per flag (the CLI), a few words (a table cell)', () => {
    const fit = fitBradleyTerry([...times(36, J('A', 'B', 'a')), ...times(24, J('B', 'A', 'a')), ...times(10, J('C', 'A', 'b'))]);
    expect(flagWarnings(fit)).toEqual([
      'warning: C: never wins (10 judgments): no lower bound; the Elo shown is a half-win estimate',
      'warning: C: few judgments (10 judgments, under 30): the interval is rough',
    ]);
    expect(flagsShort(byModel(fit).C!.flags)).toBe('never wins, few judgments');
    expect(flagsShort([])).toBeNull();
  });
});
