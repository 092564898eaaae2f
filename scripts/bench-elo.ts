/**
 * Times the team Elo fit (`fitBradleyTerry`, bootstrap included) on seeded synthetic judgments.
 * `npm run bench -- elo` is meant to call `benchElo`; run alone: `npx tsx scripts/bench-elo.ts [--judgments N]
 * [--rounds R] [--models M]`. Generation is not timed: only the fit a user would wait for.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from '@/lib/cli/args';
import { createRng, fitBradleyTerry } from '@/lib/quality/bradley-terry';
import type { Judgment } from '@/lib/quality/judgments';

export type EloBenchResult = { judgments: number; rounds: number; models: number; seconds: number };

export async function benchElo(opts: { judgments: number; rounds: number; models: number }): Promise<EloBenchResult> {
  const judgments = syntheticJudgments(opts.judgments, opts.models, 42);
  const started = performance.now();
  fitBradleyTerry(judgments, { rounds: opts.rounds, seed: 0 });
  const seconds = (performance.now() - started) / 1000;
  return { judgments: opts.judgments, rounds: opts.rounds, models: opts.models, seconds };
}

/**
 * Uniformly random pairs among `models` models whose true Elos are spread over 1000–1400 (an Arena-like
 * range, so no pair is a foregone conclusion), outcomes drawn from Bradley–Terry with 10% ties.
 */
export function syntheticJudgments(n: number, models: number, seed: number): Judgment[] {
  if (models < 2) throw new RangeError('the bench needs at least two models');
  const rng = createRng(seed);
  const names = Array.from({ length: models }, (_, i) => `model-${String(i).padStart(3, '0')}`);
  const elo = names.map((_, i) => 1000 + (400 * i) / (models - 1));
  const out: Judgment[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const a = Math.floor(rng() * models);
    let b = Math.floor(rng() * (models - 1));
    if (b >= a) b++;
    const pA = 1 / (1 + 10 ** ((elo[b]! - elo[a]!) / 400));
    const winner = rng() < 0.1 ? 'tie' : rng() < pA ? 'a' : 'b';
    out[k] = { modelA: names[a]!, modelB: names[b]!, winner, category: 'overall' };
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { flags } = parseArgs(process.argv.slice(2));
  const num = (v: string | true | undefined, d: number) => (typeof v === 'string' ? Number(v) : d);
  benchElo({ judgments: num(flags.judgments, 100_000), rounds: num(flags.rounds, 100), models: num(flags.models, 20) })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e: unknown) => { console.error(e); process.exitCode = 1; });
}
