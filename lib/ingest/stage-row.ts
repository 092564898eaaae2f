import crypto from 'node:crypto';
import type { BatchResult } from '@/db/queries/ingest-sql';
import type { Resolver } from '@/lib/catalog/resolve';
import { FIRST_PARTY_PROVIDER } from '@/lib/catalog/types';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, CopyWriter } from './copy-writer';
import type { Tariff } from './costing';
import { costOf, costUnits, decimal12, scaled, statusOf } from './costing';
import type { Group } from './delta';
import { csvText, groupCost, summarize } from './delta';
import { USAGE_COLUMNS } from '@/db/queries/ingest-sql';
import type { UsageRecord } from './types';

/**
 * Usage records → COPY text for `usage` itself (costed: see costing.ts), batch by batch, with the batch's rollup delta
 * (the rows of `ingest_delta`, see db/rollups.ts) and its totals added up on the way, so that a batch that cannot
 * conflict goes into usage with one COPY and nothing is read back. This runs once per row on the hot path: model
 * resolution, the tariff and the bucket's ISO time are cached, the row key is a one-shot hash, and the line is
 * written into bytes as it goes (copy-writer.ts), not built as a string.
 */

/** The columns of each staged line, in order: usage's own (the fallback stage table is `like usage`). */
export { USAGE_COLUMNS } from '@/db/queries/ingest-sql';

export type StagedBatch = {
  rows: number;
  /** COPY binary for usage (or the stage), USAGE_COLUMNS order, in chunks: header, one tuple per row, trailer. */
  usage: Buffer[];
  usageBytes: number;
  /** The batch's rollup delta (for PendingDelta); null when Node cannot aggregate exactly (the SQL path then does). */
  groups: Group[] | null;
  /** What the batch adds to the upload's totals if every row goes in; null with `groups`. */
  result: BatchResult | null;
  /** The days (`YYYY-MM-DD`) of the batch's rows. */
  days: string[];
};

export type Stager = ((r: UsageRecord) => void) & {
  rows(): number;
  take(): StagedBatch;
  /** A taken batch's COPY is done: its bytes' memory may be written again. */
  recycle(b: StagedBatch): void;
};

type Model = {
  rawModel: string; modelId: string | null; vendorProvider: string | null; rawCsv: string; modelCsv: string;
  /** The day this entry was resolved for when the name moved (its meaning depends on the day), else null. */
  datedDay: string | null;
  /** The last tariff looked up for this model, for (tariffDay, tariffProvider). */
  tariffDay: string; tariffProvider: string | null; tariff: Tariff | null;
  /** The row's `provider_id, price_provider, raw_model, model_id` fields for the last provider seen with this model. */
  middleProvider: string | null | undefined; middle: Uint8Array;
  /** This batch's groups of the model for the last (day, provider, reported or not) seen, by project, key and user. */
  slotDay: string; slotProvider: string | null; slotReported: boolean; slot: Slot | null; slots: Map<string, Slot>;
  /** The row key's input up to the model (family, time, granularity, provider), for the last of those seen. */
  keyTime: number; keyGranularity: string; keyProvider: string | null; keyHead: string;
};

type Slot = Map<string, Map<string, Map<string, Group>>>;

/** A text field (length, UTF-8 bytes) or NULL, encoded once for the values that repeat row after row. */
function textFieldBytes(v: string | null): Buffer {
  if (v === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
  const b = Buffer.from(v, 'utf8');
  const out = Buffer.allocUnsafe(4 + b.length);
  out.writeInt32BE(b.length, 0);
  b.copy(out, 4);
  return out;
}
/** The row's `provider_id, price_provider, raw_model, model_id` fields. */
const middleFields = (provider: string | null, priceProvider: string | null, rawModel: string, modelId: string | null) =>
  Buffer.concat([provider, priceProvider, rawModel, modelId].map(textFieldBytes));
const BOOL_T = Buffer.from([0, 0, 0, 1, 1]);
const BOOL_F = Buffer.from([0, 0, 0, 1, 0]);
const GRANULARITY: Record<string, Uint8Array> = Object.fromEntries(['request', 'minute', 'hour', 'day'].map((k) => [k, textFieldBytes(k)]));
const STATUS: Record<string, Uint8Array> = Object.fromEntries(['priced', 'backdated', 'no_price', 'unmapped', 'cost_only'].map((k) => [k, textFieldBytes(k)]));
/** Postgres counts time from 2000-01-01 UTC: timestamptz in microseconds, date in days. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
/** The occurred_at and day fields of a bucket. */
function timeFieldBytes(ms: number): Buffer {
  const b = Buffer.allocUnsafe(20);
  const us = (ms - PG_EPOCH_MS) * 1000;
  const hi = Math.floor(us / 4294967296);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(hi, 4);
  b.writeUInt32BE(us - hi * 4294967296, 8);
  b.writeInt32BE(4, 12);
  b.writeInt32BE(Math.floor((ms - PG_EPOCH_MS) / 86_400_000), 16);
  return b;
}

export type StagerOptions = {
  family: string;
  workspaceId: string;
  uploadId: string;
  resolve: Resolver;
  vendorOf: Map<string, string>;
  known: Set<string>;
  pricer: (modelId: string, provider: string, day: string) => Tariff | null;
};

export function createStager(o: StagerOptions): Stager {
  const { family, resolve, vendorOf, known, pricer } = o;
  // Each tuple starts with its field count, then workspace_id and upload_id (16 bytes each), the same on every row.
  const uuidField = (u: string) => Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from(u.replace(/-/g, ''), 'hex')]);
  const prefix = Buffer.concat([Buffer.from([0, USAGE_COLUMNS.length]), uuidField(o.workspaceId), uuidField(o.uploadId)]);

  const models = new Map<string, Model>();
  const out = new CopyWriter();
  let count = 0;
  let groups: Group[] = [];
  let days = new Set<string>();
  let lastTime = NaN;
  let iso = '';
  let day = '';
  let timeFields: Uint8Array = new Uint8Array(0);

  const modelOn = (rawModel: string, first: Model | undefined): Model => {
    const key = first ? `${rawModel}\u0000${day}` : rawModel;
    const seen = models.get(key);
    if (seen) return seen;
    const hit = resolve(rawModel, day);
    const modelId = hit?.modelId ?? null;
    const vendor = modelId ? vendorOf.get(modelId) : undefined;
    const m: Model = {
      rawModel, modelId, datedDay: hit?.dated ? day : null, vendorProvider: vendor ? FIRST_PARTY_PROVIDER[vendor] ?? null : null, rawCsv: csvText(rawModel),
      modelCsv: csvText(modelId), tariffDay: '', tariffProvider: null, tariff: null, middleProvider: undefined, middle: new Uint8Array(0),
      slotDay: '', slotProvider: null, slotReported: false, slot: null, slots: new Map(), keyTime: NaN, keyGranularity: '', keyProvider: null, keyHead: '',
    };
    models.set(key, m);
    return m;
  };

  const stage = (r: UsageRecord) => {
    // Rows of one bucket come together: its time is formatted once.
    const time = r.occurredAt.getTime();
    if (time !== lastTime) {
      lastTime = time;
      iso = r.occurredAt.toISOString();
      const d = iso.slice(0, 10);
      if (d !== day) { day = d; days.add(d); }
      timeFields = timeFieldBytes(time);
    }
    let m = models.get(r.rawModel);
    // A name that moved (`gpt-4o`) means a snapshot per day: one model entry per day it is used on.
    if (m === undefined || (m.datedDay !== null && m.datedDay !== day)) m = modelOn(r.rawModel, m);
    const provider = r.providerId !== null && known.has(r.providerId) ? r.providerId : null;
    const priceProvider = provider ?? m.vendorProvider;
    if (m.tariffDay !== day || m.tariffProvider !== priceProvider) {
      m.tariffDay = day;
      m.tariffProvider = priceProvider;
      m.tariff = m.modelId !== null && priceProvider !== null ? pricer(m.modelId, priceProvider, day) : null;
    }
    const t = m.tariff;
    let units = -1;
    let cost: bigint | null = null;
    if (t !== null && (r.inputTokens !== 0 || r.outputTokens !== 0)) {
      if (t.units !== null) units = costUnits(t.units, r);
      if (units < 0) cost = costOf(t, r);
    }
    const status = statusOf(m.tariff, m.modelId, r);
    const reported = r.reportedCostUsd;

    // The delta's group: (day, provider, model, reported or not) is nearly always the model's last one; then three
    // lookups by short strings instead of hashing one long composed key per row.
    if (m.slot === null || m.slotDay !== day || m.slotProvider !== provider || m.slotReported !== (reported !== null)) {
      m.slotDay = day;
      m.slotProvider = provider;
      m.slotReported = reported !== null;
      const sk = `${day}\u0000${provider ?? ''}\u0000${reported === null ? '' : 'r'}`;
      let slot = m.slots.get(sk);
      if (!slot) { slot = new Map(); m.slots.set(sk, slot); }
      m.slot = slot;
    }
    let byKey = m.slot.get(r.project);
    if (!byKey) { byKey = new Map(); m.slot.set(r.project, byKey); }
    let byUser = byKey.get(r.apiKey);
    if (!byUser) { byUser = new Map(); byKey.set(r.apiKey, byUser); }
    let g = byUser.get(r.userRef);
    if (!g) {
      g = {
        day, provider: provider ?? '', model: m, project: r.project, apiKey: r.apiKey, userRef: r.userRef, hasReported: reported !== null,
        rows: 0, requests: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reported: null, costed: false, cost: 0n, units: 0, unitScale: 0,
        unpriced: 0, noPrice: 0, unmapped: 0, backdated: 0, costOnly: 0, batchRows: 0,
      };
      byUser.set(r.userRef, g);
      groups.push(g);
    }
    g.rows++;
    g.requests += r.requests;
    g.inputTokens += r.inputTokens;
    g.cachedInputTokens += r.cachedInputTokens;
    g.outputTokens += r.outputTokens;
    if (units >= 0) {
      const scale = t!.units!.scale;
      if (g.unitScale !== scale || g.units + units > Number.MAX_SAFE_INTEGER) { g.cost = groupCost(g); g.units = 0; g.unitScale = scale; }
      g.units += units;
      g.costed = true;
    } else if (cost !== null) {
      g.cost += cost;
      g.costed = true;
    }
    if (reported !== null) { const v = scaled(reported, 12); g.reported = g.reported === null ? v : g.reported + v; }
    if (status !== 'priced') {
      if (status === 'no_price') { g.noPrice++; g.unpriced++; }
      else if (status === 'unmapped') { g.unmapped++; g.unpriced++; }
      else if (status === 'backdated') g.backdated++;
      else g.costOnly++;
    }
    if (r.batch) g.batchRows++;

    if (m.middleProvider !== provider) { m.middleProvider = provider; m.middle = middleFields(provider, priceProvider, m.rawModel, m.modelId); }
    if (count === 0) out.bytes(COPY_BINARY_HEADER);
    out.bytes(prefix);
    if (m.keyTime !== time || m.keyGranularity !== r.granularity || m.keyProvider !== r.providerId) {
      m.keyTime = time;
      m.keyGranularity = r.granularity;
      m.keyProvider = r.providerId;
      m.keyHead = rowKeyHead(family, iso, r);
    }
    out.uuidFieldLatin1(crypto.hash('sha256', `${m.keyHead}${rowKeyTail(r)}`, 'binary'));
    out.bytes(timeFields);
    out.bytes(GRANULARITY[r.granularity] ?? textFieldBytes(r.granularity));
    out.bytes(m.middle);
    out.textField(r.project);
    out.textField(r.apiKey);
    out.textField(r.userRef);
    out.bytes(r.batch ? BOOL_T : BOOL_F);
    out.int8Field(r.requests);
    out.int8Field(r.inputTokens);
    out.int8Field(r.cachedInputTokens);
    out.int8Field(r.outputTokens);
    if (reported !== null) out.numericDecimal(reported); else out.nullField();
    // A cost at 12 decimals goes as `<integer> × 10^-12`, written straight into numeric's base-10000 digits.
    if (units >= 0) out.numericUnits(units, t!.units!.scale + 6); else if (cost !== null) out.numericDecimal(decimal12(cost)); else out.nullField();
    out.bytes(STATUS[status]!);
    count++;
  };

  const take = (): StagedBatch => {
    if (count > 0) out.bytes(COPY_BINARY_TRAILER);
    const usageBytes = out.length;
    const batch = { rows: count, usage: out.take(), usageBytes, days: [...days], ...summarize(groups) };
    count = 0;
    groups = [];
    // New maps, not clear(): see ordinals() in formats/openai-dashboard.ts.
    for (const m of models.values()) { m.slots = new Map(); m.slot = null; }
    days = new Set();
    // A new batch starts a new day set: the bucket's time must be looked at again.
    lastTime = NaN;
    day = '';
    return batch;
  };
  return Object.assign(stage, { rows: () => count, take, recycle: (b: StagedBatch) => out.recycle(b.usage) });
}

/**
 * The bucket's identity within its format family: 128 bits of a SHA-256 of its dimensions, as a uuid. Changing this
 * changes every row key, and overlapping uploads would then count twice: keep it stable.
 */
export function rowKey(family: string, iso: string, r: UsageRecord): string {
  const h = crypto.hash('sha256', rowKeyInput(family, iso, r), 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function rowKeyInput(family: string, iso: string, r: UsageRecord): string {
  return `${rowKeyHead(family, iso, r)}${rowKeyTail(r)}`;
}

/** The row key's input in two parts: the head repeats row after row (one model, one bucket), the tail hardly. */
function rowKeyHead(family: string, iso: string, r: UsageRecord): string {
  return `${family}\u001f${iso}\u001f${r.granularity}\u001f${r.providerId ?? ''}\u001f${r.rawModel}\u001f`;
}

function rowKeyTail(r: UsageRecord): string {
  return `${r.project}\u001f${r.apiKey}\u001f${r.userRef}\u001f${r.batch ? 'b' : ''}\u001f${r.keyExtra ?? ''}`;
}
