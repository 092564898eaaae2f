import { deltaE, deltaE2000, hexToLab, labToHex } from '@/lib/colors/delta-e';

/**
 * The one source of series colours: vendors, models, what-if options and any other dimension, in the app, the
 * report page, the share page and the PDF alike (lib/reports/print-charts.ts calls `optionColor` too).
 *
 * The palette is Tableau 10's hues (category10), re-tuned so that (a) every two colours, and the grey for Other,
 * are at least MIN_DELTA_E apart in CIEDE2000 and (b) each has at least 2.3:1 contrast on the light panel (#fff)
 * and 3.4:1 on the dark one (#161a21), so a line or a dot reads on both. Tableau's own yellow, pink and grey are
 * under 2:1 on white; its red–pink and purple–pink pairs are under 20.
 */
export const PALETTE = ['#3b6fb6', '#ee8a22', '#d62728', '#17a398', '#4e9f3d', '#bfa000', '#9a5ad6', '#f06aa8', '#8f6a4e'] as const;
export const OTHER_COLOR = '#94a3b8';
/** CIEDE2000 below ~10 reads as "the same colour, a bit off" at chart sizes; 20 reads as two colours at a glance. */
export const MIN_DELTA_E = 20;

const [BLUE, ORANGE, RED, TEAL, GREEN, YELLOW, PURPLE, PINK, BROWN] = PALETTE;

/** Each vendor a fixed palette colour of its own, so any two vendors shown together are ≥ MIN_DELTA_E apart. */
const FAMILIES: { test: RegExp; vendor: string; color: string }[] = [
  { vendor: 'OpenAI', test: /^(openai\/)?(gpt|o[1-9]|chatgpt|text-|davinci|babbage|ft:gpt)|\bopenai\b/i, color: TEAL },
  { vendor: 'Anthropic', test: /claude|anthropic/i, color: ORANGE },
  { vendor: 'Meta', test: /llama|\bmeta\b/i, color: BLUE },
  { vendor: 'Mistral AI', test: /mistral|mixtral|codestral|ministral/i, color: YELLOW },
  { vendor: 'Google', test: /gemini|gemma|palm|bison|google/i, color: RED },
  { vendor: 'Cohere', test: /command|cohere/i, color: PURPLE },
  { vendor: 'DeepSeek', test: /deepseek/i, color: GREEN },
  { vendor: 'Alibaba', test: /qwen|alibaba/i, color: BROWN },
  { vendor: 'xAI', test: /grok|xai/i, color: PINK },
];
const VENDOR_BASE: Record<string, string> = Object.fromEntries(FAMILIES.map((f) => [f.vendor, f.color]));
VENDOR_BASE.Mistral = VENDOR_BASE['Mistral AI']!;

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** `gpt-4o-2024-08-06`, `GPT-4o (2024-08-06)` and `openai/gpt-4o-2024-08-06` are one model: one colour. */
function normalize(id: string): string {
  return id.toLowerCase().replace(/^[a-z0-9_-]+\//, '').replace(/[^a-z0-9]/g, '');
}

/** A vendor's hue at three lightnesses, ~22 L* apart: the models of one vendor read as one family yet differ. */
function shadesOf(base: string): string[] {
  const lab = hexToLab(base);
  return [0, 24, -22].map((d) => (d === 0 ? base : labToHex({ ...lab, L: Math.min(82, Math.max(28, lab.L + d)) })));
}

export function vendorColor(vendor: string): string {
  return VENDOR_BASE[vendor] ?? PALETTE[hash(vendor) % PALETTE.length]!;
}

function familyOf(model: string): string | undefined {
  return FAMILIES.find((f) => f.test.test(model))?.color;
}

/** The colour of a model on its own (a table's swatch): its vendor's colour, hashed into the palette when unknown. */
export function modelColor(model: string): string {
  if (model === 'Other') return OTHER_COLOR;
  return familyOf(model) ?? PALETTE[hash(normalize(model)) % PALETTE.length]!;
}

/** What-if option `index` (its position in the scenario, from 0): the same colour on every surface. */
export function optionColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** A series colour for any dimension: models and providers by vendor, anything else (projects, keys…) hashed. */
export function seriesColor(dimension: string, key: string): string {
  if (key === 'Other') return OTHER_COLOR;
  if (dimension === 'model') return modelColor(key);
  if (dimension === 'provider' || dimension === 'vendor') return familyOf(key) ?? vendorColor(key);
  return PALETTE[hash(`${dimension}:${key}`) % PALETTE.length]!;
}

export type ColorKind = 'vendor' | 'model' | 'option' | 'series';

/** One entry point: `colorFor('vendor', 'Meta')`, `colorFor('option', label, 2)`, `colorFor('model', id)`. */
export function colorFor(kind: ColorKind, key: string, index = 0): string {
  if (kind === 'option') return optionColor(index);
  if (kind === 'vendor') return vendorColor(key);
  return seriesColor(kind === 'model' ? 'model' : 'series', key);
}

const farEnough = (c: string, used: readonly string[]) => used.every((u) => deltaE(c, u) >= MIN_DELTA_E);
/**
 * Past the palette (a chart of 15 vendors): the palette's lighter and darker shades, then a grid over Lab (mid
 * lightness first, then the more saturated), each still checked against every colour already in the chart.
 */
const EXTENDED = [...PALETTE.flatMap((c) => shadesOf(c).slice(1)), ...labGrid()];

function labGrid(): string[] {
  const out: { hex: string; rank: number }[] = [];
  for (let L = 35; L <= 75; L += 10) for (let a = -60; a <= 60; a += 15) for (let b = -60; b <= 60; b += 15) {
    const hex = labToHex({ L, a, b });
    // Out of the sRGB gamut it would clip to another colour: keep only what sRGB shows as asked.
    if (deltaE2000(hexToLab(hex), { L, a, b }) < 2) out.push({ hex, rank: Math.abs(L - 55) * 4 - Math.hypot(a, b) });
  }
  return out.sort((x, y) => x.rank - y.rank).map((x) => x.hex);
}

function pick(tries: readonly string[], used: readonly string[]): string {
  const all = [...tries, ...PALETTE, ...EXTENDED];
  // More series than distinct colours: the one farthest from those used.
  return all.find((t) => farEnough(t, used))
    ?? all.reduce((best, t) => (Math.min(...used.map((u) => deltaE(t, u))) > Math.min(...used.map((u) => deltaE(best, u))) ? t : best));
}

/**
 * The vendors of one chart (the Models scatter and its table): the nine known vendors keep their fixed colour; any
 * other (AI21, NVIDIA…) takes the first colour ≥ MIN_DELTA_E from all of those, in name order; Unknown is grey.
 */
export function vendorColors(vendors: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const set = [...new Set(vendors)];
  const known = set.filter((v) => VENDOR_BASE[v]);
  const used = [...known.map((v) => VENDOR_BASE[v]!), ...(set.includes('Unknown') ? [OTHER_COLOR] : [])];
  for (const v of known) out.set(v, VENDOR_BASE[v]!);
  if (set.includes('Unknown')) out.set('Unknown', OTHER_COLOR);
  for (const v of set.filter((x) => !out.has(x)).sort()) {
    const c = pick([], used);
    used.push(c);
    out.set(v, c);
  }
  return out;
}

/**
 * Colours for the series of one chart. Each key starts from its own colour; a model whose vendor's colour is
 * taken tries the vendor's lighter and darker shade, and any colour closer than MIN_DELTA_E to one already
 * used falls back to the first palette colour that is far enough from all of them. Keys are visited in id order,
 * so the same set gives the same colours whatever order the chart lists them in.
 */
export function seriesColors(dimension: string, keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used: string[] = keys.includes('Other') ? [OTHER_COLOR] : [];
  for (const k of [...keys].sort((a, b) => normalize(a).localeCompare(normalize(b)))) {
    if (k === 'Other') { out.set(k, OTHER_COLOR); continue; }
    const own = seriesColor(dimension, k);
    const c = pick(dimension === 'model' || dimension === 'provider' ? shadesOf(own) : [own], used);
    used.push(c);
    out.set(k, c);
  }
  return out;
}
