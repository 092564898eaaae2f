import { describe, expect, it } from 'vitest';
import { decodeScenario, defaultScenario, encodeScenario, nextTargetId } from './draft';
import { scenarioSchema } from './spec';

describe('what-if drafts', () => {
  const options = {
    workloads: { models: [{ id: 'gpt-4o-2024-08-06', family: 'gpt-4o', tokens: 9e9 }, { id: 'gpt-3.5-turbo-0125', family: 'gpt-3.5', tokens: 5e9 }] },
    targets: [
      { id: 'llama-3-70b-instruct', providers: [{ providerId: 'hyperbolic' }, { providerId: 'openrouter' }], selfHostable: true },
      { id: 'llama-3.1-8b-instruct', providers: [{ providerId: 'deepinfra' }], selfHostable: true },
      { id: 'llama-3-8b-instruct', providers: [], selfHostable: true },
    ],
  };

  it('starts from GPT-3.5 traffic against Llama 3 70B and 8B hosted (cheapest provider) and 70B self-hosted', () => {
    const s = defaultScenario(options);
    expect(s.workloads).toEqual({ models: ['gpt-3.5'] });
    expect(s.targets).toEqual([
      { id: 't1', kind: 'api', model: 'llama-3-70b-instruct', provider: 'hyperbolic' },
      { id: 't2', kind: 'api', model: 'llama-3.1-8b-instruct', provider: 'deepinfra' },
      { id: 't3', kind: 'self_hosted', model: 'llama-3-70b-instruct' },
    ]);
    expect(scenarioSchema.safeParse(s).success).toBe(true);
  });

  it('without GPT-3.5 traffic it takes the busiest model', () => {
    expect(defaultScenario({ ...options, workloads: { models: [options.workloads.models[0]!] } }).workloads).toEqual({ models: ['gpt-4o-2024-08-06'] });
  });

  it('round-trips a scenario through the URL form, unicode included; garbage decodes to null', () => {
    const s = { name: 'Überschlag – 70B', share: 0.35, targets: [{ id: 't1', kind: 'api' as const, model: 'llama-3-70b-instruct', provider: 'groq' }] };
    const enc = encodeScenario(s);
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeScenario(enc)).toEqual(s);
    expect(decodeScenario('%%%not-base64')).toBeNull();
    expect(decodeScenario(null)).toBeNull();
  });

  it('new target ids never collide', () => {
    expect(nextTargetId([{ id: 't1' }, { id: 't3' }])).toBe('t4');
    expect(nextTargetId([{ id: 't2' }])).toBe('t3');
    expect(nextTargetId([])).toBe('t1');
  });
});
