/** Expected win rate of B over A under Bradley–Terry on the Elo scale (base 10, scale 400). */
export function expectedWinRate(eloA: number, eloB: number): number {
  return 1 / (1 + 10 ** ((eloA - eloB) / 400));
}
