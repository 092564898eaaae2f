import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkspace } from '@/db/queries/accounts';
import { getQualitySnapshots } from '@/db/queries/whatif';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { importJudgments } from '@/lib/quality/service';
import { buildWhatIfSnapshot } from '@/lib/whatif/report';
import { deleteScenario, getScenario, listScenarios, parseScenario, runScenario, saveScenario } from '@/lib/whatif/service';
import { ingestBytes } from './helpers/ingest';

const HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens';
function openaiRow(d: string, model: string, input: number, output: number, project: string, requests = 1000) {
  const s = Date.parse(`${d}T00:00:00Z`) / 1000;
  return [s, s + 86400, `${d}T00:00:00+00:00`, '', project, `${requests}.0`, 'user-1', 'key_1', model, 'FALSE', 'default', `${input}.0`, `${output}.0`, '0.0'].join(',');
}

/**
 * June 2024 (30 days): support-bot sends 100M input + 20M output tokens to gpt-3.5-turbo-0125 ($0.50/$1.50,
 * LiteLLM 2024-06-17): $50 + $30 = $80.00. search-rag sends 10M + 1M to gpt-4o-2024-05-13 on the side.
 */
function juneCsv() {
  const lines = [HEADER];
  for (let d = 20; d < 30; d++) lines.push(openaiRow(`2024-06-${d}`, 'gpt-3.5-turbo-0125', 10_000_000, 2_000_000, 'support-bot'));
  lines.push(openaiRow('2024-06-21', 'gpt-4o-2024-05-13', 10_000_000, 1_000_000, 'search-rag'));
  return lines.join('\n');
}

describe.each(testEngines())('what-if on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let june19 = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'acme', name: 'Acme' })).id;
    expect(await ingestBytes(t, ws, 'june.csv', juneCsv())).toMatchObject({ status: 'ingested', rowsIngested: 11 });
    june19 = (await getQualitySnapshots(t.db, ws)).find((s) => s.asOf === '2024-06-19')!.id;
  });
  afterAll(async () => t?.destroy());

  const spec = (over: Record<string, unknown> = {}) => parseScenario({
    baseline: { from: '2024-06-01', to: '2024-06-30' },
    workloads: { models: ['gpt-3.5'] },
    quality: { snapshot: june19, minWinRate: 0.5 },
    targets: [
      { id: 'together', kind: 'api', model: 'Llama 3 70B Instruct', provider: 'together_ai' },
      { id: 'groq', kind: 'api', model: 'llama3-70b-8192', provider: 'groq' },
      { id: 'gpu', kind: 'self_hosted', model: 'llama-3-70b-instruct' },
      { id: 'ft', kind: 'fine_tuned', model: 'llama-3-8b-instruct', provider: 'together_ai', trainingTokens: 20_000_000, epochs: 3, trainingPricePerMtok: '0.8', promptReduction: 0.4 },
    ],
    ...over,
  });

  test('replays June\'s GPT-3.5 traffic on Llama 3 70B at the price book\'s June 2024 prices', async () => {
    const r = await runScenario(t.db, ws, spec());
    expect(r.baseline.periodCostUsd).toBe('80.00');
    expect(r.baseline.monthlyCostUsd).toBe('81.17'); // × 30.4375 / 30
    expect(r.baseline.models.map((m) => m.modelId)).toEqual(['gpt-3.5-turbo-0125']);
    const by = Object.fromEntries(r.targets.map((x) => [x.id, x]));
    // Together's 70B size tier $0.90/$0.90: 100M × 0.9 + 20M × 0.9 = $108; Groq $0.64/$0.80: $64 + $16 = $80.
    expect(by.together!.periodCostUsd).toBe('108.00');
    expect(by.together!.price).toMatchObject({ inputPerMtok: '0.9', outputPerMtok: '0.9', effectiveFrom: '2024-06-17' });
    expect(by.groq!.periodCostUsd).toBe('80.00');
    expect(by.groq!.savingsMonthlyUsd).toBe('0.00');
    // Arena 2024-06-19: Llama-3-70B-Instruct 1207 against GPT-3.5-Turbo-0125 1104: 1 / (1 + 10^(−103/400)) = 0.644.
    expect(r.baseline.elo).toBe(1104);
    expect(by.groq!.elo).toBe(1207);
    expect(by.groq!.winRate).toBe(0.644);
    expect(by.groq!.meetsFloor).toBe(true);
    // Self-hosted defaults: 2× H100 SXM5 at $2.99 (Lambda 8-GPU node) and 1,728 output tokens/s; the always-on
    // replica (730.5 h × 2 GPUs) sets the bill: 1,461 × $2.99 = $4,368.39.
    expect(by.gpu!.selfHosted).toMatchObject({ gpu: 'H100 SXM5', gpuHourlyUsd: '2.99', gpusPerReplica: 2, floorBinding: true, gpuHoursBilled: '1461.0' });
    expect(by.gpu!.movedMonthlyCostUsd).toBe('4368.39');
    // Fine-tuned 8B: 20M × 3 × $0.80 = $48 once; serving at the 8B tier $0.20: (60M + 20M) × 0.2 per period = $16.
    expect(by.ft!.oneTimeUsd).toBe('48.00');
    expect(by.ft!.periodCostUsd).toBe('16.00');
    expect(by.ft!.paybackMonths).toBeGreaterThan(0.7);
    expect(by.ft!.paybackMonths).toBeLessThan(0.8);
    expect(r.recommendedTargetId).toBe('ft');
    // Every number traceable: the usage period, the price sheets with dates, the Elo snapshot, the GPU price.
    expect(r.sources.map((s) => s.kind)).toEqual(expect.arrayContaining(['usage', 'elo_snapshot', 'price_sheet', 'gpu_price']));
    expect(r.sources.find((s) => s.kind === 'usage')!.label).toBe('Usage 2024-06-01 to 2024-06-30 (30 days)');
  });

  test('defaults: the last full month, or the last 30 days when that month has no usage; 100%; ratio 1', async () => {
    const r = await runScenario(t.db, ws, parseScenario({ targets: [{ id: 'g', kind: 'api', model: 'llama-3-70b-instruct', provider: 'groq' }] }));
    expect(r.scenario.baseline).toEqual({ from: '2024-05-31', to: '2024-06-29' });
    expect(r.scenario.share).toBe(1);
    // Both projects: $80 + gpt-4o 10M × $5 + 1M × $15 = $145.
    expect(r.baseline.periodCostUsd).toBe('145.00');
  });

  test('a token profile\'s ratios apply when the scenario names one', async () => {
    const { tokenProfiles } = await import('@/db/schema');
    const [p] = await t.db.insert(tokenProfiles).values({
      workspaceId: ws, name: 'support prompts', sourceTokenizer: 'cl100k_base', targetTokenizer: 'llama3', samples: 200,
      inputRatio: '1.1', inputLower: '1.05', inputUpper: '1.15', outputRatio: '1.2', outputLower: '1.1', outputUpper: '1.3',
    }).returning();
    const r = await runScenario(t.db, ws, spec({ adjustments: { tokenProfileId: p!.id }, targets: [{ id: 'groq', kind: 'api', model: 'llama-3-70b-instruct', provider: 'groq' }] }));
    // 110M × $0.64 + 24M × $0.80 = $70.40 + $19.20 = $89.60.
    expect(r.targets[0]!.periodCostUsd).toBe('89.60');
    expect(r.sources.find((s) => s.kind === 'token_profile')!.label).toContain('support prompts');
  });

  test('a fine-tuned option can take its quality from the team\'s own judgments', async () => {
    const text = ['model_a,model_b,winner', ...Array.from({ length: 30 }, () => 'support-ft-v3,gpt-3.5-turbo-0125,model_a'), ...Array.from({ length: 10 }, () => 'support-ft-v3,gpt-3.5-turbo-0125,model_b')].join('\n');
    const fit = await importJudgments(t, { workspaceId: ws, filename: 'ab.csv', text, anchor: { model: 'gpt-3.5-turbo-0125', elo: 1104 }, rounds: 200, actor: { label: 'test' } });
    const own = fit.snapshots.find((x) => x.category === 'overall')!.snapshotId;
    const r = await runScenario(t.db, ws, spec({ targets: [{ id: 'ft', kind: 'fine_tuned', model: 'llama-3-8b-instruct', provider: 'together_ai', trainingTokens: 1e7, trainingPricePerMtok: '1', ownSnapshot: own, ownModel: 'support-ft-v3' }] }));
    // 30 wins in 40 against GPT-3.5 anchored at 1104: 1104 + 400·log10(3) = 1294.85; win rate 0.75 against today.
    expect(r.targets[0]!.elo).toBeCloseTo(1294.85, 1);
    expect(r.targets[0]!.winRate).toBe(0.75);
    expect(r.targets[0]!.qualitySource).toMatch(/^your own judgments/);
    await expect(runScenario(t.db, ws, spec({ targets: [{ id: 'ft', kind: 'fine_tuned', model: 'llama-3-8b-instruct', trainingTokens: 1, trainingPricePerMtok: '1', ownSnapshot: own, ownModel: 'nope' }] })))
      .rejects.toThrow(/targets\.0\.ownSnapshot: that snapshot of yours has no Elo for "nope"/);
  });

  test('invalid scenarios are refused naming the field', async () => {
    expect(() => parseScenario({ share: 50, targets: [{ id: 'a', kind: 'api', model: 'x', provider: 'y' }] })).toThrow(/share: share is a fraction/);
    expect(() => parseScenario({ targets: [] })).toThrow(/targets: at least one target/);
    expect(() => parseScenario({ targets: [{ id: 'a', kind: 'rocket', model: 'x' }] })).toThrow(/targets\.0\.kind/);
    await expect(runScenario(t.db, ws, spec({ targets: [{ id: 'a', kind: 'api', model: 'no-such-model-zz', provider: 'groq' }] }))).rejects.toThrow(/targets\.0\.model: no catalog model matches "no-such-model-zz"/);
    await expect(runScenario(t.db, ws, spec({ targets: [{ id: 'a', kind: 'api', model: 'llama-3-70b-instruct', provider: 'nowhere' }] }))).rejects.toThrow(/targets\.0\.provider: unknown provider/);
    await expect(runScenario(t.db, ws, spec({ workloads: { projects: ['nope'] } }))).rejects.toThrow(/workloads: no usage matches/);
  });

  test('a report snapshot freezes the comparison, month by month, assumptions and sources', async () => {
    const snap = await buildWhatIfSnapshot(t.db, ws, { ...spec(), horizonMonths: 6 });
    expect(snap.kind).toBe('whatif');
    const cmp = snap.tables.find((x) => x.name === 'comparison')!;
    expect(cmp.rows[0]).toMatchObject({ option: 'Today', monthlyCost: '81.17' });
    expect(cmp.rows.find((r) => String(r.option).includes('Together'))).toMatchObject({ monthlyCost: '109.58', savings: '-28.41' });
    expect(snap.tables.find((x) => x.name === 'monthly')!.rows).toHaveLength(6);
    expect(snap.assumptions.find((a) => a.label === 'Elo snapshot')!.value).toContain('2024-06-19');
    expect(snap.sources.some((x) => x.kind === 'price_sheet' && x.detail.includes('effective 2024-06-17'))).toBe(true);
    expect(snap.summary).toBe((await runScenario(t.db, ws, parseScenario({ ...spec(), horizonMonths: 6 }))).summary);
  });

  test('scenarios are saved, listed, updated and deleted per workspace', async () => {
    const id = await saveScenario(t.db, ws, { name: 'GPT-3.5 to Llama 3', spec: spec() });
    await saveScenario(t.db, ws, { id, name: 'Renamed', spec: spec({ share: 0.5 }) });
    expect((await getScenario(t.db, ws, id)).name).toBe('Renamed');
    expect((await listScenarios(t.db, ws)).map((s) => s.name)).toContain('Renamed');
    const other = (await createWorkspace(t.db, { slug: 'other', name: 'Other' })).id;
    await expect(getScenario(t.db, other, id)).rejects.toThrow(/No such scenario/);
    await deleteScenario(t.db, ws, id);
    await expect(getScenario(t.db, ws, id)).rejects.toThrow(/No such scenario/);
  });
});
