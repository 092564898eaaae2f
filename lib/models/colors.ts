/**
 * Stable colours per model and vendor across every chart. A model's colour depends only on its id (or name): its
 * vendor picks a hue family (OpenAI green, Anthropic clay, Meta blue…) and a hash of the id picks a shade inside
 * it, so GPT-3.5 and GPT-4o differ but both read as OpenAI, on Overview, Usage and Models alike. Every shade is a
 * mid tone with enough contrast on the light (#fff) and the dark (#161a21) panel.
 */
const FAMILIES: { test: RegExp; vendor: string; shades: readonly string[] }[] = [
  { vendor: 'OpenAI', test: /^(openai\/)?(gpt|o[1-9]|chatgpt|text-|davinci|babbage|ft:gpt)|\bopenai\b/i, shades: ['#10a37f', '#0d8a6c', '#34c29a', '#5bb98c', '#0f766e', '#65a30d', '#22c55e', '#047857'] },
  { vendor: 'Anthropic', test: /claude|anthropic/i, shades: ['#d97757', '#c2603f', '#e8956f', '#b7791f', '#a8553a', '#f0a27a'] },
  { vendor: 'Meta', test: /llama|\bmeta\b/i, shades: ['#2563eb', '#3b82f6', '#1d4ed8', '#6366f1', '#60a5fa', '#4338ca'] },
  { vendor: 'Mistral AI', test: /mistral|mixtral|codestral|ministral/i, shades: ['#f59e0b', '#d97706', '#eab308'] },
  { vendor: 'Google', test: /gemini|gemma|palm|bison|google/i, shades: ['#db2777', '#be185d', '#ec4899'] },
  { vendor: 'Cohere', test: /command|cohere/i, shades: ['#7c3aed', '#8b5cf6'] },
  { vendor: 'DeepSeek', test: /deepseek/i, shades: ['#0891b2', '#06b6d4'] },
  { vendor: 'Alibaba', test: /qwen|alibaba/i, shades: ['#ea580c', '#f97316'] },
  { vendor: 'xAI', test: /grok|xai/i, shades: ['#64748b', '#475569'] },
];
const VENDOR_BASE: Record<string, string> = Object.fromEntries(FAMILIES.map((f) => [f.vendor, f.shades[0]!]));
VENDOR_BASE.Mistral = VENDOR_BASE['Mistral AI']!;
/** For names no family claims: distinct hues that avoid the vendors' own. */
const FALLBACK = ['#0d9488', '#9333ea', '#ca8a04', '#be123c', '#4d7c0f', '#a16207', '#0369a1', '#c026d3', '#15803d', '#9f1239'] as const;
export const OTHER_COLOR = '#94a3b8';

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** `gpt-4o-2024-08-06`, `GPT-4o (2024-08-06)` and `openai/gpt-4o-2024-08-06` are one model: one colour. */
function normalize(id: string): string {
  return id.toLowerCase().replace(/^[a-z0-9_-]+\//, '').replace(/[^a-z0-9]/g, '');
}

export function vendorColor(vendor: string): string {
  return VENDOR_BASE[vendor] ?? FALLBACK[hash(vendor) % FALLBACK.length]!;
}

function shadesOf(model: string): readonly string[] {
  return FAMILIES.find((f) => f.test.test(model))?.shades ?? FALLBACK;
}

/** The colour of a model (by catalog id, raw name or display name) in every chart. */
export function modelColor(model: string): string {
  if (model === 'Other') return OTHER_COLOR;
  const shades = shadesOf(model);
  return shades[hash(normalize(model)) % shades.length]!;
}

/**
 * Colours for the series of one chart: each model its own `modelColor`, except that two models of a family whose
 * hashes meet in one chart are told apart (the later one, in id order, takes the family's next free shade).
 */
export function seriesColors(dimension: string, keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const k of [...keys].sort((a, b) => normalize(a).localeCompare(normalize(b)))) {
    let c = seriesColor(dimension, k);
    if (k !== 'Other' && used.has(c)) {
      const shades = dimension === 'model' ? shadesOf(k) : FALLBACK;
      const start = shades.indexOf(c);
      for (let i = 1; i <= shades.length; i++) {
        const next = shades[(start + i) % shades.length]!;
        if (!used.has(next)) { c = next; break; }
      }
    }
    used.add(c);
    out.set(k, c);
  }
  return out;
}

/** A series colour for any dimension: models by family, anything else (projects, keys, users) hashed. */
export function seriesColor(dimension: string, key: string): string {
  if (key === 'Other') return OTHER_COLOR;
  if (dimension === 'model') return modelColor(key);
  if (dimension === 'provider') {
    const f = FAMILIES.find((x) => x.test.test(key));
    if (f) return f.shades[0]!;
  }
  return FALLBACK[hash(`${dimension}:${key}`) % FALLBACK.length]!;
}
