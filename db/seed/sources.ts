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

/** GPU hourly prices for self-hosting what-ifs (USD per GPU-hour), with where each figure comes from. */
export const GPU_PRICES = [
  { gpu: 'H100 PCIe', offering: 'Lambda Cloud on-demand, 1 GPU', hourlyUsd: '2.49', source: 'SkyPilot catalog v5 lambda/vms.csv @ 2a8fa5b2 (undated, mid/late 2024)' },
  { gpu: 'H100 SXM5', offering: 'Lambda Cloud on-demand, 1 GPU', hourlyUsd: '3.29', source: 'SkyPilot catalog v5 lambda/vms.csv @ 2a8fa5b2 (undated, mid/late 2024)' },
  { gpu: 'H100 SXM5', offering: 'Lambda Cloud on-demand, 8-GPU node (per GPU)', hourlyUsd: '2.99', source: 'SkyPilot catalog v5 lambda/vms.csv @ 2a8fa5b2: 8x H100 SXM5 at $23.92/h' },
  { gpu: 'A100 40GB', offering: 'Lambda Cloud on-demand, 8-GPU node (per GPU)', hourlyUsd: '1.29', source: 'SkyPilot catalog v5 lambda/vms.csv @ 2a8fa5b2: 8x A100 40GB at $10.32/h' },
  { gpu: 'H100', offering: 'AWS EC2 Capacity Block p5.48xlarge (per GPU)', hourlyUsd: '4.916', source: 'AWS EC2 Capacity Blocks pricing, late 2024: p5.48xlarge $39.33/h for 8 GPUs' },
  { gpu: 'A100 40GB', offering: 'AWS EC2 Capacity Block p4d.24xlarge (per GPU)', hourlyUsd: '1.844', source: 'AWS EC2 Capacity Blocks pricing, late 2024: p4d.24xlarge $14.75/h for 8 GPUs' },
  { gpu: 'H100', offering: 'AWS EC2 on-demand p5.48xlarge (per GPU)', hourlyUsd: '12.29', source: 'third-party pages quoting $98.32/h for p5.48xlarge (pre-2025 list price; verify before use)' },
] as const;

/** Published output throughput (tokens/s) of Llama 3.1 (same architecture as Llama 3) in FP8 on vLLM 0.5.4. */
export const GPU_THROUGHPUT = [
  { modelId: 'llama-3.1-8b-instruct', gpu: 'H100 SXM5', gpus: 1, outputTokensPerSecond: 3400 },
  { modelId: 'llama-3.1-8b-instruct', gpu: 'A100 80GB', gpus: 1, outputTokensPerSecond: 1518 },
  { modelId: 'llama-3.1-70b-instruct', gpu: 'H100 SXM5', gpus: 1, outputTokensPerSecond: 419 },
  { modelId: 'llama-3.1-70b-instruct', gpu: 'H100 SXM5', gpus: 2, outputTokensPerSecond: 1728 },
  { modelId: 'llama-3.1-70b-instruct', gpu: 'H100 SXM5', gpus: 4, outputTokensPerSecond: 2243 },
  { modelId: 'llama-3.1-70b-instruct', gpu: 'H100 SXM5', gpus: 8, outputTokensPerSecond: 2573 },
  { modelId: 'llama-3.1-70b-instruct', gpu: 'A100 80GB', gpus: 2, outputTokensPerSecond: 663 },
  { modelId: 'llama-3.1-70b-instruct', gpu: 'A100 80GB', gpus: 8, outputTokensPerSecond: 1163 },
].map((t) => ({ ...t, source: 'LambdaLabsML/vllm-benchmark benchmark_v0.md @ 0e8fc5d0 (Sep 2024): Llama 3.1, FP8, vLLM v0.5.4, --num-prompts 320' }));
