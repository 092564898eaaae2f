import { describe, expect, it } from 'vitest';
import type { ResolvedTarget, TargetPrice, UsageAggregate, WhatIfInput } from './engine';
import { evaluateWhatIf } from './engine';

// 100M input + 20M output tokens of gpt-3.5-turbo-0125 at $0.50/$1.50: $50 + $30 = $80 in the period.
const gpt35: UsageAggregate = {
  modelId: 'gpt-3.5-turbo-0125', rawModel: 'gpt-3.5-turbo-0125', providerId: 'openai', requests: 100_000,
  inputTokens: 100_000_000, cachedInputTokens: 0, outputTokens: 20_000_000, cost: '80', reportedCost: null,
};
const price = (input: string, output: string, cached: string | null = null): TargetPrice => ({
  inputPerMtok: input, outputPerMtok: output, cachedInputPerMtok: cached, sheetName: 'test sheet', effectiveFrom: '2024-06-17', origin: 'reference', backdated: false,
});
const api = (id: string, providerId: string, p: TargetPrice | null, extra: Partial<ResolvedTarget> = {}): ResolvedTarget => ({
  kind: 'api', id, label: `Llama 3 70B on ${providerId}`, modelId: 'llama-3-70b-instruct', modelName: 'Llama 3 70B', providerId, providerName: providerId,
  inputTokenRatio: '1', outputTokenRatio: '1', quality: null, qualitySource: null, price: p, ...extra,
} as ResolvedTarget);

/** A period of exactly one average month (30.4375 days), so monthly figures equal the period's. */
const MONTH = { from: '2024-05-01', to: '2024-05-31', days: 30.4375 };
const input = (over: Partial<WhatIfInput>): WhatIfInput => ({
  period: MONTH, usage: [gpt35], share: 1, growthMonthlyPct: 0, horizonMonths: 12, minWinRate: null, eloByModel: {}, targets: [], ...over,
});

describe('evaluateWhatIf: API targets', () => {
  it('prices the period on Together ($108.00) and on Groq ($74.80) against $80.00 today', () => {
    const r = evaluateWhatIf(input({
      period: { from: '2024-05-01', to: '2024-05-30', days: 30 },
      targets: [api('together', 'together_ai', price('0.90', '0.90')), api('groq', 'groq', price('0.59', '0.79'))],
    }));
    expect(r.baseline.periodCostUsd).toBe('80.00');
    // Monthly = period × 30.4375 / 30.
    expect(r.baseline.monthlyCostUsd).toBe('81.17');
    const [together, groq] = r.targets;
    expect(together!.periodCostUsd).toBe('108.00');
    expect(groq!.periodCostUsd).toBe('74.80');
    expect(groq!.savingsMonthlyUsd).toBe('5.28'); // (80 − 74.80) × 30.4375 / 30 = 5.2758…
    expect(together!.savingsMonthlyUsd).toBe('-28.41');
    expect(r.recommendedTargetId).toBe('groq');
    expect(r.summary).toContain('Llama 3 70B on groq');
    expect(r.summary).toContain('$5.28 a month');
  });

  it('moves only the share and scales by the token ratios', () => {
    const r = evaluateWhatIf(input({ share: 0.5, targets: [api('g', 'groq', price('0.59', '0.79'), { inputTokenRatio: '1.2', outputTokenRatio: '1.1' })] }));
    // Half stays at $40; the moved half: 50M × 1.2 × 0.59 + 10M × 1.1 × 0.79 = 35.40 + 8.69 = 44.09.
    expect(r.targets[0]!.movedMonthlyCostUsd).toBe('44.09');
    expect(r.targets[0]!.monthlyCostUsd).toBe('84.09');
    expect(r.targets[0]!.savingsMonthlyUsd).toBe('-4.09');
    expect(r.targets[0]!.savingsPct).toBe('-5.1');
  });

  it('prices cached input at the target cached price, or its input price when it has none', () => {
    const cachedUsage = { ...gpt35, cachedInputTokens: 40_000_000 };
    const r = evaluateWhatIf(input({
      usage: [cachedUsage],
      targets: [api('a', 'x', price('1', '1', '0.25')), api('b', 'y', price('1', '1'))],
    }));
    // 60M × $1 + 40M × $0.25 + 20M × $1 = $90; without a cached price: 120M × $1 = $120.
    expect(r.targets[0]!.movedMonthlyCostUsd).toBe('90.00');
    expect(r.targets[1]!.movedMonthlyCostUsd).toBe('120.00');
  });

  it('grows traffic month over month and accumulates the savings', () => {
    const r = evaluateWhatIf(input({ growthMonthlyPct: 10, horizonMonths: 3, targets: [api('g', 'groq', price('0.59', '0.79'))] }));
    const t = r.targets[0]!;
    expect(t.months.map((m) => m.baselineUsd)).toEqual(['80.00', '88.00', '96.80']);
    expect(t.months.map((m) => m.savingsUsd)).toEqual(['5.20', '5.72', '6.29']);
    expect(t.cumulativeSavingsUsd).toEqual(['5.20', '10.92', '17.21']);
    expect(t.paybackMonths).toBe(0);
  });

  it('reports a target with no price instead of costing it at zero', () => {
    const r = evaluateWhatIf(input({ targets: [api('none', 'groq', null)] }));
    expect(r.targets[0]!.monthlyCostUsd).toBeNull();
    expect(r.targets[0]!.problem).toMatch(/No price is in force/);
    expect(r.recommendedTargetId).toBeNull();
  });

  it('sensitivity: savings move with the price and the token ratio', () => {
    const t = evaluateWhatIf(input({ targets: [api('g', 'groq', price('0.59', '0.79'))] })).targets[0]!;
    expect(t.sensitivity.price.find((p) => p.factor === 0.5)!.savingsMonthlyUsd).toBe('42.60'); // 80 − 74.80/2
    expect(t.sensitivity.price.find((p) => p.factor === 1)!.savingsMonthlyUsd).toBe('5.20');
    expect(t.sensitivity.tokenRatio.find((p) => p.factor === 1.5)!.savingsMonthlyUsd).toBe('-32.20'); // 80 − 112.20
    expect(t.sensitivity.utilization).toBeNull();
  });
});

describe('evaluateWhatIf: self-hosted', () => {
  const selfHosted = (over: Partial<ResolvedTarget> = {}): ResolvedTarget => ({
    kind: 'self_hosted', id: 'gpu', label: 'Llama 3 70B on 2× H100', modelId: 'llama-3-70b-instruct', modelName: 'Llama 3 70B',
    inputTokenRatio: '1', outputTokenRatio: '1', quality: null, qualitySource: null,
    gpu: 'H100', gpuHourlyUsd: '2', gpusPerReplica: 2, inputTokensPerSecond: 10_000, outputTokensPerSecond: 1_000, utilization: 0.5, minReplicas: 1, ...over,
  } as ResolvedTarget);

  it('bills at least the always-on floor and says when it binds', () => {
    // Needed: (100M ÷ 10k + 20M ÷ 1k) s = 30,000 s = 8.33 h ÷ 0.5 × 2 GPUs = 33.3 GPU-h; floor 730.5 × 1 × 2 = 1,461 h.
    const r = evaluateWhatIf(input({ targets: [selfHosted(), api('together', 'together_ai', price('0.90', '0.90')), api('groq', 'groq', price('0.59', '0.79'))] }));
    const t = r.targets[0]!;
    expect(t.selfHosted!.gpuHoursNeeded).toBe('33.3');
    expect(t.selfHosted!.gpuHoursBilled).toBe('1461.0');
    expect(t.selfHosted!.floorBinding).toBe(true);
    expect(t.movedMonthlyCostUsd).toBe('2922.00');
    // Break-even against Together ($108/month at today's 120M tokens): 2,922 ÷ 108 × 120M.
    const [together, groq] = t.selfHosted!.breakEven;
    expect(together!.monthlyTokens).toBe('3246666667');
    expect(groq!.monthlyTokens).toBe('4687700535'); // 2,922 ÷ 74.80 × 120M
    expect(t.sensitivity.utilization!.map((u) => u.factor)).toContain(0.9);
  });

  it('bills the GPU-hours the traffic needs above the floor', () => {
    // With no always-on replica: 33.33 h × $2 = $66.67.
    const t = evaluateWhatIf(input({ targets: [selfHosted({ minReplicas: 0 } as Partial<ResolvedTarget>)] })).targets[0]!;
    expect(t.movedMonthlyCostUsd).toBe('66.67');
    expect(t.selfHosted!.floorBinding).toBe(false);
  });

  it('finds no break-even when the API is cheaper per token than the GPUs', () => {
    const t = evaluateWhatIf(input({ targets: [selfHosted({ gpuHourlyUsd: '10' } as Partial<ResolvedTarget>), api('cheap', 'x', price('0.05', '0.05'))] })).targets[0]!;
    expect(t.selfHosted!.breakEven[0]!.monthlyTokens).toBeNull();
    expect(t.selfHosted!.breakEven[0]!.note).toMatch(/cheaper per token at any volume/);
  });
});

describe('evaluateWhatIf: fine-tuned', () => {
  it('adds the one-time training cost and finds the payback month', () => {
    const ft: ResolvedTarget = {
      kind: 'fine_tuned', id: 'ft', label: 'Llama 3 8B fine-tuned', modelId: 'llama-3-8b-instruct', modelName: 'Llama 3 8B', providerId: 'together_ai', providerName: 'Together',
      inputTokenRatio: '1', outputTokenRatio: '1', quality: null, qualitySource: null,
      trainingTokens: 10_000_000, epochs: 3, trainingPricePerMtok: '8', price: price('0.2', '0.2'), promptReduction: 0.5,
    };
    const t = evaluateWhatIf(input({ targets: [ft] })).targets[0]!;
    // Training 10M × 3 × $8 = $240. Serving: 50M × 0.2 + 20M × 0.2 = $14; savings $66 a month; 240 ÷ 66 = 3.64.
    expect(t.oneTimeUsd).toBe('240.00');
    expect(t.movedMonthlyCostUsd).toBe('14.00');
    expect(t.savingsMonthlyUsd).toBe('66.00');
    expect(t.paybackMonths).toBe(3.64);
    expect(t.cumulativeSavingsUsd[0]).toBe('-174.00');
    expect(t.cumulativeSavingsUsd[11]).toBe('552.00');
  });
});

describe('evaluateWhatIf: quality', () => {
  it('weights today\'s Elo by tokens and gives the expected win rate with its range', () => {
    const usage: UsageAggregate[] = [gpt35, { ...gpt35, modelId: 'gpt-4o', rawModel: 'gpt-4o', inputTokens: 30_000_000, outputTokens: 10_000_000, cost: '100' }];
    const r = evaluateWhatIf(input({
      usage,
      minWinRate: 0.5,
      eloByModel: { 'gpt-3.5-turbo-0125': { elo: 1100, lower: 1095, upper: 1105 }, 'gpt-4o': { elo: 1300, lower: 1290, upper: 1310 } },
      targets: [api('t', 'together_ai', price('0.9', '0.9'), { quality: { elo: 1200, lower: 1190, upper: 1210 }, qualitySource: 'test' })],
    }));
    // (1100 × 120M + 1300 × 40M) ÷ 160M = 1150.
    expect(r.baseline.elo).toBe(1150);
    expect(r.baseline.eloLower).toBe(1143.8);
    const t = r.targets[0]!;
    expect(t.winRate).toBe(0.5715); // 1 ÷ (1 + 10^(−50/400))
    expect(t.winRateLower).toBeLessThan(t.winRate!);
    expect(t.winRateUpper).toBeGreaterThan(t.winRate!);
    expect(t.meetsFloor).toBe(true);
  });

  it('a target under the quality floor is not recommended', () => {
    const r = evaluateWhatIf(input({
      minWinRate: 0.45,
      eloByModel: { 'gpt-3.5-turbo-0125': { elo: 1200, lower: null, upper: null } },
      targets: [api('cheap', 'groq', price('0.05', '0.08'), { quality: { elo: 1100, lower: null, upper: null }, qualitySource: 'test' })],
    }));
    expect(r.targets[0]!.winRate).toBe(0.3599);
    expect(r.targets[0]!.meetsFloor).toBe(false);
    expect(r.recommendedTargetId).toBeNull();
    expect(r.summary).toMatch(/None of the 1 option saves money while meeting the quality floor/);
  });
});
