import { describe, expect, test } from 'vitest';
import { aliasRowsFor, candidateForms, createResolver } from './resolve';

const catalog = [
  { id: 'gpt-3.5-turbo-0125', aliases: ['gpt-3.5-turbo', 'openai/gpt-3.5-turbo', 'GPT-3.5-Turbo-0125'] },
  { id: 'llama-3-70b-instruct', aliases: ['Llama-3-70b-Instruct', 'llama3-70b-8192', 'meta-llama/Meta-Llama-3-70B-Instruct', 'accounts/fireworks/models/llama-v3-70b-instruct', 'meta.llama3-70b-instruct-v1:0'] },
  { id: 'claude-3-haiku-20240307', aliases: ['Claude 3 Haiku', 'claude-3-haiku-20240307*', '*anthropic.claude-3-haiku-20240307-v1:0'] },
];

describe('model resolver', () => {
  const resolve = createResolver(aliasRowsFor(catalog));

  test.each([
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo-0125'],
    ['GPT-3.5-TURBO', 'gpt-3.5-turbo-0125'],
    ['openai/gpt-3.5-turbo', 'gpt-3.5-turbo-0125'],
    ['groq/llama3-70b-8192', 'llama-3-70b-instruct'],
    ['deepinfra/meta-llama/Meta-Llama-3-70B-Instruct', 'llama-3-70b-instruct'],
    ['fireworks_ai/accounts/fireworks/models/llama-v3-70b-instruct', 'llama-3-70b-instruct'],
    ['bedrock/us-east-1/meta.llama3-70b-instruct-v1:0', 'llama-3-70b-instruct'],
    ['us.meta.llama3-70b-instruct-v1:0', 'llama-3-70b-instruct'],
    ['  Llama-3-70b-Instruct ', 'llama-3-70b-instruct'],
    ['claude-3-haiku-20240307-batch', 'claude-3-haiku-20240307'],
    ['bedrock/anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku-20240307'],
  ])('%s → %s', (raw, id) => {
    expect(resolve(raw)?.modelId).toBe(id);
  });

  test.each(['gpt-4', 'llama3-8b-8192', 'mystery-model', ''])('%j stays unmapped', (raw) => {
    expect(resolve(raw)).toBeNull();
  });

  test('exact aliases rank by their order; the id itself is rank 0', () => {
    expect(resolve('gpt-3.5-turbo-0125')).toMatchObject({ rank: 0, exact: true });
    expect(resolve('gpt-3.5-turbo')).toMatchObject({ rank: 1, exact: true });
    expect(resolve('claude-3-haiku-20240307-x')).toMatchObject({ exact: false });
  });

  test('an alias naming two models is refused', () => {
    expect(() => aliasRowsFor([{ id: 'a', aliases: ['x'] }, { id: 'b', aliases: ['X'] }])).toThrow(/names both a and b/);
  });

  test('vendor org paths are not provider prefixes', () => {
    expect(candidateForms('meta-llama/Meta-Llama-3-70B-Instruct')).toEqual(['meta-llama/meta-llama-3-70b-instruct']);
  });
});

describe('names that moved', () => {
  // gpt-4o meant gpt-4o-2024-05-13 until 2024-10-02; the undated row is what it means today.
  const rows = [
    ...aliasRowsFor([{ id: 'gpt-4o-2024-05-13', aliases: [] }, { id: 'gpt-4o-2024-08-06', aliases: ['gpt-4o'] }]),
    { pattern: 'gpt-4o', modelId: 'gpt-4o-2024-05-13', rank: 0, from: '2024-05-13' },
    { pattern: 'gpt-4o', modelId: 'gpt-4o-2024-08-06', rank: 0, from: '2024-10-02' },
  ];
  const resolve = createResolver(rows);

  test.each([
    ['2024-07-01', 'gpt-4o-2024-05-13'],
    ['2024-10-01', 'gpt-4o-2024-05-13'],
    ['2024-10-02', 'gpt-4o-2024-08-06'],
    ['2026-01-01', 'gpt-4o-2024-08-06'],
    // Before the name existed: its first meaning.
    ['2024-01-01', 'gpt-4o-2024-05-13'],
  ])('gpt-4o on %s is %s (also behind a provider prefix)', (day, id) => {
    expect(resolve('gpt-4o', day)).toMatchObject({ modelId: id, dated: true });
    expect(resolve('openai/gpt-4o', day)?.modelId).toBe(id);
  });

  test('without a day, today\'s meaning; a dated snapshot name never depends on the day', () => {
    expect(resolve('gpt-4o')?.modelId).toBe('gpt-4o-2024-08-06');
    expect(resolve('gpt-4o-2024-08-06', '2024-07-01')).toMatchObject({ modelId: 'gpt-4o-2024-08-06', rank: 0 });
    expect(resolve('gpt-4o-2024-08-06', '2024-07-01')?.dated).toBeUndefined();
  });

  test('a mapping listed after the periods (a workspace\'s own) wins on every day', () => {
    const own = createResolver([...rows, { pattern: 'gpt-4o', modelId: 'acme-4o', rank: 0 }]);
    expect(own('gpt-4o', '2024-07-01')?.modelId).toBe('acme-4o');
    expect(own('gpt-4o')?.modelId).toBe('acme-4o');
  });
});
