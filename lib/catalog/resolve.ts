/**
 * Maps a raw model string from an export, a price sheet or a leaderboard to one catalog model.
 * Pure: the caller loads the alias rows (from the seed or the database) and builds the resolver once.
 */
export type AliasRow = { pattern: string; modelId: string; rank: number };
export type Resolution = { modelId: string; rank: number; exact: boolean; matched: string };

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

export function createResolver(aliases: readonly AliasRow[]): (raw: string) => Resolution | null {
  const exact = new Map<string, AliasRow>();
  const wild: { re: RegExp; row: AliasRow; specificity: number }[] = [];
  for (const a of aliases) {
    const p = normalizeModelString(a.pattern);
    if (p.includes('*')) wild.push({ re: globToRegex(p), row: a, specificity: p.replace(/\*/g, '').length });
    else exact.set(p, a);
  }
  wild.sort((x, y) => y.specificity - x.specificity);
  const cache = new Map<string, Resolution | null>();
  return (raw: string) => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    let result: Resolution | null = null;
    const forms = candidateForms(raw);
    for (const f of forms) {
      const row = exact.get(f);
      if (row) { result = { modelId: row.modelId, rank: row.rank, exact: true, matched: f }; break; }
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
