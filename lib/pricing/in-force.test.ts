import { describe, expect, test } from 'vitest';
import type { PriceCandidate, PriceInForce, ProviderDiscount } from './in-force';
import { priceInForce } from './in-force';

const WS = 'ws-a';
const OTHER = 'ws-b';
const MODEL = 'gpt-3.5-turbo-0125';
const PROVIDER = 'openai';

/** A reference LiteLLM-style row for the queried pair at $0.50 / $1.50 unless stated otherwise. */
function row(p: Partial<PriceCandidate> & Pick<PriceCandidate, 'sheetId' | 'effectiveFrom'>): PriceCandidate {
  return {
    workspaceId: null, source: 'litellm', complete: false, modelId: MODEL, providerId: PROVIDER,
    inputPerMtok: '0.5', outputPerMtok: '1.5', cachedInputPerMtok: null, batchInputPerMtok: null, batchOutputPerMtok: null,
    ...p,
  };
}
const own = (p: Partial<PriceCandidate> & Pick<PriceCandidate, 'sheetId' | 'effectiveFrom'>) => row({ workspaceId: WS, source: 'override', ...p });
const discount = (percent: string, effectiveFrom: string, p: Partial<ProviderDiscount> = {}): ProviderDiscount =>
  ({ workspaceId: WS, providerId: PROVIDER, percent, effectiveFrom, ...p });

type Case = {
  name: string;
  candidates: PriceCandidate[];
  discounts?: ProviderDiscount[];
  day: string;
  expected: Partial<PriceInForce> | null;
};

const ask = (c: Case) => priceInForce(c.candidates, c.discounts ?? [], { workspaceId: WS, modelId: MODEL, providerId: PROVIDER, day: c.day });

describe('priceInForce', () => {
  const cases: Case[] = [
    { name: 'no candidates: no price', candidates: [], day: '2024-07-01', expected: null },

    // (b) reference prices
    {
      name: 'b: one reference price before the day',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })], day: '2024-07-01',
      expected: { inputPerMtok: '0.5', outputPerMtok: '1.5', sheetId: 'r1', origin: 'reference', backdated: false, discountPercent: null },
    },
    {
      name: 'b: a price effective on the day itself is in force',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' }), row({ sheetId: 'r2', effectiveFrom: '2024-07-25', inputPerMtok: '0.4' })],
      day: '2024-07-25', expected: { sheetId: 'r2', inputPerMtok: '0.4', backdated: false },
    },
    {
      name: 'b: the latest reference price on or before the day wins, a later one waits',
      candidates: [
        row({ sheetId: 'r1', effectiveFrom: '2024-06-17', inputPerMtok: '0.64', outputPerMtok: '0.8' }),
        row({ sheetId: 'r2', effectiveFrom: '2024-07-25', inputPerMtok: '0.59', outputPerMtok: '0.79' }),
      ],
      day: '2024-07-24', expected: { sheetId: 'r1', inputPerMtok: '0.64', outputPerMtok: '0.8' },
    },
    {
      name: 'b: rows of other models and providers are not this pair\'s price',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17', modelId: 'gpt-4o-2024-05-13' }), row({ sheetId: 'r2', effectiveFrom: '2024-06-17', providerId: 'azure' })],
      day: '2024-07-01', expected: null,
    },
    {
      name: 'b: a complete sheet that no longer lists the pair ends the older price (floor from another model\'s row)',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-05-01' }), row({ sheetId: 'full', effectiveFrom: '2024-06-01', complete: true, modelId: 'gpt-4o-2024-05-13' })],
      day: '2024-07-01', expected: null,
    },
    {
      name: 'b: a partial sheet after the newest complete one adds to it',
      candidates: [
        row({ sheetId: 'full', effectiveFrom: '2024-06-01', complete: true }),
        row({ sheetId: 'csv', effectiveFrom: '2024-06-15', source: 'csv', inputPerMtok: '0.45' }),
      ],
      day: '2024-07-01', expected: { sheetId: 'csv', inputPerMtok: '0.45' },
    },
    {
      name: 'b: a complete sheet after the day sets no floor yet',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-05-01' }), row({ sheetId: 'full', effectiveFrom: '2024-08-01', complete: true, modelId: 'gpt-4o-2024-05-13' })],
      day: '2024-07-01', expected: { sheetId: 'r1', backdated: false },
    },
    {
      name: 'b: same date, a csv row beats the LiteLLM map',
      candidates: [row({ sheetId: 'map', effectiveFrom: '2024-06-17', complete: true }), row({ sheetId: 'csv', effectiveFrom: '2024-06-17', source: 'csv', inputPerMtok: '0.45' })],
      day: '2024-07-01', expected: { sheetId: 'csv', inputPerMtok: '0.45' },
    },
    {
      name: 'b: same date and source, the greater sheet id wins whatever the input order',
      candidates: [row({ sheetId: 'b', effectiveFrom: '2024-06-17', inputPerMtok: '0.2' }), row({ sheetId: 'a', effectiveFrom: '2024-06-17', inputPerMtok: '0.1' })],
      day: '2024-07-01', expected: { sheetId: 'b', inputPerMtok: '0.2' },
    },

    // (a) workspace prices
    {
      name: 'a: the workspace\'s own price beats a newer reference price',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-01-01', inputPerMtok: '0.3', outputPerMtok: '1' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      day: '2024-07-01', expected: { sheetId: 'o1', inputPerMtok: '0.3', outputPerMtok: '1', origin: 'override', backdated: false },
    },
    {
      name: 'a: the latest own price on or before the day',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-01-01', inputPerMtok: '0.3' }), own({ sheetId: 'o2', effectiveFrom: '2024-06-01', inputPerMtok: '0.2' }), own({ sheetId: 'o3', effectiveFrom: '2024-09-01', inputPerMtok: '0.1' })],
      day: '2024-07-01', expected: { sheetId: 'o2', inputPerMtok: '0.2' },
    },
    {
      name: 'a: an own price starting after the day leaves the reference price in force',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-08-01', inputPerMtok: '0.3' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      day: '2024-07-01', expected: { sheetId: 'r1', origin: 'reference', backdated: false },
    },
    {
      name: 'a+b: a complete reference sheet does not end a workspace price',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-01-01', inputPerMtok: '0.3' }), row({ sheetId: 'full', effectiveFrom: '2024-06-01', complete: true, modelId: 'gpt-4o-2024-05-13' })],
      day: '2024-07-01', expected: { sheetId: 'o1', origin: 'override' },
    },

    // (e) other workspaces
    {
      name: 'e: another workspace\'s cheaper price is never used',
      candidates: [row({ sheetId: 'x', workspaceId: OTHER, source: 'override', effectiveFrom: '2024-06-20', inputPerMtok: '0.01' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      day: '2024-07-01', expected: { sheetId: 'r1', inputPerMtok: '0.5', origin: 'reference' },
    },
    {
      name: 'e: another workspace\'s price alone gives no price, not even backdated',
      candidates: [row({ sheetId: 'x', workspaceId: OTHER, effectiveFrom: '2024-06-20' }), row({ sheetId: 'y', workspaceId: OTHER, effectiveFrom: '2024-09-01' })],
      day: '2024-07-01', expected: null,
    },
    {
      name: 'e: another workspace\'s complete sheet sets no reference floor',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-05-01' }), row({ sheetId: 'x', workspaceId: OTHER, complete: true, effectiveFrom: '2024-06-01', modelId: 'gpt-4o-2024-05-13' })],
      day: '2024-07-01', expected: { sheetId: 'r1' },
    },

    // (c) backdated
    {
      name: 'c: nothing on or before the day: the earliest later reference price, backdated',
      candidates: [row({ sheetId: 'r2', effectiveFrom: '2024-09-01', inputPerMtok: '0.4' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      day: '2024-03-01', expected: { sheetId: 'r1', inputPerMtok: '0.5', origin: 'reference', backdated: true },
    },
    {
      name: 'c: the earliest later price may be the workspace\'s own',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-05-01', inputPerMtok: '0.3' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      day: '2024-03-01', expected: { sheetId: 'o1', inputPerMtok: '0.3', origin: 'override', backdated: true },
    },
    {
      name: 'c: an earlier later reference price beats a later own price',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-08-01', inputPerMtok: '0.3' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      day: '2024-03-01', expected: { sheetId: 'r1', origin: 'reference', backdated: true },
    },
    {
      name: 'c: on the same later date the workspace\'s own price wins',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17', source: 'manual' }), own({ sheetId: 'o1', effectiveFrom: '2024-06-17', source: 'csv', inputPerMtok: '0.3' })],
      day: '2024-03-01', expected: { sheetId: 'o1', origin: 'override', backdated: true },
    },
    {
      name: 'b+c: a pair dropped by a complete sheet is priced backdated from a later sheet that lists it again',
      candidates: [
        row({ sheetId: 'r1', effectiveFrom: '2024-05-01' }),
        row({ sheetId: 'full', effectiveFrom: '2024-06-01', complete: true, modelId: 'gpt-4o-2024-05-13' }),
        row({ sheetId: 'r3', effectiveFrom: '2024-09-01', inputPerMtok: '0.4' }),
      ],
      day: '2024-07-01', expected: { sheetId: 'r3', inputPerMtok: '0.4', backdated: true },
    },

    // (d) discounts
    {
      name: 'd: 15% off $0.50 / $1.50 is $0.425 / $1.275, cached and batch scaled too',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17', cachedInputPerMtok: '0.25', batchInputPerMtok: '0.25', batchOutputPerMtok: '0.75' })],
      discounts: [discount('15', '2024-01-01')], day: '2024-07-01',
      expected: {
        inputPerMtok: '0.425', outputPerMtok: '1.275', cachedInputPerMtok: '0.2125', batchInputPerMtok: '0.2125', batchOutputPerMtok: '0.6375',
        origin: 'reference', discountPercent: '15',
      },
    },
    {
      name: 'd: exact decimals where floats drift (30% off $0.10 is $0.07, not 0.06999…); a groq discount stays with groq',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17', inputPerMtok: '0.1', outputPerMtok: '0.59' })],
      discounts: [discount('30', '2024-01-01'), discount('12.5', '2024-06-01', { providerId: 'groq' })], day: '2024-07-01',
      expected: { inputPerMtok: '0.07', outputPerMtok: '0.413', discountPercent: '30' },
    },
    {
      name: 'd: 12.50% is normalized and applied exactly',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17', inputPerMtok: '0.59', outputPerMtok: '0.79' })],
      discounts: [discount('12.50', '2024-01-01')], day: '2024-07-01',
      expected: { inputPerMtok: '0.51625', outputPerMtok: '0.69125', discountPercent: '12.5' },
    },
    {
      name: 'd: the discount in force is the latest on or before the day',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('20', '2024-07-01'), discount('10', '2024-01-01'), discount('50', '2024-08-01')], day: '2024-07-01',
      expected: { inputPerMtok: '0.4', outputPerMtok: '1.2', discountPercent: '20' },
    },
    {
      name: 'd: a discount starting after the day does not apply yet',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('20', '2024-07-02')], day: '2024-07-01', expected: { inputPerMtok: '0.5', discountPercent: null },
    },
    {
      name: 'd: a discount for another provider does not apply',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('20', '2024-01-01', { providerId: 'azure' })], day: '2024-07-01', expected: { inputPerMtok: '0.5', discountPercent: null },
    },
    {
      name: 'd+e: another workspace\'s discount does not apply',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('20', '2024-01-01', { workspaceId: OTHER })], day: '2024-07-01', expected: { inputPerMtok: '0.5', discountPercent: null },
    },
    {
      name: 'd+a: the workspace\'s own price is already negotiated: no discount on top',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-01-01', inputPerMtok: '0.4', outputPerMtok: '1.2' }), row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('15', '2024-01-01')], day: '2024-07-01',
      expected: { inputPerMtok: '0.4', outputPerMtok: '1.2', origin: 'override', discountPercent: null },
    },
    {
      name: 'd+c: a backdated reference price takes the discount in force on the day',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('10', '2024-01-01'), discount('50', '2024-06-17')], day: '2024-03-01',
      expected: { inputPerMtok: '0.45', outputPerMtok: '1.35', backdated: true, discountPercent: '10' },
    },
    {
      name: 'd+c: a backdated own price takes no discount',
      candidates: [own({ sheetId: 'o1', effectiveFrom: '2024-06-17' })],
      discounts: [discount('10', '2024-01-01')], day: '2024-03-01',
      expected: { inputPerMtok: '0.5', origin: 'override', backdated: true, discountPercent: null },
    },
    {
      name: 'd: 0% and 100% are valid edges',
      candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17', cachedInputPerMtok: '0.25' })],
      discounts: [discount('100', '2024-01-01')], day: '2024-07-01',
      expected: { inputPerMtok: '0', outputPerMtok: '0', cachedInputPerMtok: '0', batchInputPerMtok: null, discountPercent: '100' },
    },
  ];

  test.each(cases)('$name', (c) => {
    const got = ask(c);
    if (c.expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(c.expected);
  });

  test('a full answer carries every field', () => {
    expect(ask({ name: '', candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })], day: '2024-06-17', expected: null })).toEqual({
      inputPerMtok: '0.5', outputPerMtok: '1.5', cachedInputPerMtok: null, batchInputPerMtok: null, batchOutputPerMtok: null,
      sheetId: 'r1', effectiveFrom: '2024-06-17', origin: 'reference', backdated: false, discountPercent: null,
    });
  });

  test('the answer does not depend on the order of the candidates', () => {
    const candidates = [
      row({ sheetId: 'a', effectiveFrom: '2024-06-17' }), row({ sheetId: 'c', effectiveFrom: '2024-06-17', source: 'csv', inputPerMtok: '0.45' }),
      row({ sheetId: 'b', effectiveFrom: '2024-06-17', source: 'csv', inputPerMtok: '0.44' }), row({ sheetId: 'd', effectiveFrom: '2024-05-01', source: 'override' }),
    ];
    const q = { workspaceId: WS, modelId: MODEL, providerId: PROVIDER, day: '2024-07-01' };
    expect(priceInForce(candidates, [], q)?.sheetId).toBe('c');
    expect(priceInForce([...candidates].reverse(), [], q)?.sheetId).toBe('c');
  });

  test.each(['-5', '100.01', 'lots'])('a discount of %s%% is refused, not priced with', (percent) => {
    expect(() => ask({ name: '', candidates: [row({ sheetId: 'r1', effectiveFrom: '2024-06-17' })], discounts: [discount(percent, '2024-01-01')], day: '2024-07-01', expected: null }))
      .toThrow(RangeError);
  });
});
