import type { TokenizerId } from './ids';
import { TOKENIZER_INFO } from './ids';

/** One interface over the npm tokenizers; every one ships its vocabulary, nothing is fetched. */
export type Tokenizer = { id: TokenizerId; label: string; count: (text: string) => number };

type Loader = () => Promise<(text: string) => number>;

// Counts are of the text alone: no BOS/EOS, no chat template. GPT encodings count text that spells a special
// token (`<|endoftext|>`) as ordinary text, as tiktoken's encode_ordinary does. SentencePiece tokenizers add the
// dummy-prefix space they add in the reference implementation.
const LOADERS: Record<TokenizerId, Loader> = {
  cl100k_base: async () => {
    const m = await import('gpt-tokenizer/encoding/cl100k_base');
    return (t) => m.encode(t, { disallowedSpecial: new Set() }).length;
  },
  o200k_base: async () => {
    const m = await import('gpt-tokenizer/encoding/o200k_base');
    return (t) => m.encode(t, { disallowedSpecial: new Set() }).length;
  },
  llama3: async () => {
    // llama3-tokenizer-js's vocabulary on gpt-tokenizer's BPE engine: same counts, ~10× faster (lib/tokens/llama3-fast.ts).
    const [m, fast] = await Promise.all([import('llama3-tokenizer-js'), import('./llama3-fast')]);
    return fast.llama3Counter(m.default.vocabById);
  },
  llama2: async () => {
    const m = await import('llama-tokenizer-js');
    return (t) => (t.length === 0 ? 0 : m.default.encode(t, false, true).length);
  },
  mistral: async () => {
    const m = await import('mistral-tokenizer-js');
    return (t) => (t.length === 0 ? 0 : m.default.encode(t, false, true).length);
  },
};

const cache = new Map<TokenizerId, Promise<Tokenizer>>();

/** The tokenizer, its vocabulary loaded once per process (a few hundred ms the first time). */
export function loadTokenizer(id: TokenizerId): Promise<Tokenizer> {
  let p = cache.get(id);
  if (!p) {
    p = LOADERS[id]().then((count) => ({ id, label: TOKENIZER_INFO[id].label, count }));
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

export function loadTokenizers(ids: readonly TokenizerId[]): Promise<Tokenizer[]> {
  return Promise.all(ids.map(loadTokenizer));
}
