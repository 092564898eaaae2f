/** The tokenizers the lab can count with. Client-safe: no vocabularies here (those load in lib/tokens/tokenizers.ts). */
export const TOKENIZER_IDS = ['cl100k_base', 'o200k_base', 'llama3', 'llama2', 'mistral'] as const;
export type TokenizerId = (typeof TOKENIZER_IDS)[number];

export const TOKENIZER_INFO: Record<TokenizerId, { label: string; models: string }> = {
  cl100k_base: { label: 'cl100k_base', models: 'GPT-3.5, GPT-4' },
  o200k_base: { label: 'o200k_base', models: 'GPT-4o, GPT-4.1, o-series, GPT-5' },
  llama3: { label: 'Llama 3', models: 'Llama 3, 3.1, 3.2, 3.3' },
  llama2: { label: 'Llama 2', models: 'Llama 2, Code Llama (SentencePiece)' },
  mistral: { label: 'Mistral', models: 'Mistral 7B v0.1, Mixtral 8x7B (SentencePiece)' },
};

export const DEFAULT_FROM: TokenizerId = 'cl100k_base';
export const DEFAULT_TO: TokenizerId = 'llama3';
export const DEFAULT_TOKENIZERS: TokenizerId[] = ['cl100k_base', 'o200k_base', 'llama3'];

export function isTokenizerId(s: string): s is TokenizerId {
  return (TOKENIZER_IDS as readonly string[]).includes(s);
}
