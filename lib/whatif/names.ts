/**
 * Names people write in a scenario, resolved to the ids it runs on: a provider by its LiteLLM id or a common name
 * (`together`, `Fireworks`, `aws`, `vertex`), a quality snapshot by id, as-of date or name. Pure: the caller loads the
 * lists. An unknown name comes back with its closest matches, an ambiguous one with every candidate, so the caller
 * can answer with something to pick from instead of "unknown".
 */
export type NameMatch<T> = { ok: true; value: T } | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: T[] };

/** Case, spaces and the separators ids and names disagree on (`together_ai`, `Together AI`, `together-ai`) dropped. */
const compact = (s: string) => s.trim().toLowerCase().replace(/[\s_.\-/]+/g, '');

/**
 * Names a provider goes by beyond its id, its display name and its id without LiteLLM's `_ai` suffix (which already
 * give `together`, `fireworks`, `vertex`): the cloud that sells it, the product people say.
 */
const PROVIDER_NICKNAMES: Record<string, string[]> = {
  vertex_ai: ['gcp', 'google cloud', 'vertex_ai_beta'],
  google: ['gemini', 'google ai studio', 'ai studio'],
  bedrock: ['aws', 'amazon', 'amazon bedrock', 'bedrock_converse'],
  azure: ['azure ai', 'microsoft', 'azure_ai'],
  mistral: ['mistralai'],
  xai: ['grok'],
  self_hosted: ['self', 'own gpus'],
};

export type ProviderRef = { id: string; name: string };

function providerKeys(p: ProviderRef): string[] {
  return [p.id, p.name, p.id.replace(/_ai$/, ''), ...(PROVIDER_NICKNAMES[p.id] ?? [])].map(compact);
}

export function resolveProviderName<P extends ProviderRef>(raw: string, providers: P[]): NameMatch<P> {
  const q = compact(raw);
  const hits = providers.filter((p) => providerKeys(p).includes(q));
  if (hits.length === 1) return { ok: true, value: hits[0]! };
  if (hits.length > 1) return { ok: false, reason: 'ambiguous', candidates: hits };
  return { ok: false, reason: 'unknown', candidates: closest(q, providers, providerKeys) };
}

export type SnapshotRef = { id: string; name: string; asOf: string };

const normalName = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * By id; else by as-of date; else by name, whole (case and spacing aside), then by a part of it that only one
 * snapshot's name holds ("lmarena"). Several snapshots on one date or under one name are ambiguous: the id decides.
 */
export function resolveSnapshotName<S extends SnapshotRef>(raw: string, snapshots: S[]): NameMatch<S> {
  const q = raw.trim();
  const byId = snapshots.find((s) => s.id.toLowerCase() === q.toLowerCase());
  if (byId) return { ok: true, value: byId };
  const pick = (hits: S[]): NameMatch<S> | null =>
    hits.length === 1 ? { ok: true, value: hits[0]! } : hits.length > 1 ? { ok: false, reason: 'ambiguous', candidates: hits } : null;
  if (ISO_DAY.test(q)) {
    const onDay = pick(snapshots.filter((s) => s.asOf === q));
    if (onDay) return onDay;
    // No snapshot that day: offer the nearest dates.
    const at = Date.parse(`${q}T00:00:00Z`);
    const near = [...snapshots].sort((a, b) => Math.abs(Date.parse(`${a.asOf}T00:00:00Z`) - at) - Math.abs(Date.parse(`${b.asOf}T00:00:00Z`) - at));
    return { ok: false, reason: 'unknown', candidates: near.slice(0, 3) };
  }
  const n = normalName(q);
  const named = pick(snapshots.filter((s) => normalName(s.name) === n)) ?? (n.length >= 3 ? pick(snapshots.filter((s) => normalName(s.name).includes(n))) : null);
  if (named) return named;
  return { ok: false, reason: 'unknown', candidates: closest(compact(q), snapshots, (s) => [compact(s.name)]) };
}

/**
 * Up to three items whose nearest key is within a few edits of q (a third of its length, at least one), or starts
 * with it: `tgether` → together_ai, `firework` → fireworks_ai.
 */
function closest<T>(q: string, items: T[], keys: (t: T) => string[]): T[] {
  const limit = Math.max(1, Math.floor(q.length / 3));
  return items
    .map((item) => ({ item, d: Math.min(...keys(item).map((k) => (q.length >= 3 && k.startsWith(q) ? 0 : editDistance(q, k)))) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.item);
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost one each. */
export function editDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  const d = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** How a candidate reads in an error: enough to tell them apart and to copy the id. */
export const describeSnapshot = (s: SnapshotRef) => `"${s.name}" as of ${s.asOf} (id ${s.id})`;
export const describeProvider = (p: ProviderRef) => `${p.id} (${p.name})`;
