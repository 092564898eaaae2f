import { formatCell } from './format';
import type { ReportCell, ReportSnapshot, ReportUnit } from './types';

/**
 * What changed between two versions of a report, and why: the numbers (key numbers, table cells, rows that came or
 * went) and the sources and assumptions behind them (an upload added, a price sheet or a negotiated price in force).
 * Values are shown as a reader sees them. Pure: both versions are frozen snapshots.
 */
export type ReportChange = {
  area: 'key number' | 'table' | 'source' | 'assumption';
  item: string;
  before: string | null;
  after: string | null;
};

const MAX_CHANGES = 200;
const same = (a: ReportCell | undefined, b: ReportCell | undefined) => (a ?? null) === (b ?? null) || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b));
const show = (v: ReportCell | undefined, unit: ReportUnit) => (v === undefined ? null : formatCell(v, unit));

export function diffSnapshots(before: ReportSnapshot, after: ReportSnapshot): ReportChange[] {
  const out: ReportChange[] = [];
  const push = (c: ReportChange) => { if (out.length < MAX_CHANGES) out.push(c); };

  const oldKeys = new Map(before.keyNumbers.map((k) => [k.label, k]));
  for (const k of after.keyNumbers) {
    const o = oldKeys.get(k.label);
    if (!o || !same(o.value, k.value)) push({ area: 'key number', item: k.label, before: o ? show(o.value, o.unit) : null, after: show(k.value, k.unit) });
    oldKeys.delete(k.label);
  }
  for (const o of oldKeys.values()) push({ area: 'key number', item: o.label, before: show(o.value, o.unit), after: null });

  const oldTables = new Map(before.tables.map((t) => [t.name, t]));
  for (const t of after.tables) {
    const o = oldTables.get(t.name);
    const idCol = t.columns[0]?.key;
    if (!idCol) continue;
    const oldRows = new Map((o?.rows ?? []).map((r) => [String(r[idCol] ?? ''), r]));
    for (const r of t.rows) {
      const id = String(r[idCol] ?? '');
      const prev = oldRows.get(id);
      oldRows.delete(id);
      if (!prev) { push({ area: 'table', item: `${t.title}: ${id}`, before: null, after: 'new row' }); continue; }
      for (const c of t.columns.slice(1)) {
        if (!same(prev[c.key], r[c.key])) push({ area: 'table', item: `${t.title}: ${id} · ${c.label}`, before: show(prev[c.key], c.unit), after: show(r[c.key], c.unit) });
      }
    }
    for (const id of oldRows.keys()) push({ area: 'table', item: `${t.title}: ${id}`, before: 'row', after: null });
  }

  const key = (s: ReportSnapshot['sources'][number]) => `${s.kind}\u0000${s.label}`;
  const oldSources = new Map(before.sources.map((s) => [key(s), s]));
  for (const s of after.sources) {
    const o = oldSources.get(key(s));
    if (!o) push({ area: 'source', item: s.label, before: null, after: s.detail });
    else if (o.detail !== s.detail) push({ area: 'source', item: s.label, before: o.detail, after: s.detail });
    oldSources.delete(key(s));
  }
  for (const o of oldSources.values()) push({ area: 'source', item: o.label, before: o.detail, after: null });

  const oldAssumptions = new Map(before.assumptions.map((a) => [a.label, a.value]));
  for (const a of after.assumptions) {
    const o = oldAssumptions.get(a.label);
    if (o !== a.value) push({ area: 'assumption', item: a.label, before: o ?? null, after: a.value });
  }
  return out;
}
