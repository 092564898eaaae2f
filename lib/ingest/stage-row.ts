import crypto from 'node:crypto';
import type { createResolver } from '@/lib/catalog/resolve';
import { FIRST_PARTY_PROVIDER } from '@/lib/catalog/types';
import type { UsageRecord } from './types';

/**
 * One usage record → one CSV line for the ingest stage table (columns in STAGE_COLUMNS order). This runs once per
 * row on the hot path, so it avoids per-row allocations that add up over millions of rows: model resolution and
 * vendor lookup are cached per raw model string, the row key is a one-shot hash, and plain strings skip the regex.
 */
export type StageRow = ((line: number, r: UsageRecord) => string) & {
  /** The days (`YYYY-MM-DD`) of the rows staged since the caller last cleared it. */
  days: Set<string>;
};

type Resolved = { modelId: string | null; vendorProvider: string | null; modelCsv: string; rawCsv: string };

export function createStager(family: string, resolve: ReturnType<typeof createResolver>, vendorOf: Map<string, string>, known: Set<string>): StageRow {
  const models = new Map<string, Resolved>();
  const providers = new Map<string | null, string>();
  const providerCsv = (p: string | null) => {
    let s = providers.get(p);
    if (s === undefined) { s = csvText(p); providers.set(p, s); }
    return s;
  };
  const days = new Set<string>();
  let lastDay = '';
  const stage = (line: number, r: UsageRecord) => {
    let m = models.get(r.rawModel);
    if (!m) {
      const modelId = resolve(r.rawModel)?.modelId ?? null;
      const vendor = modelId ? vendorOf.get(modelId) : undefined;
      m = { modelId, vendorProvider: vendor ? FIRST_PARTY_PROVIDER[vendor] ?? null : null, modelCsv: csvText(modelId), rawCsv: csvText(r.rawModel) };
      models.set(r.rawModel, m);
    }
    const provider = r.providerId && known.has(r.providerId) ? r.providerId : null;
    const priceProvider = provider ?? m.vendorProvider;
    const iso = r.occurredAt.toISOString();
    const day = iso.slice(0, 10);
    if (day !== lastDay || days.size === 0) { days.add(day); lastDay = day; }
    return `${line},${rowKey(family, iso, r)},${iso},${day},${r.granularity},${providerCsv(provider)},${providerCsv(priceProvider)},${m.rawCsv},${m.modelCsv},${csvText(r.project)},${csvText(r.apiKey)},${csvText(r.userRef)},${r.batch ? 't' : 'f'},${r.requests},${r.inputTokens},${r.cachedInputTokens},${r.outputTokens},${r.reportedCostUsd ?? ''}`;
  };
  return Object.assign(stage, { days });
}

/**
 * The bucket's identity within its format family: 128 bits of a SHA-256 of its dimensions, as a uuid. Changing this
 * changes every row key, and overlapping uploads would then count twice: keep it stable.
 */
export function rowKey(family: string, iso: string, r: UsageRecord): string {
  const h = crypto.hash('sha256', `${family}\u001f${iso}\u001f${r.granularity}\u001f${r.providerId ?? ''}\u001f${r.rawModel}\u001f${r.project}\u001f${r.apiKey}\u001f${r.userRef}\u001f${r.batch ? 'b' : ''}\u001f${r.keyExtra ?? ''}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A text field for COPY csv: NULL is empty and unquoted, every string is quoted (so '' stays an empty string). */
export function csvText(v: string | null): string {
  if (v === null) return '';
  return v.indexOf('"') < 0 ? `"${v}"` : `"${v.replace(/"/g, '""')}"`;
}
