import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getCatalog } from '@/db/queries/get-catalog';
import type { CatalogSnapshot } from '@/db/queries/get-catalog';
import {
  getGpuTables, getQualitySnapshots, getSnapshotElo, getSnapshotScoreFor, getTargetPrice, getWorkloadAggregates, latestUsageDay,
} from '@/db/queries/whatif';
import type { SnapshotInfo } from '@/db/queries/whatif';
import { getTokenProfile } from '@/db/queries/token-profiles';
import { trimDecimal } from '@/lib/ingest/summary';
import { scenarios } from '@/db/schema';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { createResolver } from '@/lib/catalog/resolve';
import { parseDecimal, toDecimalString } from '@/lib/money';
import type { EloScore, ResolvedTarget, TargetPrice, WhatIfResult } from './engine';
import { evaluateWhatIf } from './engine';
import { describeProvider, describeSnapshot, resolveProviderName, resolveSnapshotName } from './names';
import type { ScenarioSpec, TargetSpec } from './spec';
import { scenarioSchema } from './spec';

/** Loads what a scenario needs for a workspace, resolves defaults, and runs the pure engine. */

export type WhatIfSource = { kind: 'usage' | 'price_sheet' | 'price_override' | 'elo_snapshot' | 'token_profile' | 'gpu_price' | 'other'; label: string; detail: string };

/** The token profile a scenario used: its ratios as plain decimal strings. */
export type WhatIfTokenProfile = { id: string; name: string; sourceTokenizer: string; targetTokenizer: string; samples: number; inputRatio: string; outputRatio: string };

export type WhatIfRun = WhatIfResult & {
  /** The scenario as run, with every default filled in. */
  scenario: ScenarioSpec & { baseline: { from: string; to: string }; share: number; growthMonthlyPct: number; horizonMonths: number; priceDate: string };
  snapshot: SnapshotInfo | null;
  tokenProfile: WhatIfTokenProfile | null;
  /** Every input a number came from: usage period, price sheets and dates, Elo snapshot, GPU prices, profile. */
  sources: WhatIfSource[];
  warnings: string[];
};

/** Parse a scenario from JSON, or a 400 naming the field. */
export function parseScenario(body: unknown): ScenarioSpec {
  const parsed = scenarioSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new BadRequestError(`Invalid scenario: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
  }
  return parsed.data;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The last full calendar month on or before `latest` (the latest month itself when `latest` is its last day). */
export function lastFullMonth(latest: string): { from: string; to: string } {
  const isMonthEnd = addDays(latest, 1).slice(8) === '01';
  const end = isMonthEnd ? latest : addDays(`${latest.slice(0, 7)}-01`, -1);
  return { from: `${end.slice(0, 7)}-01`, to: end };
}

/** Llama 3 and 3.1 share an architecture: published 3.1 throughput stands in for 3 (and back). */
function throughputTwins(modelId: string): string[] {
  return [modelId, modelId.replace(/^llama-3-/, 'llama-3.1-'), modelId.replace(/^llama-3\.1-/, 'llama-3-')];
}

type Ctx = {
  db: Db;
  workspaceId: string;
  catalog: CatalogSnapshot;
  resolve: (raw: string) => string | null;
  priceDate: string;
  elo: Record<string, EloScore>;
  snapshot: SnapshotInfo | null;
  /** The workspace's own overall snapshots, for a fine-tuned target's `ownSnapshot` by date or name. */
  ownSnapshots: SnapshotInfo[];
  sources: WhatIfSource[];
  warnings: string[];
  gpus: Awaited<ReturnType<typeof getGpuTables>>;
  ratios: { input: string; output: string };
};

function modelName(ctx: Ctx, id: string) {
  return ctx.catalog.models.find((m) => m.id === id)?.name ?? id;
}

function resolveModel(ctx: Ctx, raw: string, path: string): string {
  const id = ctx.resolve(raw);
  if (!id) throw new BadRequestError(`${path}: no catalog model matches "${raw}"`, [{ path, message: `no catalog model matches "${raw}"` }]);
  return id;
}

/** A provider by LiteLLM id or common name; unknown or ambiguous is a 400 naming the closest providers. */
function resolveProvider(catalog: CatalogSnapshot, raw: string, path: string): { id: string; name: string } {
  const r = resolveProviderName(raw, catalog.providers);
  if (r.ok) return { id: r.value.id, name: r.value.name };
  const message = r.reason === 'ambiguous'
    ? `"${raw}" names several providers: ${r.candidates.map(describeProvider).join(', ')}`
    : `unknown provider "${raw}"${r.candidates.length ? `; did you mean ${r.candidates.map(describeProvider).join(', ')}?` : ''}`;
  throw new BadRequestError(`${path}: ${message}`, [{ path, message, candidates: r.candidates.map((p) => p.id) }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A quality snapshot by id, as-of date or name; unknown or ambiguous is a 400 listing the candidates. */
function resolveSnapshot<S extends SnapshotInfo>(raw: string, snapshots: S[], path: string): S {
  const r = resolveSnapshotName(raw, snapshots);
  if (r.ok) return r.value;
  const list = r.candidates.map(describeSnapshot).join('; ');
  const message = r.reason === 'ambiguous'
    ? `"${raw}" matches ${r.candidates.length} quality snapshots; name one by id: ${list}`
    : `no quality snapshot "${raw}" in this workspace${list ? `; closest: ${list}` : ''}`;
  throw new BadRequestError(`${path}: ${message}`, [{ path, message, candidates: r.candidates.map((s) => ({ id: s.id, name: s.name, asOf: s.asOf })) }]);
}

function priceSource(ctx: Ctx, p: TargetPrice, what: string) {
  ctx.sources.push({
    kind: p.origin === 'override' ? 'price_override' : 'price_sheet',
    label: `${what}: $${p.inputPerMtok} / $${p.outputPerMtok} per 1M`,
    detail: `${p.sheetName}, effective ${p.effectiveFrom}${p.backdated ? ` (backdated: the earliest price, later than ${ctx.priceDate})` : ''}`,
  });
}

function money(raw: string | number, path: string): string {
  try {
    const d = parseDecimal(raw);
    if (d.isNeg()) throw new RangeError('negative');
    return toDecimalString(d);
  } catch {
    throw new BadRequestError(`${path}: not a non-negative amount: "${raw}"`, [{ path, message: 'not a non-negative amount' }]);
  }
}

async function resolveTarget(ctx: Ctx, t: TargetSpec, i: number): Promise<ResolvedTarget> {
  const path = `targets.${i}`;
  const modelId = resolveModel(ctx, t.model, `${path}.model`);
  const name = modelName(ctx, modelId);
  const ratios = { inputTokenRatio: String(t.inputTokenRatio ?? ctx.ratios.input), outputTokenRatio: String(t.outputTokenRatio ?? ctx.ratios.output) };
  const arena = ctx.elo[modelId] ?? null;
  const arenaSource = arena && ctx.snapshot ? `${ctx.snapshot.name} (${ctx.snapshot.asOf})` : null;

  if (t.kind === 'api') {
    const provider = resolveProvider(ctx.catalog, t.provider, `${path}.provider`);
    const price = await getTargetPrice(ctx.db, ctx.workspaceId, modelId, provider.id, ctx.priceDate);
    if (price) priceSource(ctx, price, `${name} on ${provider.name}`);
    return {
      kind: 'api', id: t.id, label: t.label ?? `${name} on ${provider.name}`, modelId, modelName: name, providerId: provider.id, providerName: provider.name,
      ...ratios, quality: arena, qualitySource: arenaSource, price,
    };
  }

  if (t.kind === 'self_hosted') {
    // Defaults: the published setup with the lowest GPU cost per output token, priced from the GPU table.
    const twins = throughputTwins(modelId);
    const setups = ctx.gpus.throughput.filter((s) => twins.includes(s.model_id));
    const priceFor = (gpu: string) => ctx.gpus.prices.find((p) => p.gpu === gpu) ?? ctx.gpus.prices.find((p) => gpu.startsWith(p.gpu) || p.gpu.startsWith(gpu));
    const ranked = setups
      .map((s) => ({ s, price: priceFor(s.gpu) }))
      .filter((x) => x.price)
      .sort((a, b) => (a.s.gpus * Number(a.price!.hourly_usd)) / a.s.tps - (b.s.gpus * Number(b.price!.hourly_usd)) / b.s.tps);
    const chosen = ranked[0];
    const gpu = t.gpu ?? chosen?.s.gpu;
    const gpuPrice = t.gpuHourlyUsd !== undefined ? money(t.gpuHourlyUsd, `${path}.gpuHourlyUsd`) : gpu ? priceFor(gpu)?.hourly_usd : undefined;
    const setup = gpu ? (setups.find((s) => s.gpu === gpu && s.gpus === (t.gpusPerReplica ?? chosen?.s.gpus)) ?? setups.find((s) => s.gpu === gpu)) : undefined;
    const outTps = t.outputTokensPerSecond ?? setup?.tps;
    if (!gpu || !gpuPrice || !outTps) {
      const missing = !gpu ? 'gpu' : !gpuPrice ? 'gpuHourlyUsd' : 'outputTokensPerSecond';
      throw new BadRequestError(`${path}.${missing}: no published default for ${name}; enter it`, [{ path: `${path}.${missing}`, message: `no published default for ${name}` }]);
    }
    const gpusPerReplica = t.gpusPerReplica ?? setup?.gpus ?? 1;
    // Prefill runs far faster than decoding; without a measurement, input tokens/s defaults to 10× output.
    const inTps = t.inputTokensPerSecond ?? outTps * 10;
    if (t.gpuHourlyUsd === undefined) {
      const p = priceFor(gpu)!;
      ctx.sources.push({ kind: 'gpu_price', label: `${gpu}: $${p.hourly_usd}/GPU-hour`, detail: `${p.offering}; ${p.source}` });
    }
    if (t.outputTokensPerSecond === undefined && setup) {
      ctx.sources.push({ kind: 'other', label: `${name} on ${setup.gpus}× ${setup.gpu}: ${setup.tps} output tokens/s`, detail: setup.source });
    }
    if (t.inputTokensPerSecond === undefined) ctx.warnings.push(`${t.label ?? name}: input throughput assumed at 10× output (${inTps} tokens/s); enter a measured figure if you have one.`);
    return {
      kind: 'self_hosted', id: t.id, label: t.label ?? `${name} self-hosted on ${gpusPerReplica}× ${gpu}`, modelId, modelName: name, ...ratios,
      quality: arena, qualitySource: arenaSource,
      gpu, gpuHourlyUsd: gpuPrice, gpusPerReplica, inputTokensPerSecond: inTps, outputTokensPerSecond: outTps,
      utilization: t.utilization ?? 0.6, minReplicas: t.minReplicas ?? 1,
    };
  }

  // Fine-tuned: serving price from the scenario, else the base model's on the provider.
  const provider = t.provider ? resolveProvider(ctx.catalog, t.provider, `${path}.provider`) : null;
  let price: TargetPrice | null = null;
  if (t.inputPricePerMtok !== undefined && t.outputPricePerMtok !== undefined) {
    price = {
      inputPerMtok: money(t.inputPricePerMtok, `${path}.inputPricePerMtok`), outputPerMtok: money(t.outputPricePerMtok, `${path}.outputPricePerMtok`),
      cachedInputPerMtok: null, sheetName: 'entered in the scenario', effectiveFrom: ctx.priceDate, origin: 'scenario', backdated: false,
    };
  } else if (provider) {
    price = await getTargetPrice(ctx.db, ctx.workspaceId, modelId, provider.id, ctx.priceDate);
    if (price) priceSource(ctx, price, `${name} (base model serving price) on ${provider.name}`);
  }
  let quality: EloScore | null = null;
  let qualitySource: string | null = null;
  if (t.elo !== undefined) {
    quality = { elo: t.elo, lower: t.eloLower ?? null, upper: t.eloUpper ?? null };
    qualitySource = 'entered in the scenario';
  } else if (t.ownSnapshot) {
    // An id may name any category's snapshot of yours; a date or a name picks among your overall ones.
    const ownId = UUID.test(t.ownSnapshot) ? t.ownSnapshot : resolveSnapshot(t.ownSnapshot, ctx.ownSnapshots, `${path}.ownSnapshot`).id;
    const own = await getSnapshotScoreFor(ctx.db, ctx.workspaceId, ownId, t.ownModel ?? modelId);
    if (!own) throw new BadRequestError(`${path}.ownSnapshot: that snapshot of yours has no Elo for "${t.ownModel ?? modelId}"`, [{ path: `${path}.ownSnapshot`, message: 'no Elo for the model' }]);
    quality = own.score;
    qualitySource = `your own judgments: ${own.snapshot}`;
    ctx.sources.push({ kind: 'elo_snapshot', label: `${own.snapshot} (your own judgments)`, detail: `${t.ownModel ?? name}: Elo ${Math.round(own.score.elo)}` });
  } else if (arena) {
    quality = arena;
    qualitySource = `base model in ${arenaSource} (fine-tuning usually raises quality on its own task)`;
  }
  return {
    kind: 'fine_tuned', id: t.id, label: t.label ?? `${name} fine-tuned${provider ? ` on ${provider.name}` : ''}`, modelId, modelName: name, ...ratios,
    quality, qualitySource, providerId: provider?.id ?? null, providerName: provider?.name ?? null,
    trainingTokens: t.trainingTokens, epochs: t.epochs ?? 1, trainingPricePerMtok: money(t.trainingPricePerMtok, `${path}.trainingPricePerMtok`),
    price, promptReduction: t.promptReduction ?? 0,
  };
}

export async function runScenario(db: Db, workspaceId: string, spec: ScenarioSpec): Promise<WhatIfRun> {
  const latest = await latestUsageDay(db, workspaceId);
  if (!latest && !(spec.baseline?.from && spec.baseline.to)) throw new BadRequestError('This workspace has no usage yet: upload an export first, then build a scenario on it.');
  const def = latest ? lastFullMonth(latest) : { from: spec.baseline!.from!, to: spec.baseline!.to! };
  let from = spec.baseline?.from ?? (spec.baseline?.to ? `${spec.baseline.to.slice(0, 7)}-01` : def.from);
  let to = spec.baseline?.to ?? (spec.baseline?.from ? addDays(from, 29) : def.to);
  let days = daysBetween(from, to);
  if (days > 731) throw new BadRequestError('baseline: the period is longer than two years', [{ path: 'baseline', message: 'longer than two years' }]);

  const [catalog, snapshots, gpus] = await Promise.all([getCatalog(db, workspaceId), getQualitySnapshots(db, workspaceId), getGpuTables(db, workspaceId)]);
  // Usage rows carry provider ids: a common name (`together`) filters as its id; anything else as written.
  const workloads = spec.workloads?.providers
    ? { ...spec.workloads, providers: spec.workloads.providers.map((p) => { const r = resolveProviderName(p, catalog.providers); return r.ok ? r.value.id : p; }) }
    : (spec.workloads ?? {});
  let usage = await getWorkloadAggregates(db, workspaceId, from, to, workloads);
  // No baseline asked for and the last full month is empty (usage that started this month): the last 30 days.
  if (usage.length === 0 && !spec.baseline?.from && !spec.baseline?.to && latest) {
    from = addDays(latest, -29);
    to = latest;
    days = 30;
    usage = await getWorkloadAggregates(db, workspaceId, from, to, workloads);
  }
  if (usage.length === 0) throw new BadRequestError(`workloads: no usage matches the filters between ${from} and ${to}`, [{ path: 'workloads', message: 'no usage matches' }]);
  const priceDate = spec.priceDate ?? to;
  const resolver = createResolver(catalog.aliases);
  const resolve = (raw: string) => catalog.models.find((m) => m.id === raw || m.name.toLowerCase() === raw.trim().toLowerCase())?.id ?? resolver(raw)?.modelId ?? null;

  // Quality snapshot: the one asked for, else the reference snapshot rating most of today's and the target models.
  let snapshot: (SnapshotInfo & { models: string[] }) | null = null;
  if (spec.quality?.snapshot) {
    snapshot = resolveSnapshot(spec.quality.snapshot, snapshots, 'quality.snapshot');
  } else {
    const wanted = new Set([...usage.map((u) => u.modelId).filter((m): m is string => !!m), ...spec.targets.map((t) => resolve(t.model)).filter((m): m is string => !!m)]);
    let bestCount = -1;
    for (const s of snapshots.filter((x) => !x.own)) {
      const n = s.models.filter((m) => wanted.has(m)).length;
      if (n > bestCount) { bestCount = n; snapshot = s; }
    }
  }
  const elo = snapshot ? await getSnapshotElo(db, snapshot.id) : {};

  let tokenProfile: WhatIfTokenProfile | null = null;
  if (spec.adjustments?.tokenProfileId) {
    const p = await getTokenProfile(db, workspaceId, spec.adjustments.tokenProfileId);
    if (!p) throw new NotFoundError('adjustments.tokenProfileId: no such token profile in this workspace');
    tokenProfile = { id: p.id, name: p.name, sourceTokenizer: p.sourceTokenizer, targetTokenizer: p.targetTokenizer, samples: p.samples, inputRatio: trimDecimal(p.inputRatio)!, outputRatio: trimDecimal(p.outputRatio)! };
  }
  const ratios = {
    input: String(spec.adjustments?.inputTokenRatio ?? tokenProfile?.inputRatio ?? 1),
    output: String(spec.adjustments?.outputTokenRatio ?? tokenProfile?.outputRatio ?? 1),
  };

  const sources: WhatIfSource[] = [];
  const warnings: string[] = [];
  const filters = Object.entries(spec.workloads ?? {}).filter(([, v]) => v && v.length).map(([k, v]) => `${k}: ${(v as string[]).join(', ')}`);
  sources.push({ kind: 'usage', label: `Usage ${from} to ${to} (${days} days)`, detail: filters.length ? `filtered by ${filters.join('; ')}` : 'all of the workspace\'s usage' });
  if (snapshot) sources.push({ kind: 'elo_snapshot', label: `${snapshot.name}`, detail: `as of ${snapshot.asOf}${snapshot.own ? ' (your own judgments)' : ''}` });
  if (tokenProfile) sources.push({ kind: 'token_profile', label: `Token profile "${tokenProfile.name}"`, detail: `${tokenProfile.sourceTokenizer} → ${tokenProfile.targetTokenizer}, ${tokenProfile.samples} samples: input ×${tokenProfile.inputRatio}, output ×${tokenProfile.outputRatio}` });

  const ownSnapshots = snapshots.filter((s) => s.own);
  const ctx: Ctx = { db, workspaceId, catalog, resolve, priceDate, elo, snapshot, ownSnapshots, sources, warnings, gpus, ratios };
  const targets: ResolvedTarget[] = [];
  for (const [i, t] of spec.targets.entries()) targets.push(await resolveTarget(ctx, t, i));

  const share = spec.share ?? 1;
  const growthMonthlyPct = spec.growthMonthlyPct ?? 0;
  const horizonMonths = spec.horizonMonths ?? 12;
  const result = evaluateWhatIf({
    period: { from, to, days }, usage, share, growthMonthlyPct, horizonMonths,
    minWinRate: spec.quality?.minWinRate ?? null, eloByModel: elo, targets,
  });
  if (result.baseline.unpricedTokenShare > 0) warnings.push(`${Math.round(result.baseline.unpricedTokenShare * 1000) / 10}% of the selected tokens have no computed price; their reported cost is used where the export has one.`);
  if (snapshot && result.baseline.eloCoverage < 1) warnings.push(`${snapshot.name} rates ${Math.round(result.baseline.eloCoverage * 100)}% of today's tokens; the current Elo is over those.`);
  return {
    ...result,
    scenario: { ...spec, baseline: { from, to }, share, growthMonthlyPct, horizonMonths, priceDate },
    snapshot: snapshot ? { id: snapshot.id, name: snapshot.name, asOf: snapshot.asOf, own: snapshot.own } : null,
    tokenProfile,
    sources,
    warnings,
  };
}

// Saved scenarios: inputs only, results recomputed on demand.

export async function listScenarios(db: Db, workspaceId: string) {
  return db.select({ id: scenarios.id, name: scenarios.name, spec: scenarios.spec, updatedAt: scenarios.updatedAt, createdAt: scenarios.createdAt })
    .from(scenarios).where(eq(scenarios.workspaceId, workspaceId)).orderBy(desc(scenarios.updatedAt));
}

export async function getScenario(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(scenarios).where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id)));
  if (!row) throw new NotFoundError('No such scenario in this workspace.');
  return row;
}

export async function saveScenario(db: Db, workspaceId: string, input: { id?: string; name: string; spec: ScenarioSpec; userId?: string | null }) {
  const name = input.name.trim() || 'Untitled scenario';
  if (input.id) {
    const [row] = await db.update(scenarios).set({ name, spec: input.spec, updatedAt: new Date() })
      .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, input.id))).returning({ id: scenarios.id });
    if (!row) throw new NotFoundError('No such scenario in this workspace.');
    return row.id;
  }
  const [row] = await db.insert(scenarios).values({ workspaceId, name, spec: input.spec, createdBy: input.userId ?? null }).returning({ id: scenarios.id });
  return row!.id;
}

export async function deleteScenario(db: Db, workspaceId: string, id: string) {
  const r = await db.delete(scenarios).where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id))).returning({ id: scenarios.id });
  if (r.length === 0) throw new NotFoundError('No such scenario in this workspace.');
}
