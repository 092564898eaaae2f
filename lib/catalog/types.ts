/** A model in the reference catalog. Plain data: shared by the seed, the importers and the UI. */
export type CatalogModel = {
  /** Stable slug, lower-case, e.g. `gpt-3.5-turbo-0125`, `llama-3-70b-instruct`. */
  id: string;
  /** Display name, e.g. `GPT-3.5 Turbo (0125)`. */
  name: string;
  /** Vendor that trained it: `OpenAI`, `Anthropic`, `Meta`, `Mistral`, `Google`, `Cohere`, … */
  vendor: string;
  /** Family slug used for grouping, e.g. `gpt-3.5`, `llama-3`, `claude-3`. */
  family: string;
  openWeights: boolean;
  /** Total parameters in billions where published (Mixtral 8x22B = 141), else null. */
  paramsB: number | null;
  /** Context window in tokens. */
  contextWindow: number | null;
  /** ISO date (YYYY-MM-DD) of public release, or null if unknown. */
  releasedOn: string | null;
  /** Where the facts above come from (URL or fixture path and field). */
  source: string;
  /**
   * Raw strings seen in exports, price sheets and leaderboards for this model. Matched case-insensitively
   * after the provider prefix is stripped (`openai/`, `groq/`, …); `*` is a wildcard for any run of characters.
   */
  aliases: string[];
};

/** Provider slugs as Frontier uses them (LiteLLM's `litellm_provider` values map onto these). */
export const PROVIDERS = [
  { id: 'openai', name: 'OpenAI', kind: 'api' },
  { id: 'anthropic', name: 'Anthropic', kind: 'api' },
  { id: 'google', name: 'Google (Gemini API)', kind: 'api' },
  { id: 'vertex_ai', name: 'Google Vertex AI', kind: 'api' },
  { id: 'azure', name: 'Azure OpenAI', kind: 'api' },
  { id: 'bedrock', name: 'AWS Bedrock', kind: 'api' },
  { id: 'together_ai', name: 'Together AI', kind: 'api' },
  { id: 'groq', name: 'Groq', kind: 'api' },
  { id: 'fireworks_ai', name: 'Fireworks AI', kind: 'api' },
  { id: 'deepinfra', name: 'DeepInfra', kind: 'api' },
  { id: 'mistral', name: 'Mistral AI', kind: 'api' },
  { id: 'cohere', name: 'Cohere', kind: 'api' },
  { id: 'openrouter', name: 'OpenRouter', kind: 'api' },
  { id: 'perplexity', name: 'Perplexity', kind: 'api' },
  { id: 'anyscale', name: 'Anyscale', kind: 'api' },
  { id: 'replicate', name: 'Replicate', kind: 'api' },
  { id: 'deepseek', name: 'DeepSeek', kind: 'api' },
  { id: 'xai', name: 'xAI', kind: 'api' },
  { id: 'self_hosted', name: 'Self-hosted', kind: 'self_hosted' },
] as const;

export type ProviderId = (typeof PROVIDERS)[number]['id'];

/** The vendor's own API, preferred when another provider charges exactly the same (e.g. OpenAI over Azure). */
export const FIRST_PARTY_PROVIDER: Record<string, ProviderId> = {
  OpenAI: 'openai', Anthropic: 'anthropic', Google: 'google', Mistral: 'mistral', Cohere: 'cohere', DeepSeek: 'deepseek', xAI: 'xai',
};
