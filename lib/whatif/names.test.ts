import { describe, expect, test } from 'vitest';
import { PROVIDERS } from '@/lib/catalog/types';
import { editDistance, resolveProviderName, resolveSnapshotName } from './names';

const providers = PROVIDERS.map((p) => ({ id: p.id, name: p.name }));
const id = (raw: string) => { const r = resolveProviderName(raw, providers); return r.ok ? r.value.id : null; };

describe('resolveProviderName', () => {
  test.each([
    ['together_ai', 'together_ai'], ['together', 'together_ai'], ['Together AI', 'together_ai'], ['TOGETHER-AI', 'together_ai'],
    ['fireworks', 'fireworks_ai'], ['Fireworks AI', 'fireworks_ai'], ['bedrock', 'bedrock'], ['AWS', 'bedrock'], ['AWS Bedrock', 'bedrock'],
    ['azure', 'azure'], ['Azure OpenAI', 'azure'], ['vertex', 'vertex_ai'], ['Vertex AI', 'vertex_ai'], ['gemini', 'google'],
    ['groq', 'groq'], ['OpenAI', 'openai'], ['self-hosted', 'self_hosted'],
  ])('%s → %s', (raw, want) => expect(id(raw)).toBe(want));

  test('an unknown name answers with the closest providers', () => {
    expect(resolveProviderName('tgether', providers)).toEqual({ ok: false, reason: 'unknown', candidates: [{ id: 'together_ai', name: 'Together AI' }] });
    const fire = resolveProviderName('firewroks', providers);
    expect(fire.ok ? [] : fire.candidates.map((p) => p.id)).toEqual(['fireworks_ai']);
    expect(resolveProviderName('nowhere-cloud', providers)).toEqual({ ok: false, reason: 'unknown', candidates: [] });
  });

  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('tgether', 'together')).toBe(1);
    expect(editDistance('fireowrks', 'fireworks')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('resolveSnapshotName', () => {
  const snaps = [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Chatbot Arena (2024-06-19)', asOf: '2024-06-19' },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Chatbot Arena (2024-07-31)', asOf: '2024-07-31' },
    { id: '33333333-3333-4333-8333-333333333333', name: 'LMArena text (2025-08-04)', asOf: '2025-08-04' },
    { id: '44444444-4444-4444-8444-444444444444', name: 'Own judgments: evals.csv', asOf: '2024-07-31' },
  ];
  const pick = (raw: string) => { const r = resolveSnapshotName(raw, snaps); return r.ok ? r.value.id.slice(0, 1) : `${r.reason}:${r.candidates.map((s) => s.id.slice(0, 1)).join(',')}`; };

  test.each([
    ['33333333-3333-4333-8333-333333333333', '3'], ['2024-06-19', '1'], ['chatbot arena (2024-06-19)', '1'], ['  LMArena  text (2025-08-04) ', '3'],
    ['lmarena', '3'], ['own judgments', '4'],
    // Two snapshots that day, two names holding "chatbot arena": the candidates, not a guess.
    ['2024-07-31', 'ambiguous:2,4'], ['Chatbot Arena', 'ambiguous:1,2'],
    // No snapshot that day: the nearest dates; a misspelt name: the nearest names.
    ['2024-07-01', 'unknown:1,2,4'], ['LMAerna text (2025-08-04)', 'unknown:3'], ['nothing like it', 'unknown:'],
  ])('%s → %s', (raw, want) => expect(pick(raw)).toBe(want));
});
