import type { Db } from '@/db/client';
import { getCatalog } from '@/db/queries/get-catalog';
import { getGpuTables, getProvidersPricing, getQualitySnapshots, getWorkloadOptions, latestUsageDay } from '@/db/queries/whatif';
import { listTokenProfiles } from '@/db/queries/token-profiles';
import { lastFullMonth } from './service';
import { today } from '@/lib/clock';

/** Everything the scenario builder offers: workloads to pick, targets with their prices, GPUs, snapshots, profiles. */
export async function getWhatIfOptions(db: Db, workspaceId: string, priceDate?: string) {
  const latest = await latestUsageDay(db, workspaceId);
  const period = latest ? lastFullMonth(latest) : null;
  const day = priceDate ?? period?.to ?? today();
  const [workloads, catalog, pricing, gpus, snapshots, profiles] = await Promise.all([
    getWorkloadOptions(db, workspaceId),
    getCatalog(db, workspaceId),
    getProvidersPricing(db, workspaceId, day),
    getGpuTables(db, workspaceId),
    getQualitySnapshots(db, workspaceId),
    listTokenProfiles(db, workspaceId),
  ]);
  const priced = new Map<string, { providerId: string; providerName: string; input: string; output: string }[]>();
  for (const p of pricing) {
    const list = priced.get(p.model_id) ?? [];
    list.push({ providerId: p.provider_id, providerName: p.provider_name, input: p.input, output: p.output });
    priced.set(p.model_id, list);
  }
  const selfHostable = new Set(gpus.throughput.map((t) => t.model_id.replace(/^llama-3\.1-/, 'llama-3-')).flatMap((m) => [m, m.replace(/^llama-3-/, 'llama-3.1-')]));
  return {
    latestUsageDay: latest,
    defaultPeriod: period,
    priceDate: day,
    workloads,
    targets: catalog.models
      .filter((m) => priced.has(m.id) || selfHostable.has(m.id))
      .map((m) => ({ id: m.id, name: m.name, vendor: m.vendor, family: m.family, openWeights: m.openWeights, paramsB: m.paramsB, providers: priced.get(m.id) ?? [], selfHostable: selfHostable.has(m.id) })),
    gpus,
    snapshots: snapshots.map((s) => ({ id: s.id, name: s.name, asOf: s.asOf, own: s.own, models: s.models.length })),
    tokenProfiles: profiles.map((p) => ({ id: p.id, name: p.name, sourceTokenizer: p.sourceTokenizer, targetTokenizer: p.targetTokenizer, samples: p.samples, inputRatio: p.inputRatio, outputRatio: p.outputRatio })),
  };
}

export type WhatIfOptions = Awaited<ReturnType<typeof getWhatIfOptions>>;
