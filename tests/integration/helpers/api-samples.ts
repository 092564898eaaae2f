/**
 * One request per route under app/api/v1 that works (2xx) against a workspace with the demo usage (ending
 * 2026-10-31) and the reference catalog; hardening/api-invalid-params.test.ts swaps one parameter at a time for an
 * invalid value. A new route needs an entry here (the test lists the routes that lack one).
 */
export type Sample = { query?: Record<string, string>; body?: unknown; raw?: string; contentType?: string };

const day = { from: '2026-10-01', to: '2026-10-20' };
const WHATIF = {
  name: 'Move chat to Groq',
  baseline: { from: '2026-09-01', to: '2026-10-31' },
  workloads: { models: ['gpt-4o'], projects: ['support-bot'] },
  share: 0.5, growthMonthlyPct: 5, horizonMonths: 6, priceDate: '2026-10-01',
  adjustments: { inputTokenRatio: 1.1, outputTokenRatio: 1 },
  targets: [
    { id: 'groq', kind: 'api', model: 'llama-3-70b-instruct', provider: 'groq' },
    { id: 'self', kind: 'self_hosted', model: 'llama-3-70b-instruct', gpu: 'H100', gpuHourlyUsd: '2.49', gpusPerReplica: 2, outputTokensPerSecond: 1500, utilization: 0.6, minReplicas: 1 },
    { id: 'ft', kind: 'fine_tuned', model: 'gpt-3.5-turbo-0125', provider: 'openai', trainingTokens: 1_000_000, epochs: 2, trainingPricePerMtok: '8', promptReduction: 0.3, elo: 1100 },
  ],
};
/** POST /api/v1/whatif fuzzes every field of a spec; saving one parses it the same way, so a small one will do there. */
const SMALL_WHATIF = { baseline: { from: '2026-10-01', to: '2026-10-31' }, targets: [WHATIF.targets[0]!] };
const OPENAI_CSV = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,batch,input_tokens,output_tokens\n'
  + '1790000000,1790086400,,,proj,10,gpt-4o-2024-08-06,FALSE,1000,100\n';
const judgments = ['model_a,model_b,winner,category', ...Array.from({ length: 30 }, (_, i) => `llama-3-70b-instruct,gpt-3.5-turbo-0125,${i % 3 ? 'model_a' : 'model_b'},chat`)].join('\n');

export const SAMPLES: Record<string, Sample> = {
  'GET /api/v1/audit': { query: { limit: '10', before: '1000' } },
  'GET /api/v1/keys': {},
  'POST /api/v1/keys': { body: { name: 'k', role: 'viewer' } },
  'DELETE /api/v1/keys/[id]': {},
  'GET /api/v1/me': {},
  'GET /api/v1/members': {},
  'POST /api/v1/members': { body: { email: 'new@example.com', role: 'viewer' } },
  'GET /api/v1/models/elo-price': { query: { elo: '{snapshots}', prices: '2024-06-17', mix: '3:1', p: 'llama-3-70b-instruct:groq', frontier: '1', usage: '1', period: '30d', sort: 'elo', dir: 'asc' } },
  'GET /api/v1/models/unmapped': {},
  'POST /api/v1/models/unmapped': { body: { rawModel: 'acme-private-llm', newModel: { name: 'Acme Private', vendor: 'Acme', openWeights: true, paramsB: 7 } } },
  'GET /api/v1/overview': { query: { by: 'project' } },
  'POST /api/v1/prices/discounts': { body: { providerId: 'groq', percent: '15', effectiveFrom: '2026-10-01', note: 'n' } },
  'GET /api/v1/prices/gpus': {},
  'POST /api/v1/prices/gpus': { body: { gpu: 'H100', offering: 'reserved', hourlyUsd: '2.49', source: 'contract' } },
  'POST /api/v1/prices/import': {
    query: { filename: 'p.csv', effectiveFrom: '2026-10-01' },
    raw: 'model,provider,input_per_mtok,output_per_mtok,cached_input_per_mtok,effective_from\nllama-3-70b-instruct,groq,0.59,0.79,,2026-10-01\n',
  },
  'POST /api/v1/prices/overrides': { body: { modelId: 'llama-3-70b-instruct', providerId: 'groq', inputPerMtok: '0.5', outputPerMtok: '0.7', cachedInputPerMtok: '0.1', effectiveFrom: '2026-10-01' } },
  'GET /api/v1/prices/reprice': {},
  'POST /api/v1/prices/reprice': {},
  'GET /api/v1/prices': { query: { date: '2026-10-01', q: 'llama' } },
  'POST /api/v1/quality/arena': { query: { filename: 'a.csv', asOf: '2026-10-01' }, raw: 'rank,model,arena_elo,95_pct_ci,votes,organization,license\n1,GPT-4o,1287,+4/-4,20156,OpenAI,Proprietary\n' },
  'POST /api/v1/quality/judgments': { query: { filename: 'j.csv', anchor: 'gpt-3.5-turbo-0125=1104', rounds: '100' }, raw: judgments },
  'GET /api/v1/quality/snapshots': {},
  'GET /api/v1/quality/snapshots/[id]': {},
  'GET /api/v1/reports': {},
  'POST /api/v1/reports': { body: { title: 'R', note: 'n', source: { kind: 'usage', params: 'from=2026-10-01&to=2026-10-20' } } },
  'GET /api/v1/reports/[id]': { query: { version: '1' } },
  'DELETE /api/v1/reports/[id]': {},
  'GET /api/v1/reports/[id]/diff': { query: { to: '2', from: '1' } },
  'GET /api/v1/reports/[id]/export': { query: { format: 'csv', version: '1' } },
  'GET /api/v1/reports/[id]/live': {},
  'POST /api/v1/reports/[id]/refresh': {},
  'GET /api/v1/reports/[id]/shares': {},
  'POST /api/v1/reports/[id]/shares': { body: { expiresInDays: 7, version: 1 } },
  'DELETE /api/v1/reports/[id]/shares/[shareId]': {},
  'POST /api/v1/tokens/compare': { query: { from: 'cl100k_base', to: 'llama3', format: 'auto' }, body: { text: 'Hello, world. How are you?', from: 'cl100k_base', to: 'llama3', tokenizers: ['cl100k_base', 'llama3'], format: 'auto' } },
  'GET /api/v1/tokens/profiles': {},
  'POST /api/v1/tokens/profiles': { body: { name: 'P', sourceTokenizer: 'cl100k_base', targetTokenizer: 'llama3', samples: 3, input: { ratio: '0.9', lower: '0.8', upper: '1.0' }, output: { ratio: '1.1', lower: '1.0', upper: '1.2' } } },
  'GET /api/v1/tokens/profiles/[id]': {},
  'DELETE /api/v1/tokens/profiles/[id]': {},
  'GET /api/v1/uploads': { query: { limit: '10' } },
  'POST /api/v1/uploads': { query: { filename: 'u.csv' }, raw: OPENAI_CSV },
  'GET /api/v1/uploads/[id]': {},
  'DELETE /api/v1/uploads/[id]': {},
  'GET /api/v1/usage/explore': { query: { ...day, groupBy: 'model', metric: 'spend', sort: 'value', dir: 'desc', page: '1', model: 'gpt-4o', provider: 'openai' } },
  'GET /api/v1/usage/options': { query: day },
  'GET /api/v1/usage/reconciliation': { query: { ...day, only: 'diff', page: '1' } },
  'GET /api/v1/usage/summary': { query: { ...day, groupBy: 'model' } },
  'GET /api/v1/whatif/options': { query: { priceDate: '2026-10-01' } },
  'POST /api/v1/whatif': { body: WHATIF },
  'GET /api/v1/whatif/scenarios': {},
  'POST /api/v1/whatif/scenarios': { body: { name: 'S2', spec: SMALL_WHATIF } },
  'GET /api/v1/whatif/scenarios/[id]': {},
  'PUT /api/v1/whatif/scenarios/[id]': { body: { name: 'S3', spec: SMALL_WHATIF } },
  'DELETE /api/v1/whatif/scenarios/[id]': {},
  'GET /api/v1/workspace': {},
  'DELETE /api/v1/workspace': {},
};

const DATES = ['2025-02-30', '2025-02-29', '2024-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32', '0000-01-01', '9999-99-99', '1000-01-01', '9999-12-31', '2025-1-1', '2025-01-01T00:00:00Z', '２０２５-０１-０１'];
const INTS = ['2147483648', '-2147483649', '9223372036854775808', '99999999999999999999', '1e308', '1e309', '-1', '0', '1.5', '0x10', '1e3', ' 1', 'NaN', 'Infinity', '-0'];
const UUIDS = ['00000000-0000-0000-0000-00000000000g', '------------------------------------', '00000000000000000000000000000000', '{00000000-0000-0000-0000-000000000000}', '00000000-0000-0000-0000-0000000000000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '٠٠٠٠٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠٠٠٠٠٠٠٠٠', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'];
const DECIMALS = ['9'.repeat(40), `0.${'0'.repeat(30)}1`, `${'1'.repeat(15)}.${'1'.repeat(15)}`, '99999999999.9999', '1e5', '-1', '0', '0.0'];
const TEXT = ['Ω≈ç√∫ 😀', '\u202e\ufeff', 'ａｂｃ', '١٢٣', ' ', 'x'.repeat(301), 'from=2025-02-30&to=2025-13-01', 'page=2147483648&version=99999999999', 'preset=all&from=0000-01-01'];

/** Query values: each a string a client could send. */
export const BAD_QUERY = [...DATES, ...INTS, ...UUIDS, ...DECIMALS, ...TEXT];
/** Body values: the same strings, then numbers JSON can carry and values of the wrong shape. */
export const BAD_JSON: unknown[] = [
  ...DATES, ...INTS.slice(0, 6), ...UUIDS.slice(0, 3), ...DECIMALS, ...TEXT,
  2147483648, -2147483649, 9007199254740993, 1e308, -1e308, -1, 0, 0.5, -0, 5e-324, 1e21, null, true, [], {},
];
/** Path ids. */
export const BAD_IDS = [...UUIDS, ...INTS.slice(0, 4), 'Ω', '..', '%00'];
