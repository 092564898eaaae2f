import type { Dec } from '@/lib/money';
import { D, formatCurrency } from '@/lib/money';
import { expectedWinRate } from '@/lib/quality/winrate';

/**
 * The what-if engine: pure and deterministic. Usage aggregates, prices and quality in, results out; no I/O.
 * Money and token volumes are exact decimals; only Elo and win rates are floats. The formulas are documented
 * in README "What-if formulas" and restated beside the code that applies them.
 */

/** Days in an average month: a period's totals are scaled to this (365.25 / 12). */
export const DAYS_PER_MONTH = new D('365.25').div(12);
/** Hours in an average month, for always-on GPU replicas (365.25 × 24 / 12 = 730.5). */
export const HOURS_PER_MONTH = new D('730.5');
const MTOK = new D(1_000_000);

export type UsageAggregate = {
  modelId: string | null;
  rawModel: string;
  providerId: string;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Computed cost in the period (decimal string), null when no price was in force. */
  cost: string | null;
  reportedCost: string | null;
};

export type EloScore = { elo: number; lower: number | null; upper: number | null };

export type TargetPrice = {
  inputPerMtok: string;
  outputPerMtok: string;
  cachedInputPerMtok: string | null;
  sheetName: string;
  effectiveFrom: string;
  origin: 'override' | 'reference' | 'scenario';
  backdated: boolean;
};

type TargetBase = {
  id: string;
  label: string;
  modelId: string;
  modelName: string;
  inputTokenRatio: string;
  outputTokenRatio: string;
  quality: EloScore | null;
  /** Where the Elo came from, e.g. "Arena 2024-06-19" or "your own judgments". */
  qualitySource: string | null;
};

export type ResolvedApiTarget = TargetBase & { kind: 'api'; providerId: string; providerName: string; price: TargetPrice | null };
export type ResolvedSelfHostedTarget = TargetBase & {
  kind: 'self_hosted';
  gpu: string;
  gpuHourlyUsd: string;
  gpusPerReplica: number;
  inputTokensPerSecond: number;
  outputTokensPerSecond: number;
  utilization: number;
  minReplicas: number;
};
export type ResolvedFineTunedTarget = TargetBase & {
  kind: 'fine_tuned';
  providerId: string | null;
  providerName: string | null;
  trainingTokens: number;
  epochs: number;
  trainingPricePerMtok: string;
  /** Serving price of the fine-tuned model; null when none was given and the base model has no price. */
  price: TargetPrice | null;
  promptReduction: number;
};
export type ResolvedTarget = ResolvedApiTarget | ResolvedSelfHostedTarget | ResolvedFineTunedTarget;

export type WhatIfInput = {
  period: { from: string; to: string; days: number };
  usage: UsageAggregate[];
  /** Fraction of the selected traffic moved, 0..1. */
  share: number;
  growthMonthlyPct: number;
  horizonMonths: number;
  minWinRate: number | null;
  /** Elo of today's models (by catalog id) in the scenario's snapshot. */
  eloByModel: Record<string, EloScore>;
  targets: ResolvedTarget[];
};

export type MonthRow = { month: number; baselineUsd: string; projectedUsd: string; savingsUsd: string; cumulativeSavingsUsd: string };
export type SensitivityPoint = { factor: number; monthlyCostUsd: string | null; savingsMonthlyUsd: string | null };

export type TargetResult = {
  id: string;
  kind: ResolvedTarget['kind'];
  label: string;
  model: string;
  modelName: string;
  provider: string | null;
  /** Null when the target cannot be costed (no price in force); `problem` says why. */
  monthlyCostUsd: string | null;
  /** Cost of the moved traffic on the target alone, per month (month 1). */
  movedMonthlyCostUsd: string | null;
  /** The same traffic over the baseline period, for checking against an invoice. */
  periodCostUsd: string | null;
  savingsMonthlyUsd: string | null;
  savingsPct: string | null;
  oneTimeUsd: string;
  /** Months until cumulative savings cover the one-time cost; 0 with none; null when never (within 10 years). */
  paybackMonths: number | null;
  cumulativeSavingsUsd: string[];
  months: MonthRow[];
  elo: number | null;
  eloLower: number | null;
  eloUpper: number | null;
  winRate: number | null;
  winRateLower: number | null;
  winRateUpper: number | null;
  meetsFloor: boolean | null;
  qualitySource: string | null;
  price: TargetPrice | null;
  selfHosted: null | {
    gpu: string;
    gpuHourlyUsd: string;
    gpusPerReplica: number;
    gpuHoursNeeded: string;
    gpuHoursBilled: string;
    /** True when the always-on minimum, not the traffic, sets the bill. */
    floorBinding: boolean;
    /** Replicas busy on average at the stated utilisation. */
    averageReplicas: string;
    /** Per API or fine-tuned option: monthly tokens (input + output, today's traffic) above which self-hosting is cheaper. */
    breakEven: { targetId: string; label: string; monthlyTokens: string | null; note: string }[];
  };
  sensitivity: { price: SensitivityPoint[]; tokenRatio: SensitivityPoint[]; utilization: SensitivityPoint[] | null };
  problem: string | null;
};

export type BaselineResult = {
  from: string;
  to: string;
  days: number;
  periodCostUsd: string;
  monthlyCostUsd: string;
  /** The part of the monthly cost that moves (share × monthly). */
  movedMonthlyCostUsd: string;
  requests: string;
  inputTokens: string;
  cachedInputTokens: string;
  outputTokens: string;
  elo: number | null;
  eloLower: number | null;
  eloUpper: number | null;
  /** Share of the selected tokens whose model has an Elo in the snapshot. */
  eloCoverage: number;
  /** Share of the selected tokens with no computed price (costed from the export's reported cost, or 0). */
  unpricedTokenShare: number;
  models: { modelId: string | null; rawModel: string; providerId: string; tokens: string; tokenShare: number; periodCostUsd: string; elo: number | null }[];
};

export type WhatIfResult = {
  baseline: BaselineResult;
  share: number;
  growthMonthlyPct: number;
  horizonMonths: number;
  minWinRate: number | null;
  targets: TargetResult[];
  /** The best option that meets the quality floor, by monthly savings. */
  recommendedTargetId: string | null;
  summary: string;
};

const money = (d: Dec) => d.toFixed(2, D.ROUND_HALF_UP);
const tokens = (d: Dec) => d.toFixed(0, D.ROUND_HALF_UP);
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

type Volume = { input: Dec; cached: Dec; output: Dec };

/** Knobs the sensitivity view turns: the target's price, the token ratios, the GPU utilisation. */
type Knobs = { priceFactor: Dec; ratioFactor: Dec; utilization: number | null };
const NEUTRAL: Knobs = { priceFactor: new D(1), ratioFactor: new D(1), utilization: null };

/**
 * Monthly cost of the moved traffic on a target. `moved` is the moved share of today's monthly tokens
 * (input excludes cached input), already scaled for growth.
 *   API and fine-tuned: Σ tokens × price ÷ 1M, input tokens × the input ratio, output × the output ratio;
 *     cached input takes the target's cached price when it has one, else its input price; a fine-tuned model's
 *     input (cached or not) is shortened by its prompt reduction.
 *   Self-hosted: GPU-hours = (input tokens ÷ input tok/s + output tokens ÷ output tok/s) ÷ 3600 ÷ utilisation ×
 *     GPUs per replica, billed at least min replicas × GPUs per replica × 730.5 h, at $/GPU-hour.
 */
function targetCost(t: ResolvedTarget, moved: Volume, k: Knobs): { cost: Dec; hoursNeeded?: Dec; hoursBilled?: Dec } | null {
  const rIn = new D(t.inputTokenRatio).mul(k.ratioFactor);
  const rOut = new D(t.outputTokenRatio).mul(k.ratioFactor);
  let input = moved.input.mul(rIn);
  let cached = moved.cached.mul(rIn);
  const output = moved.output.mul(rOut);
  if (t.kind === 'self_hosted') {
    const util = k.utilization ?? t.utilization;
    const seconds = input.add(cached).div(t.inputTokensPerSecond).add(output.div(t.outputTokensPerSecond));
    const hoursNeeded = seconds.div(3600).div(util).mul(t.gpusPerReplica);
    const floor = HOURS_PER_MONTH.mul(t.minReplicas).mul(t.gpusPerReplica);
    const hoursBilled = D.max(hoursNeeded, floor);
    return { cost: hoursBilled.mul(t.gpuHourlyUsd).mul(k.priceFactor), hoursNeeded, hoursBilled };
  }
  if (!t.price) return null;
  if (t.kind === 'fine_tuned') {
    const keep = new D(1).sub(t.promptReduction);
    input = input.mul(keep);
    cached = cached.mul(keep);
  }
  const p = t.price;
  const cost = input.mul(p.inputPerMtok).add(cached.mul(p.cachedInputPerMtok ?? p.inputPerMtok)).add(output.mul(p.outputPerMtok)).div(MTOK);
  return { cost: cost.mul(k.priceFactor) };
}

function oneTimeCost(t: ResolvedTarget): Dec {
  if (t.kind !== 'fine_tuned') return new D(0);
  return new D(t.trainingTokens).mul(t.epochs).mul(t.trainingPricePerMtok).div(MTOK);
}

/** Token-weighted mean Elo (and mean bounds) of today's traffic over the models the snapshot rates. */
function trafficElo(usage: UsageAggregate[], elo: Record<string, EloScore>): { elo: number | null; lower: number | null; upper: number | null; coverage: number } {
  let w = 0, sum = 0, lo = 0, hi = 0, all = 0;
  for (const u of usage) {
    const t = u.inputTokens + u.outputTokens;
    all += t;
    const e = u.modelId ? elo[u.modelId] : undefined;
    if (!e || t === 0) continue;
    w += t;
    sum += e.elo * t;
    lo += (e.lower ?? e.elo) * t;
    hi += (e.upper ?? e.elo) * t;
  }
  if (w === 0) return { elo: null, lower: null, upper: null, coverage: 0 };
  return { elo: round1(sum / w), lower: round1(lo / w), upper: round1(hi / w), coverage: round4(w / all) };
}
const round1 = (x: number) => Math.round(x * 10) / 10;

const PRICE_FACTORS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const RATIO_FACTORS = [0.8, 0.9, 1, 1.1, 1.25, 1.5];
const UTILIZATIONS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const PAYBACK_SEARCH_MONTHS = 120;

export function evaluateWhatIf(input: WhatIfInput): WhatIfResult {
  const { period, usage } = input;
  if (period.days <= 0) throw new RangeError('the baseline period has no days');
  const toMonth = DAYS_PER_MONTH.div(period.days);
  const share = new D(input.share);
  const growth = new D(1).add(new D(input.growthMonthlyPct).div(100));

  // Baseline: the period's totals over the selected workloads.
  let periodCost = new D(0), req = new D(0), inp = new D(0), cached = new D(0), out = new D(0), unpricedTokens = 0, allTokens = 0;
  for (const u of usage) {
    const c = u.cost ?? u.reportedCost;
    if (u.cost === null) unpricedTokens += u.inputTokens + u.outputTokens;
    allTokens += u.inputTokens + u.outputTokens;
    if (c !== null) periodCost = periodCost.add(c);
    req = req.add(u.requests);
    inp = inp.add(u.inputTokens);
    cached = cached.add(u.cachedInputTokens);
    out = out.add(u.outputTokens);
  }
  const monthly = periodCost.mul(toMonth);
  const movedMonthly = monthly.mul(share);
  // Input tokens in exports include the cached ones; the moved volume separates them.
  const movedVolume: Volume = {
    input: D.max(inp.sub(cached), 0).mul(toMonth).mul(share),
    cached: cached.mul(toMonth).mul(share),
    output: out.mul(toMonth).mul(share),
  };
  const scaled = (v: Volume, f: Dec): Volume => ({ input: v.input.mul(f), cached: v.cached.mul(f), output: v.output.mul(f) });
  const current = trafficElo(usage, input.eloByModel);

  const byModel = new Map<string, { modelId: string | null; rawModel: string; providerId: string; tokens: number; cost: Dec }>();
  for (const u of usage) {
    const key = `${u.modelId ?? u.rawModel}\u0000${u.providerId}`;
    const m = byModel.get(key) ?? { modelId: u.modelId, rawModel: u.rawModel, providerId: u.providerId, tokens: 0, cost: new D(0) };
    m.tokens += u.inputTokens + u.outputTokens;
    const c = u.cost ?? u.reportedCost;
    if (c !== null) m.cost = m.cost.add(c);
    byModel.set(key, m);
  }

  const baseline: BaselineResult = {
    from: period.from,
    to: period.to,
    days: period.days,
    periodCostUsd: money(periodCost),
    monthlyCostUsd: money(monthly),
    movedMonthlyCostUsd: money(movedMonthly),
    requests: tokens(req.mul(toMonth)),
    inputTokens: tokens(inp.mul(toMonth)),
    cachedInputTokens: tokens(cached.mul(toMonth)),
    outputTokens: tokens(out.mul(toMonth)),
    elo: current.elo,
    eloLower: current.lower,
    eloUpper: current.upper,
    eloCoverage: current.coverage,
    unpricedTokenShare: allTokens ? round4(unpricedTokens / allTokens) : 0,
    models: [...byModel.values()]
      .sort((a, b) => b.tokens - a.tokens)
      .map((m) => ({
        modelId: m.modelId, rawModel: m.rawModel, providerId: m.providerId, tokens: String(m.tokens),
        tokenShare: allTokens ? round4(m.tokens / allTokens) : 0, periodCostUsd: money(m.cost),
        elo: m.modelId ? (input.eloByModel[m.modelId]?.elo ?? null) : null,
      })),
  };

  // growth^(m−1), built by multiplication once for every month any target needs.
  const growthPowers: Dec[] = [new D(1)];
  const growthAt = (m: number) => {
    while (growthPowers.length < m) growthPowers.push(growthPowers[growthPowers.length - 1]!.mul(growth));
    return growthPowers[m - 1]!;
  };
  const results: TargetResult[] = input.targets.map((t) => {
    const oneTime = oneTimeCost(t);
    const first = targetCost(t, movedVolume, NEUTRAL);
    const q = t.quality;
    const winRate = q && current.elo !== null ? round4(expectedWinRate(current.elo, q.elo)) : null;
    const winRateLower = q && current.elo !== null ? round4(expectedWinRate(current.upper ?? current.elo, q.lower ?? q.elo)) : null;
    const winRateUpper = q && current.elo !== null ? round4(expectedWinRate(current.lower ?? current.elo, q.upper ?? q.elo)) : null;
    const base = {
      id: t.id, kind: t.kind, label: t.label, model: t.modelId, modelName: t.modelName,
      provider: t.kind === 'self_hosted' ? null : t.providerId,
      oneTimeUsd: money(oneTime),
      elo: q?.elo ?? null, eloLower: q?.lower ?? null, eloUpper: q?.upper ?? null,
      winRate, winRateLower, winRateUpper,
      meetsFloor: input.minWinRate === null || winRate === null ? null : winRate >= input.minWinRate,
      qualitySource: t.qualitySource,
      price: t.kind === 'self_hosted' ? null : t.price,
    };
    if (!first) {
      return {
        ...base, monthlyCostUsd: null, movedMonthlyCostUsd: null, periodCostUsd: null, savingsMonthlyUsd: null, savingsPct: null,
        paybackMonths: null, cumulativeSavingsUsd: [], months: [], selfHosted: null,
        sensitivity: { price: [], tokenRatio: [], utilization: null },
        problem: `No price is in force for ${t.modelName}${'providerName' in t && t.providerName ? ` on ${t.providerName}` : ''}; pick another provider or enter prices.`,
      };
    }

    const projected = monthly.sub(movedMonthly).add(first.cost);
    const savings = monthly.sub(projected);

    // Month by month over the horizon (and on, up to 10 years, to find the payback month).
    const months: MonthRow[] = [];
    let cumulative = oneTime.neg();
    let payback: number | null = oneTime.isZero() ? (savings.gte(0) ? 0 : null) : null;
    for (let m = 1; m <= Math.max(input.horizonMonths, oneTime.isZero() ? 0 : PAYBACK_SEARCH_MONTHS); m++) {
      const g = growthAt(m);
      const baseM = monthly.mul(g);
      // API and fine-tuned costs are linear in volume; only self-hosting has a floor to recompute.
      const cost = t.kind === 'self_hosted' ? targetCost(t, scaled(movedVolume, g), NEUTRAL)!.cost : first.cost.mul(g);
      const projected = baseM.sub(movedMonthly.mul(g)).add(cost);
      const saving = baseM.sub(projected);
      const before = cumulative;
      cumulative = cumulative.add(saving);
      if (payback === null && cumulative.gte(0) && saving.gt(0)) {
        // Linear within the month: the fraction of month m's savings needed to reach zero.
        payback = Math.round((m - 1 + before.neg().div(saving).toNumber()) * 100) / 100;
      }
      if (m <= input.horizonMonths) {
        months.push({ month: m, baselineUsd: money(baseM), projectedUsd: money(projected), savingsUsd: money(saving), cumulativeSavingsUsd: money(cumulative) });
      } else if (payback !== null) break;
    }

    const sens = (k: Partial<Knobs>): { monthlyCostUsd: string | null; savingsMonthlyUsd: string | null } => {
      const c = targetCost(t, movedVolume, { ...NEUTRAL, ...k });
      if (!c) return { monthlyCostUsd: null, savingsMonthlyUsd: null };
      const p = monthly.sub(movedMonthly).add(c.cost);
      return { monthlyCostUsd: money(p), savingsMonthlyUsd: money(monthly.sub(p)) };
    };

    let selfHosted: TargetResult['selfHosted'] = null;
    if (t.kind === 'self_hosted') {
      const needed = first.hoursNeeded!;
      const billed = first.hoursBilled!;
      // Break-even against each priced API or fine-tuned option: self-hosting costs max(a·x, F) and the
      // option b·x at x times today's moved volume; when b > a the curves cross at x = F / b.
      const breakEven = input.targets.filter((o) => o.kind !== 'self_hosted').map((o) => {
        const api = targetCost(o, movedVolume, NEUTRAL);
        const name = o.label;
        if (!api || api.cost.isZero()) return { targetId: o.id, label: name, monthlyTokens: null, note: 'no price to compare' };
        const variable = needed.mul(t.gpuHourlyUsd);
        if (api.cost.lte(variable)) return { targetId: o.id, label: name, monthlyTokens: null, note: `${name} is cheaper per token at any volume` };
        const floorCost = HOURS_PER_MONTH.mul(t.minReplicas).mul(t.gpusPerReplica).mul(t.gpuHourlyUsd);
        const x = floorCost.div(api.cost);
        const todayTokens = movedVolume.input.add(movedVolume.cached).add(movedVolume.output);
        return { targetId: o.id, label: name, monthlyTokens: tokens(todayTokens.mul(x)), note: x.lte(1) ? 'today\'s volume is past break-even' : `needs ${x.toFixed(1)}× today's volume` };
      });
      selfHosted = {
        gpu: t.gpu, gpuHourlyUsd: t.gpuHourlyUsd, gpusPerReplica: t.gpusPerReplica,
        gpuHoursNeeded: needed.toFixed(1), gpuHoursBilled: billed.toFixed(1), floorBinding: billed.gt(needed),
        averageReplicas: needed.div(t.gpusPerReplica).div(HOURS_PER_MONTH).toFixed(2),
        breakEven,
      };
    }

    return {
      ...base,
      monthlyCostUsd: money(projected),
      movedMonthlyCostUsd: money(first.cost),
      periodCostUsd: money(first.cost.div(toMonth)),
      savingsMonthlyUsd: money(savings),
      savingsPct: monthly.isZero() ? null : savings.div(monthly).mul(100).toFixed(1, D.ROUND_HALF_UP),
      paybackMonths: payback,
      cumulativeSavingsUsd: months.map((m) => m.cumulativeSavingsUsd),
      months,
      selfHosted,
      sensitivity: {
        price: PRICE_FACTORS.map((f) => ({ factor: f, ...sens({ priceFactor: new D(f) }) })),
        tokenRatio: RATIO_FACTORS.map((f) => ({ factor: f, ...sens({ ratioFactor: new D(f) }) })),
        utilization: t.kind === 'self_hosted' ? UTILIZATIONS.map((u) => ({ factor: u, ...sens({ utilization: u }) })) : null,
      },
      problem: null,
    };
  });

  const eligible = results.filter((r) => r.savingsMonthlyUsd !== null && r.meetsFloor !== false);
  const best = eligible.sort((a, b) => new D(b.savingsMonthlyUsd!).cmp(a.savingsMonthlyUsd!))[0] ?? null;
  return {
    baseline,
    share: input.share,
    growthMonthlyPct: input.growthMonthlyPct,
    horizonMonths: input.horizonMonths,
    minWinRate: input.minWinRate,
    targets: results,
    recommendedTargetId: best && new D(best.savingsMonthlyUsd!).gt(0) ? best.id : null,
    summary: summarize(baseline, input, results, best),
  };
}

const usd = (s: string) => formatCurrency(s, { exact: true });
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One paragraph with the key numbers, for the page and for reports. */
export function summarize(b: BaselineResult, input: WhatIfInput, results: TargetResult[], best: TargetResult | null): string {
  const movedPct = pct(input.share);
  const head = `The selected workloads cost ${usd(b.monthlyCostUsd)} a month (${b.from} to ${b.to}, scaled to an average month).`;
  if (!best) {
    const priced = results.filter((r) => r.savingsMonthlyUsd !== null);
    if (priced.length === 0) return `${head} None of the options could be costed.`;
    return `${head} None of the ${priced.length} option${priced.length === 1 ? '' : 's'} saves money while meeting the quality floor.`;
  }
  const saving = new D(best.savingsMonthlyUsd!);
  const verb = saving.gt(0) ? `saving ${usd(best.savingsMonthlyUsd!)} a month (${best.savingsPct}%)` : `costing ${usd(saving.neg().toFixed(2))} a month more`;
  const quality = best.winRate !== null
    ? ` Its expected win rate against today's traffic is ${pct(best.winRate)} (range ${pct(best.winRateLower ?? best.winRate)}–${pct(best.winRateUpper ?? best.winRate)}).`
    : ' No Elo is known for it, so quality is not compared.';
  const payback = new D(best.oneTimeUsd).gt(0)
    ? best.paybackMonths !== null ? ` The one-time cost of ${usd(best.oneTimeUsd)} pays back in ${best.paybackMonths} months.` : ` The one-time cost of ${usd(best.oneTimeUsd)} does not pay back within 10 years.`
    : '';
  const horizon = best.cumulativeSavingsUsd.at(-1);
  const cum = horizon ? ` Over ${input.horizonMonths} months that is ${usd(horizon)} cumulative.` : '';
  return `${head} Moving ${movedPct} of it to ${best.label} would bring the total to ${usd(best.monthlyCostUsd!)} a month, ${verb}.${quality}${payback}${cum}`;
}
