import { candidateForms, normalizeModelString } from './resolve';
import type { Resolver } from './resolve';
import type { CatalogModel } from './types';

/**
 * Catalog entries derived from a price sheet's keys that no curated model claims, so that every model a loaded sheet
 * prices can be priced (claude-opus-4-6, gpt-oss-120b on OpenRouter, gpt-4-32k…). Pure: the caller passes the keys the
 * importer could not map and the curated resolver.
 *
 * The curated catalog (db/seed/catalog.ts) stays the authority for display names, Arena mapping, release dates and
 * sizes; a derived entry knows only what a key says: its name is the key's model part, its vendor and family are read
 * from the key (`openai/…`, `anthropic.…`, `claude-…`), open weights only for families known to publish them, and no
 * size or release date (so no Together size-tier price and no release-date rule applies to it). Keys naming one model
 * on several providers (`openrouter/openai/gpt-oss-120b`, `groq/openai/gpt-oss-120b`, `openai.gpt-oss-120b-1:0`)
 * meet in one entry. A name that moves (`mistral-large-latest`) becomes an entry of its own, priced by each sheet's
 * own entry for the name.
 */
export type DeriveKey = { key: string; provider: string; contextWindow: number | null };
export type DerivedCatalog = {
  models: CatalogModel[];
  /** Keys whose model part is a curated model's name (`bedrock/mistral.mistral-large-2402-v1:0`): an alias to it. */
  aliases: { pattern: string; modelId: string }[];
};

const VENDOR_HINTS: [RegExp, string][] = [
  [/^(openai|gpt|o\d|chatgpt|davinci|babbage|text-(davinci|curie|babbage|ada))/, 'OpenAI'],
  [/^(anthropic|claude)/, 'Anthropic'],
  [/^(google|gemini|gemma|palm|chat-bison|text-bison|codechat-bison|code-bison)/, 'Google'],
  [/^(meta|meta-llama|llama|codellama)/, 'Meta'],
  [/^(mistral|mistralai|mixtral|codestral|pixtral|magistral|ministral|devstral|open-mi[sx]tral)/, 'Mistral'],
  [/^(cohere|command|c4ai)/, 'Cohere'],
  [/^(deepseek)/, 'DeepSeek'],
  [/^(x-ai|xai|grok)/, 'xAI'],
  [/^(qwen|qwq|alibaba)/, 'Alibaba'],
  [/^(moonshot|kimi)/, 'Moonshot AI'],
  [/^(z-ai|zai|glm|zhipu)/, 'Zhipu AI'],
  [/^(microsoft|phi-)/, 'Microsoft'],
  [/^(ai21|jamba|j2-)/, 'AI21'],
  [/^(amazon|nova-|titan)/, 'Amazon'],
  [/^(nvidia|nemotron)/, 'NVIDIA'],
  [/^(minimax)/, 'MiniMax'],
  [/^(perplexity|sonar|pplx)/, 'Perplexity'],
];

/** The vendor of a provider's own models, for keys that name neither org nor a known family. */
const PROVIDER_VENDOR: Record<string, string> = {
  openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google', mistral: 'Mistral', cohere: 'Cohere', deepseek: 'DeepSeek', xai: 'xAI', perplexity: 'Perplexity',
};

/** Families whose weights are published; anything else is not claimed open. */
const OPEN_WEIGHTS = /^(gpt-oss|llama|meta-llama|codellama|gemma|mixtral|open-mi[sx]tral|mistral-(7b|nemo|small-3)|qwen|qwq|deepseek-(r1|v[23]|coder)|phi-|olmo|falcon|kimi-k2|glm-4\.[5-9]|nemotron|dbrx|yi-)/;

/** Bedrock ids: `[geo.]vendor.model-v1:0`. */
const BEDROCK = /^(?:(?:us|eu|apac|global|jp|au|ca|us-gov)\.)?(meta|anthropic|mistral|cohere|amazon|ai21|deepseek|openai|qwen|writer|moonshot|moonshotai|minimax|google|nvidia|twelvelabs|zai)\.(.+)$/;

function vendorFrom(hint: string): string | null {
  for (const [re, v] of VENDOR_HINTS) if (re.test(hint)) return v;
  return null;
}

/** A key's model name (`openrouter/openai/gpt-oss-120b` → `gpt-oss-120b`) and what its org path says of the vendor. */
export function modelPart(key: string): { name: string; org: string | null } {
  const forms = candidateForms(key);
  let s = forms[forms.length - 1]!.replace(/@/g, '-');
  let org: string | null = null;
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    const path = s.slice(0, slash).split('/').filter((p) => p !== 'accounts' && p !== 'models' && p !== 'fireworks');
    org = path[path.length - 1] ?? null;
    s = s.slice(slash + 1);
  }
  const b = BEDROCK.exec(s);
  if (b) { org = b[1]!; s = b[2]!.replace(/-v\d+(:\d+)?$|-\d+:\d+$/, ''); }
  // Vertex's model-as-a-service suffix names the hosting, not the model; OpenRouter writes Claude versions with dots.
  s = s.replace(/-maas$/, '');
  if (s.startsWith('claude-')) s = s.replace(/(\d)\.(\d)/g, '$1-$2');
  return { name: s.replace(/[^a-z0-9._:+-]+/g, '-').replace(/^-+|-+$/g, ''), org };
}

export function deriveCatalog(keys: readonly DeriveKey[], curated: Resolver, sheet: string): DerivedCatalog {
  const byId = new Map<string, { keys: string[]; aliases: Set<string>; vendor: string | null; contextWindow: number | null }>();
  const aliases = new Map<string, string>();
  for (const k of keys) {
    const { name, org } = modelPart(k.key);
    // Size buckets (`fireworks-ai-4.1b-to-16b`) price whatever fits them, not a model of that name.
    if (!name || /^(fireworks-ai|together-ai)-/.test(name)) continue;
    const pattern = normalizeModelString(candidateForms(k.key).at(-1)!);
    const hit = curated(name);
    if (hit) {
      // Its model part is a curated name: the key is an alias of that model, unless the name moved (then a day decides).
      if (!hit.dated && !curated(pattern)) aliases.set(pattern, hit.modelId);
      continue;
    }
    let d = byId.get(name);
    if (!d) byId.set(name, (d = { keys: [], aliases: new Set(), vendor: null, contextWindow: null }));
    d.keys.push(k.key);
    if (pattern !== name) d.aliases.add(pattern);
    // ft: keys price a base model's fine-tunes, which usage names `ft:<base>:<org>:<name>:<id>`.
    if (name.startsWith('ft:')) d.aliases.add(`${name}:*`);
    d.vendor ??= (org ? vendorFrom(org) : null) ?? vendorFrom(name) ?? PROVIDER_VENDOR[k.provider] ?? null;
    d.contextWindow ??= k.contextWindow;
  }
  const models = [...byId.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, d]): CatalogModel => {
    const tokens = id.split('-');
    return {
      id, name: id, vendor: d.vendor ?? 'Unknown', family: tokens.length > 2 ? tokens.slice(0, 2).join('-') : tokens[0]!,
      openWeights: OPEN_WEIGHTS.test(id), paramsB: null, contextWindow: d.contextWindow, releasedOn: null,
      source: `derived from ${sheet}: ${d.keys.slice(0, 4).join(', ')}${d.keys.length > 4 ? ` and ${d.keys.length - 4} more` : ''}`,
      aliases: [...d.aliases].filter((a) => a !== id && !byId.has(a)).sort(),
    };
  });
  return { models, aliases: [...aliases].map(([pattern, modelId]) => ({ pattern, modelId })) };
}

/** Entries derived from several sheets, one per id: aliases joined, the first sheet's facts kept. */
export function mergeDerived(list: readonly DerivedCatalog[]): DerivedCatalog {
  const models = new Map<string, CatalogModel>();
  const aliases = new Map<string, string>();
  for (const d of list) {
    for (const m of d.models) {
      const prev = models.get(m.id);
      if (!prev) { models.set(m.id, { ...m, aliases: [...m.aliases] }); continue; }
      prev.aliases = [...new Set([...prev.aliases, ...m.aliases])].sort();
      prev.contextWindow ??= m.contextWindow;
      if (prev.vendor === 'Unknown') prev.vendor = m.vendor;
    }
    for (const a of d.aliases) if (!aliases.has(a.pattern)) aliases.set(a.pattern, a.modelId);
  }
  // An alias a derived model claims in one sheet may be another's id in the next: the id wins.
  for (const m of models.values()) m.aliases = m.aliases.filter((a) => !models.has(a));
  return { models: [...models.values()].sort((a, b) => a.id.localeCompare(b.id)), aliases: [...aliases].map(([pattern, modelId]) => ({ pattern, modelId })) };
}
