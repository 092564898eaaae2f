import { FIRST_PARTY_PROVIDER } from '@/lib/catalog/types';
import { D, toDecimalString } from '@/lib/money';

/**
 * Elo against blended price: the numbers behind the Models chart. Pure: takes plain rows, returns plain rows.
 * Prices stay decimal strings; only the chart turns them into floats.
 */
export type TokenMix = { input: number; output: number };

export type ProviderPrice = { providerId: string; providerName: string; inputPerMtok: string; outputPerMtok: string; sourceKey?: string; effectiveFrom?: string };

export type ModelQualityPrice = {
  modelId: string;
  name: string;
  vendor: string;
  openWeights: boolean;
  elo: number;
  ciLower: number | null;
  ciUpper: number | null;
  votes: number | null;
  prices: ProviderPrice[];
};

export type EloPricePoint = Omit<ModelQualityPrice, 'prices'> & {
  providerId: string;
  providerName: string;
  inputPerMtok: string;
  outputPerMtok: string;
  blendedPerMtok: string;
  /** Every provider's blended price, cheapest first, for the provider picker. */
  providers: { providerId: string; providerName: string; blendedPerMtok: string }[];
  onFrontier: boolean;
  /** Along the frontier: Elo gained per doubling of price from the previous frontier point. */
  eloPerDoubling: number | null;
};

export function parseMix(raw: string | undefined | null): TokenMix {
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(raw ?? '');
  if (!m) return { input: 3, output: 1 };
  const input = Number(m[1]);
  const output = Number(m[2]);
  if (input + output <= 0) return { input: 3, output: 1 };
  return { input, output };
}

/** Blended USD per 1M tokens = (in·I + out·O) / (I + O). */
export function blendedPrice(inputPerMtok: string, outputPerMtok: string, mix: TokenMix): string {
  const i = new D(mix.input);
  const o = new D(mix.output);
  return toDecimalString(new D(inputPerMtok).times(i).plus(new D(outputPerMtok).times(o)).div(i.plus(o)));
}

export function buildEloPricePoints(
  rows: readonly ModelQualityPrice[],
  opts: { mix: TokenMix; providerChoice?: Readonly<Record<string, string>> },
): EloPricePoint[] {
  const points: EloPricePoint[] = [];
  for (const r of rows) {
    if (r.prices.length === 0) continue;
    const own = FIRST_PARTY_PROVIDER[r.vendor];
    const providers = r.prices
      .map((p) => ({ ...p, blended: blendedPrice(p.inputPerMtok, p.outputPerMtok, opts.mix) }))
      .sort((a, b) => new D(a.blended).cmp(b.blended) || Number(b.providerId === own) - Number(a.providerId === own) || a.providerName.localeCompare(b.providerName));
    const chosenId = opts.providerChoice?.[r.modelId];
    const chosen = providers.find((p) => p.providerId === chosenId) ?? providers[0]!;
    const { prices: _omit, ...rest } = r;
    points.push({
      ...rest,
      providerId: chosen.providerId,
      providerName: chosen.providerName,
      inputPerMtok: chosen.inputPerMtok,
      outputPerMtok: chosen.outputPerMtok,
      blendedPerMtok: chosen.blended,
      providers: providers.map((p) => ({ providerId: p.providerId, providerName: p.providerName, blendedPerMtok: p.blended })),
      onFrontier: false,
      eloPerDoubling: null,
    });
  }
  markFrontier(points);
  return points;
}

/** Pareto frontier: a model is on it when no other is at most as expensive and at least as good (one strictly). */
export function markFrontier(points: EloPricePoint[]): void {
  const order = [...points].sort((a, b) => new D(a.blendedPerMtok).cmp(b.blendedPerMtok) || b.elo - a.elo);
  let best = -Infinity;
  let prev: EloPricePoint | null = null;
  for (const p of order) {
    if (p.elo > best && new D(p.blendedPerMtok).gt(0)) {
      p.onFrontier = true;
      if (prev) {
        const doublings = Math.log2(Number(p.blendedPerMtok) / Number(prev.blendedPerMtok));
        p.eloPerDoubling = doublings > 0 ? (p.elo - prev.elo) / doublings : null;
      }
      best = p.elo;
      prev = p;
    }
  }
}
