import { describe, expect, test } from 'vitest';
import { describeText } from './hints';
import { exactRatio, quantile, ratioDistribution, ratioStat, seededRandom } from './stats';

/** n samples whose target/source ratio scatters around 0.8 (seeded, so the same every run). */
function samples(n: number, seed = 7) {
  const rand = seededRandom(seed);
  const from = Int32Array.from({ length: n }, () => 20 + Math.floor(rand() * 200));
  const to = Int32Array.from(from, (f) => Math.round(f * (0.5 + rand() * 0.6)));
  return { from, to };
}

describe('ratioStat', () => {
  test('ratio of sums, exact to six places', async () => {
    const r = await ratioStat([10, 25, 0], [10, 13, 0], 3);
    expect(r).toMatchObject({ samples: 2, fromTokens: 35, toTokens: 23, ratio: '0.657143' });
    expect(exactRatio(2, 3)).toBe('0.666667');
    expect(exactRatio(5, 0)).toBe('0.000000');
  });
  test('one sample: the range is the ratio itself', async () => {
    expect(await ratioStat([40], [30], 1)).toEqual({ samples: 1, fromTokens: 40, toTokens: 30, ratio: '0.750000', ratioLower: '0.750000', ratioUpper: '0.750000' });
  });
  test('seeded: the same samples give the same range; another seed a different one', async () => {
    const { from, to } = samples(200);
    const a = await ratioStat(from, to, 200);
    expect(await ratioStat(from, to, 200)).toEqual(a);
    expect((await ratioStat(from, to, 200, { seed: 99 })).ratioLower).not.toBe(a.ratioLower);
  });
  test('the range contains the ratio and narrows with more samples', async () => {
    const widths: number[] = [];
    for (const n of [20, 200, 2000]) {
      const { from, to } = samples(n);
      const r = await ratioStat(from, to, n);
      expect(Number(r.ratioLower)).toBeLessThan(Number(r.ratio));
      expect(Number(r.ratioUpper)).toBeGreaterThan(Number(r.ratio));
      widths.push(Number(r.ratioUpper) - Number(r.ratioLower));
    }
    expect(widths[1]!).toBeLessThan(widths[0]! * 0.6);
    expect(widths[2]!).toBeLessThan(widths[1]! * 0.6);
    // ~1/√n: ten times the samples, about a third of the width.
    expect(widths[2]! / widths[1]!).toBeGreaterThan(0.2);
  });
  test('a constant ratio has a zero-width range', async () => {
    const r = await ratioStat([10, 20, 30, 40], [5, 10, 15, 20], 4);
    expect([r.ratio, r.ratioLower, r.ratioUpper]).toEqual(['0.500000', '0.500000', '0.500000']);
  });
});

describe('ratioDistribution', () => {
  test('bins cover every sample with source tokens', () => {
    const { from, to } = samples(500);
    const d = ratioDistribution(from, to, 500)!;
    expect(d.bins.reduce((s, b) => s + b.count, 0)).toBe(500);
    expect(d.samples).toBe(500);
    expect(d.p10).toBeLessThan(d.median);
    expect(d.median).toBeLessThan(d.p90);
    expect(d.median).toBeGreaterThan(0.7);
    expect(d.median).toBeLessThan(0.9);
  });
  test('known ratios land in known bins', () => {
    const d = ratioDistribution([10, 10, 10, 10, 0], [5, 5, 6, 10, 3], 5)!;
    expect(d.samples).toBe(4);
    // 0.5, 0.5, 0.6 and 1.0: bins 0.05 wide from 0.50 up to the 99th percentile; 1.0 lies past it, in the open last bin.
    expect(d.bins.map((b) => [b.label, b.count])).toEqual([
      ['0.50–0.55', 2], ['0.55–0.60', 0], ['0.60–0.65', 1], ['0.65–0.70', 0], ['0.70–0.75', 0],
      ['0.75–0.80', 0], ['0.80–0.85', 0], ['0.85–0.90', 0], ['0.90–0.95', 0], ['≥ 0.95', 1],
    ]);
  });
  test('none when no sample has source tokens', () => {
    expect(ratioDistribution([0], [4], 1)).toBeNull();
  });
  test('quantile is type 7', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });
});

describe('describeText', () => {
  test.each([
    ['नमस्ते, आप कैसे हैं? मैं ठीक हूँ।', 'Devanagari (Hindi, Marathi, Nepali) script'],
    ['Καλημέρα, τι κάνετε σήμερα;', 'Greek script'],
    ['我们今天去公园散步吧。', 'Chinese (Han) script'],
    ['function add(a, b) {\n  return a + b;\n}', 'code'],
    ['Invoice 2026-11-26: 1234567890, 998877, 3.14159', 'digits 70%'],
    ['The quick brown fox jumps over the lazy dog.', 'Latin-script prose'],
  ])('%s → %s', (text, label) => {
    expect(describeText(text).label).toBe(label);
  });
});
