import { beforeAll, describe, expect, test } from 'vitest';
import { compareStream, summarize, textChunks } from './compare';
import { loadTokenizers } from './tokenizers';

const EN = 'The quick brown fox jumps over the lazy dog.'; // cl100k 10, llama3 10, o200k 10
const HI = 'नमस्ते, आप कैसे हैं? मैं ठीक हूँ।'; // cl100k 35, llama3 19, o200k 13
const EL = 'Καλημέρα, τι κάνετε σήμερα;'; // cl100k 25, llama3 13, o200k 10
const ZH = '我们今天去公园散步吧。'; // cl100k 13, llama3 9, o200k 9
const chat = (user: string, assistant: string) => JSON.stringify({ messages: [{ role: 'user', content: user }, { role: 'assistant', content: assistant }] });

// Vocabularies load once (seconds on a busy machine), before the timed tests.
beforeAll(async () => { await loadTokenizers(['cl100k_base', 'o200k_base', 'llama3', 'llama2']); }, 120_000);

describe('compareStream', { timeout: 60_000 }, () => {
  test('chat JSONL: input, output and all, with known token totals', async () => {
    const r = await compareStream(textChunks(`${chat(EN, HI)}\n${chat(EL, ZH)}\nnot json\n`), { from: 'cl100k_base', to: 'llama3', tokenizers: ['o200k_base'], maxBytes: 1e6 });
    expect(r.format).toBe('jsonl');
    expect(r.samples).toBe(2);
    expect(r.issues).toEqual([{ line: 3, reason: expect.stringMatching(/^not valid JSON/) }]);
    expect(r.tokenizers.map((t) => [t.id, t.input, t.output, t.total, t.ratio])).toEqual([
      ['cl100k_base', 35, 48, 83, '1.000000'],
      ['llama3', 23, 28, 51, '0.614458'],
      ['o200k_base', 20, 22, 42, '0.506024'],
    ]);
    expect(r.input).toMatchObject({ samples: 2, fromTokens: 35, toTokens: 23, ratio: '0.657143' });
    expect(r.output).toMatchObject({ samples: 2, fromTokens: 48, toTokens: 28, ratio: '0.583333' });
    expect(r.all).toMatchObject({ samples: 2, fromTokens: 83, toTokens: 51, ratio: '0.614458' });
    expect(Number(r.all.ratioLower)).toBeLessThanOrEqual(0.614458);
    expect(Number(r.all.ratioUpper)).toBeGreaterThanOrEqual(0.614458);
    const s = summarize(r);
    expect(Object.keys(s)).toEqual(['samples', 'fromTokens', 'toTokens', 'ratio', 'ratioLower', 'ratioUpper', 'input', 'output']);
  });

  test('plain lines: no roles, no input/output split; the samples that differ most with a reason', async () => {
    const text = [EN, HI, EL, ZH, 'function add(a, b) {\n  return a + b;\n}'.replace(/\n/g, ' ')].join('\n');
    const r = await compareStream(textChunks(text), { from: 'cl100k_base', to: 'llama3', maxBytes: 1e6 });
    expect(r.format).toBe('lines');
    expect(r.roles).toBe(false);
    expect([r.input, r.output]).toEqual([null, null]);
    expect(r.samples).toBe(5);
    expect(Object.keys(summarize(r))).not.toContain('input');
    expect(r.lower.map((s) => [s.line, s.fromTokens, s.toTokens, s.ratio, s.hint.label])).toEqual([
      [3, 25, 13, '0.520000', 'Greek script'],
      [2, 35, 19, '0.542857', 'Devanagari (Hindi, Marathi, Nepali) script'],
      [4, 13, 9, '0.692308', 'Chinese (Han) script'],
      [1, 10, 10, '1.000000', 'Latin-script prose'],
      [5, 14, 14, '1.000000', 'code'],
    ]);
    expect(r.higher[0]!.ratio).toBe('1.000000');
    expect(r.distribution!.samples).toBe(5);
  });

  test('counts many samples without blocking the event loop for long', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${EN} ${i} ${EL} ${HI}`).join('\n');
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 5);
    const r = await compareStream(textChunks(lines), { from: 'cl100k_base', to: 'llama3', tokenizers: ['o200k_base'], maxBytes: 1e8 });
    clearInterval(timer);
    expect(r.samples).toBe(3000);
    expect(ticks).toBeGreaterThan(3);
  });
});
