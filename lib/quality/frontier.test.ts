import { describe, expect, test } from 'vitest';
import type { ModelQualityPrice } from './frontier';
import { blendedPrice, buildEloPricePoints, parseMix } from './frontier';
import { expectedWinRate } from './winrate';

const m = (id: string, elo: number, prices: [string, string, string][]): ModelQualityPrice => ({
  modelId: id, name: id, vendor: 'V', openWeights: false, elo, ciLower: elo - 3, ciUpper: elo + 3, votes: 100,
  prices: prices.map(([providerId, inputPerMtok, outputPerMtok]) => ({ providerId, providerName: providerId, inputPerMtok, outputPerMtok })),
});

describe('blended price', () => {
  test.each([
    ['0.5', '1.5', '3:1', '0.75'], // GPT-3.5 Turbo 0125
    ['0.59', '0.79', '3:1', '0.64'], // Llama 3 70B on Groq
    ['5', '15', '3:1', '7.5'], // GPT-4o
    ['0.5', '1.5', '1:1', '1'],
    ['0.5', '1.5', '1:3', '1.25'],
    ['0.1', '0.2', '1:2', '0.1666666667'],
  ])('in %s / out %s at %s = %s', (i, o, mix, expected) => {
    expect(blendedPrice(i, o, parseMix(mix))).toBe(expected);
  });

  test('a bad mix falls back to 3:1', () => {
    expect(parseMix('abc')).toEqual({ input: 3, output: 1 });
    expect(parseMix('0:0')).toEqual({ input: 3, output: 1 });
  });
});

describe('Pareto frontier', () => {
  const rows = [
    m('gpt-3.5', 1104, [['openai', '0.5', '1.5']]),
    m('llama-8b', 1153, [['groq', '0.1', '0.1'], ['together', '0.2', '0.2']]),
    m('llama-70b', 1207, [['groq', '0.64', '0.8'], ['together', '0.9', '0.9']]),
    m('gpt-4o', 1287, [['openai', '5', '15']]),
    m('gpt-4-turbo', 1257, [['openai', '10', '30']]),
    m('unpriced', 1300, []),
  ];
  const points = buildEloPricePoints(rows, { mix: { input: 3, output: 1 } });
  const get = (id: string) => points.find((p) => p.modelId === id)!;

  test('cheapest provider by default; dominated models are off the frontier', () => {
    expect(get('llama-70b')).toMatchObject({ providerId: 'groq', blendedPerMtok: '0.68' });
    expect(points.filter((p) => p.onFrontier).map((p) => p.modelId)).toEqual(['llama-8b', 'llama-70b', 'gpt-4o']);
    expect(get('gpt-3.5').onFrontier).toBe(false); // Llama 3 8B is cheaper and better
    expect(get('gpt-4-turbo').onFrontier).toBe(false); // GPT-4o is cheaper and better
    expect(points.find((p) => p.modelId === 'unpriced')).toBeUndefined();
  });

  test('Elo per doubling of price along the frontier', () => {
    // 8B → 70B: +54 Elo over log2(0.68 / 0.1) = 2.766 doublings ≈ 19.5
    expect(get('llama-70b').eloPerDoubling).toBeCloseTo(54 / Math.log2(6.8), 6);
    expect(get('llama-8b').eloPerDoubling).toBeNull();
  });

  test('a chosen provider replaces the cheapest and can move a model off the frontier', () => {
    const chosen = buildEloPricePoints(rows, { mix: { input: 3, output: 1 }, providerChoice: { 'llama-8b': 'together' } });
    const p = chosen.find((x) => x.modelId === 'llama-8b')!;
    expect(p).toMatchObject({ providerId: 'together', blendedPerMtok: '0.2' });
    expect(p.providers.map((x) => x.providerId)).toEqual(['groq', 'together']);
  });
});

describe('expected win rate', () => {
  test.each([
    [1104, 1207, 0.644], // Llama 3 70B over GPT-3.5 Turbo 0125 (2024-06-19)
    [1104, 1153, 0.5701],
    [1200, 1200, 0.5],
  ])('A %d, B %d → %d', (a, b, p) => {
    expect(expectedWinRate(a, b)).toBeCloseTo(p, 4);
  });
});
