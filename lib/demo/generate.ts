/**
 * Sample usage for the demo workspace: daily buckets over a few months of GPT-3.5, GPT-4o, Claude and Llama 3
 * traffic across four projects, with weekly rhythm, growth and noise. Deterministic (seeded), so the demo's
 * totals are the same on every machine for the same end date.
 */
export type DemoRow = {
  day: string;
  providerId: string;
  rawModel: string;
  project: string;
  apiKey: string;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
};

type Stream = { project: string; apiKey: string; providerId: string; rawModel: string; requestsPerDay: number; inPerReq: number; outPerReq: number; cachedShare: number; growth: number; startsAfterDays?: number };

const STREAMS: Stream[] = [
  { project: 'support-bot', apiKey: 'sk-proj-support…a1f3', providerId: 'openai', rawModel: 'gpt-3.5-turbo-0125', requestsPerDay: 42_000, inPerReq: 1_150, outPerReq: 210, cachedShare: 0, growth: 0.004 },
  { project: 'support-bot', apiKey: 'sk-proj-support…a1f3', providerId: 'openai', rawModel: 'gpt-4o-2024-08-06', requestsPerDay: 2_600, inPerReq: 1_900, outPerReq: 380, cachedShare: 0.3, growth: 0.006 },
  { project: 'search-rag', apiKey: 'sk-proj-search…77c0', providerId: 'openai', rawModel: 'gpt-4o-2024-08-06', requestsPerDay: 6_500, inPerReq: 5_400, outPerReq: 320, cachedShare: 0.45, growth: 0.003 },
  { project: 'search-rag', apiKey: 'sk-proj-search…77c0', providerId: 'openai', rawModel: 'gpt-3.5-turbo-0125', requestsPerDay: 18_000, inPerReq: 3_800, outPerReq: 150, cachedShare: 0, growth: -0.002 },
  { project: 'doc-summarizer', apiKey: 'sk-ant-docs…9b21', providerId: 'anthropic', rawModel: 'claude-3-haiku-20240307', requestsPerDay: 9_000, inPerReq: 6_200, outPerReq: 480, cachedShare: 0.2, growth: 0.002 },
  { project: 'doc-summarizer', apiKey: 'sk-ant-docs…9b21', providerId: 'anthropic', rawModel: 'claude-sonnet-4-20250514', requestsPerDay: 700, inPerReq: 7_800, outPerReq: 900, cachedShare: 0.25, growth: 0.01 },
  { project: 'code-review', apiKey: 'tg-review…4410', providerId: 'together_ai', rawModel: 'meta-llama/Llama-3-70b-chat-hf', requestsPerDay: 3_200, inPerReq: 2_600, outPerReq: 520, cachedShare: 0, growth: 0.012, startsAfterDays: 30 },
  { project: 'code-review', apiKey: 'di-review…2c9e', providerId: 'deepinfra', rawModel: 'meta-llama/Meta-Llama-3-8B-Instruct', requestsPerDay: 11_000, inPerReq: 900, outPerReq: 140, cachedShare: 0, growth: 0.008, startsAfterDays: 45 },
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `days` daily buckets ending on `endDay` (inclusive). */
export function generateDemoUsage(endDay: string, days = 120, seed = 20240618): DemoRow[] {
  const rand = mulberry32(seed);
  const end = new Date(`${endDay}T00:00:00Z`);
  const rows: DemoRow[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = new Date(end.getTime() - i * 86_400_000);
    const dow = date.getUTCDay();
    const weekly = dow === 0 || dow === 6 ? 0.55 : 1;
    const dayIndex = days - 1 - i;
    for (const s of STREAMS) {
      if (s.startsAfterDays && dayIndex < s.startsAfterDays) continue;
      const noise = 0.85 + rand() * 0.3;
      const requests = Math.max(1, Math.round(s.requestsPerDay * weekly * noise * Math.exp(s.growth * dayIndex)));
      const inputTokens = Math.round(requests * s.inPerReq * (0.9 + rand() * 0.2));
      const outputTokens = Math.round(requests * s.outPerReq * (0.9 + rand() * 0.2));
      const cachedInputTokens = Math.round(inputTokens * s.cachedShare * (0.8 + rand() * 0.4));
      rows.push({ day: isoDay(date), providerId: s.providerId, rawModel: s.rawModel, project: s.project, apiKey: s.apiKey, requests, inputTokens, cachedInputTokens, outputTokens });
    }
  }
  return rows;
}
