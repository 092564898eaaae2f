/**
 * Bundled reference files (copied unchanged from public sources; provenance beside each) and how to load them.
 * Every price and Elo the app shows by default comes from one of these through the same importers users get.
 */
export const PRICE_SHEETS = [
  {
    file: 'litellm-model-prices-2024-06-17.json',
    name: 'LiteLLM price map (2024-06-17)',
    effectiveFrom: '2024-06-17',
    provenance: 'BerriAI/litellm model_prices_and_context_window.json as of 2024-06-17, via the dated mirror AgentOps-AI/tokencost @ 75083299 (MIT)',
  },
  {
    file: 'litellm-model-prices-2026-07-24.json',
    name: 'LiteLLM price map (2026-07-24)',
    effectiveFrom: '2026-07-24',
    provenance: 'BerriAI/litellm model_prices_and_context_window.json as of 2026-07-24, via RoCry/llm-api-price @ 8442b939 (MIT)',
  },
] as const;

export const ARENA_SNAPSHOTS = [
  {
    file: 'arena-2024-06-19.csv',
    name: 'Chatbot Arena (2024-06-19)',
    asOf: '2024-06-19',
    provenance: 'Chatbot Arena leaderboard as displayed on 2024-06-19, scraped by fboulnois/llm-leaderboard-csv @ 3792cf0',
  },
  {
    file: 'arena-2024-07-31.csv',
    name: 'Chatbot Arena (2024-07-31)',
    asOf: '2024-07-31',
    provenance: 'Chatbot Arena leaderboard as displayed on 2024-07-31, scraped by fboulnois/llm-leaderboard-csv @ 773bf00',
  },
  {
    file: 'lmarena-text-2025-08-04.csv',
    name: 'LMArena text (2025-08-04)',
    asOf: '2025-08-04',
    provenance: 'LMArena text leaderboard of 2025-08-04, built from the lmarena pickle by fboulnois/llm-leaderboard-csv',
  },
] as const;
