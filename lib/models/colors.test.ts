import { describe, expect, test } from 'vitest';
import { deltaE } from '@/lib/colors/delta-e';
import { colorFor, MIN_DELTA_E, modelColor, optionColor, OTHER_COLOR, PALETTE, seriesColor, seriesColors, vendorColor, vendorColors } from './colors';

// The vendors of the demo's catalog and the Overview's top models in the demo (lib/demo/generate.ts), plus Other.
const VENDORS = ['OpenAI', 'Anthropic', 'Meta', 'Mistral', 'Google', 'Cohere', 'DeepSeek', 'Alibaba', 'xAI'];
const TOP_MODELS = ['gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06', 'claude-3-haiku-20240307', 'claude-sonnet-4-20250514', 'meta-llama/Llama-3-70b-chat-hf', 'meta-llama/Meta-Llama-3-8B-Instruct', 'Other'];

/** Every pair closer than the threshold, named, so a failure says which two colours look alike. */
function closePairs(named: [string, string][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < named.length; i++) for (let j = i + 1; j < named.length; j++) {
    const d = deltaE(named[i]![1], named[j]![1]);
    if (d < MIN_DELTA_E) out.push(`${named[i]![0]} ${named[i]![1]} ~ ${named[j]![0]} ${named[j]![1]}: ΔE00 ${d.toFixed(1)}`);
  }
  return out;
}

describe('series colours are told apart (CIEDE2000 ≥ MIN_DELTA_E)', () => {
  test('the palette and Other: every pair', () => {
    expect(closePairs([...PALETTE, OTHER_COLOR].map((c, i) => [String(i), c]))).toEqual([]);
  });

  test('every two vendors shown together', () => {
    expect(closePairs(VENDORS.map((v) => [v, vendorColor(v)]))).toEqual([]);
  });

  test("every two of the Models chart's 16 vendors (the demo's Elo snapshot: nine known, six more, Unknown)", () => {
    const all = ['AI21', 'Alibaba', 'Anthropic', 'Cohere', 'DeepSeek', 'Google', 'Meta', 'Microsoft', 'Mistral', 'NVIDIA', 'OpenAI', 'Perplexity', 'Unknown', 'Zhipu AI', 'xAI'];
    const m = vendorColors(all);
    expect(closePairs(all.map((v) => [v, m.get(v)!]))).toEqual([]);
    for (const v of VENDORS) if (all.includes(v)) expect(m.get(v)).toBe(vendorColor(v));
    expect(m.get('Unknown')).toBe(OTHER_COLOR);
  });

  test("the Overview's top models, two per vendor, in one chart", () => {
    const m = seriesColors('model', TOP_MODELS);
    expect(closePairs(TOP_MODELS.map((k) => [k, m.get(k)!]))).toEqual([]);
  });

  test.each(Array.from({ length: 10 }, (_, i) => i + 1))('%i what-if options: adjacent options, and today (grey)', (n) => {
    const cs = Array.from({ length: n }, (_, i) => optionColor(i));
    for (let i = 1; i < n; i++) expect(deltaE(cs[i - 1]!, cs[i]!)).toBeGreaterThanOrEqual(MIN_DELTA_E);
    for (const c of cs) expect(deltaE(c, OTHER_COLOR)).toBeGreaterThanOrEqual(MIN_DELTA_E);
    // Up to the palette's size no two options share a colour at all.
    if (n <= PALETTE.length) expect(closePairs(cs.map((c, i) => [`option ${i + 1}`, c]))).toEqual([]);
  });
});

describe('stable colours', () => {
  test.each([
    ['gpt-3.5-turbo-0125', 'GPT-3.5 Turbo (0125)'],
    ['gpt-4o-2024-08-06', 'openai/gpt-4o-2024-08-06'],
  ])('%s and %s are one model, one colour', (a, b) => expect(modelColor(a)).toBe(modelColor(b)));

  test('one function for every kind', () => {
    expect(colorFor('vendor', 'Meta')).toBe(vendorColor('Meta'));
    expect(colorFor('model', 'claude-3-haiku-20240307')).toBe(vendorColor('Anthropic'));
    expect(colorFor('option', 'Llama 3 on Groq', 2)).toBe(optionColor(2));
    expect(optionColor(PALETTE.length)).toBe(optionColor(0));
    expect(seriesColor('project', 'Other')).toBe(OTHER_COLOR);
    expect(vendorColor('Mistral')).toBe(vendorColor('Mistral AI'));
  });

  test("a chart's colours do not depend on the order it lists its series in; the first of a vendor keeps the vendor's", () => {
    const a = seriesColors('model', TOP_MODELS);
    expect(seriesColors('model', [...TOP_MODELS].reverse())).toEqual(a);
    expect(a.get('Other')).toBe(OTHER_COLOR);
    expect(a.get('claude-3-haiku-20240307')).toBe(vendorColor('Anthropic'));
    expect(new Set(a.values()).size).toBe(TOP_MODELS.length);
  });
});
