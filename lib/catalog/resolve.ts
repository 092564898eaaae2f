/**
 * Maps a raw model string from an export, a price sheet or a leaderboard to one catalog model.
 * Pure: the caller loads the alias rows (from the seed or the database) and builds the resolver once.
 */
/**
 * `from` (ISO day) marks a period of a name that moved: from that day on, until the next period of the same pattern,
 * the name meant `modelId` (`gpt-4o` meant gpt-4o-2024-05-13 until 2024-10-02). A row without `from` is the name's
 * meaning when no day is asked (leaderboards, what-if targets): today's.
 */
export type AliasRow = { pattern: string; modelId: string; rank: number; from?: string | null };
/** `dated`: the answer depends on the day asked (the name moved), so a caller caching it must key on the day too. */
export type Resolution = { modelId: string; rank: number; exact: boolean; matched: string; dated?: boolean };
export type Resolver = (raw: string, day?: string) => Resolution | null;

/** Leading path segments that name where a model was served, not the model itself. */
const PROVIDER_PREFIXES = [
  'openai', 'text-completion-openai', 'azure', 'azure_ai', 'anthropic', 'bedrock', 'bedrock_converse', 'converse',
  'invoke', 'together_ai', 'together', 'groq', 'fireworks_ai', 'fireworks', 'deepinfra', 'mistral', 'cohere',
  'cohere_chat', 'openrouter', 'vertex_ai', 'vertex_ai_beta', 'gemini', 'perplexity', 'anyscale', 'replicate',
  'deepseek', 'xai', 'databricks', 'sagemaker', 'cloudflare', 'ollama', 'ollama_chat', 'nvidia_nim', 'sambanova',
  'cerebras', 'hyperbolic', 'novita', 'lambda_ai', 'nscale', 'friendliai', 'github', 'watsonx', 'oci',
];
const REGION = /^(us|eu|ap|ca|sa|me|af|global|apac|us-gov|jp|au)(-[a-z]+)*(-\d+)?$/;
/** Bedrock cross-region inference profiles prefix the model id with a geography: `us.meta.llama3…`. */
const BEDROCK_GEO = /^(us|eu|apac|global|jp|au|ca)\./;

export function normalizeModelString(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The raw string and the forms left after stripping provider and region segments, most specific first. */
export function candidateForms(raw: string): string[] {
  const out: string[] = [];
  let s = normalizeModelString(raw);
  out.push(s);
  for (let guard = 0; guard < 4; guard++) {
    const slash = s.indexOf('/');
    if (slash < 0) break;
    const head = s.slice(0, slash);
    if (!PROVIDER_PREFIXES.includes(head) && !REGION.test(head) && !/^\d+$/.test(head)) break;
    s = s.slice(slash + 1);
    out.push(s);
  }
  if (BEDROCK_GEO.test(s) && /\.(llama|anthropic|meta|mistral|cohere|amazon|deepseek)/.test(s)) out.push(s.replace(BEDROCK_GEO, ''));
  return [...new Set(out)];
}

function globToRegex(pattern: string): RegExp {
  const escaped = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`);
}

/** Lower than any curated alias: a key that names a snapshot outright is the better source of its price. */
const DATED_RANK = 1000;

/**
 * Rows are read in order, and a later undated row for a pattern replaces what came before it, periods included: the
 * workspace's own mappings come last and win, whatever the name meant on the day.
 */
export function createResolver(aliases: readonly AliasRow[]): Resolver {
  const exact = new Map<string, AliasRow>();
  const periods = new Map<string, AliasRow[]>();
  const wild: { re: RegExp; row: AliasRow; specificity: number }[] = [];
  for (const a of aliases) {
    const p = normalizeModelString(a.pattern);
    if (a.from) {
      const list = periods.get(p) ?? [];
      periods.set(p, [...list, a].sort((x, y) => (x.from! < y.from! ? -1 : x.from! > y.from! ? 1 : 0)));
    } else if (p.includes('*')) wild.push({ re: globToRegex(p), row: a, specificity: p.replace(/\*/g, '').length });
    else { exact.set(p, a); periods.delete(p); }
  }
  wild.sort((x, y) => y.specificity - x.specificity);
  const cache = new Map<string, Resolution | null>();
  const datedCache = new Map<string, Resolution>();
  /** The period in force on the day; before the first, the first (the name's earliest meaning is the best guess). */
  const periodOn = (list: readonly AliasRow[], day: string): AliasRow => {
    let hit = list[0]!;
    for (const r of list) if (r.from! <= day) hit = r;
    return hit;
  };
  const undated = (raw: string): Resolution | null => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const forms = candidateForms(raw);
    let result: Resolution | null = null;
    for (const f of forms) {
      const row = exact.get(f);
      const list = periods.get(f);
      // Without a day, today's meaning: the undated row, else the latest period.
      const r = row ?? list?.[list.length - 1];
      if (r) { result = { modelId: r.modelId, rank: row ? row.rank : DATED_RANK, exact: true, matched: f, ...(list ? { dated: true } : {}) }; break; }
    }
    if (!result) {
      outer: for (const f of forms) {
        for (const w of wild) {
          if (w.re.test(f)) { result = { modelId: w.row.modelId, rank: w.row.rank, exact: false, matched: f }; break outer; }
        }
      }
    }
    cache.set(raw, result);
    return result;
  };
  return (raw: string, day?: string) => {
    const base = undated(raw);
    if (!base?.dated || !day) return base;
    const key = `${raw}\u0000${day}`;
    let hit = datedCache.get(key);
    if (!hit) {
      const r = periodOn(periods.get(base.matched)!, day);
      hit = { modelId: r.modelId, rank: DATED_RANK, exact: true, matched: base.matched, dated: true };
      datedCache.set(key, hit);
    }
    return hit;
  };
}

/** Alias rows for a catalog: the id itself at rank 0, then each alias in the order the catalog lists them. */
export function aliasRowsFor(catalog: readonly { id: string; aliases: readonly string[] }[]): AliasRow[] {
  const rows: AliasRow[] = [];
  const seen = new Map<string, string>();
  for (const m of catalog) {
    [m.id, ...m.aliases].forEach((a, i) => {
      const p = normalizeModelString(a);
      const owner = seen.get(p);
      if (owner && owner !== m.id) throw new Error(`alias "${a}" names both ${owner} and ${m.id}`);
      if (owner) return;
      seen.set(p, m.id);
      rows.push({ pattern: p, modelId: m.id, rank: i });
    });
  }
  return rows;
}
