/** Stable colours per vendor across every chart (a model keeps its vendor's colour everywhere). */
const VENDOR_COLORS: Record<string, string> = {
  OpenAI: '#10a37f',
  Anthropic: '#d97757',
  Meta: '#2563eb',
  Mistral: '#f59e0b',
  'Mistral AI': '#f59e0b',
  Google: '#db2777',
  Cohere: '#7c3aed',
  DeepSeek: '#0891b2',
  Alibaba: '#ea580c',
  xAI: '#64748b',
};
const FALLBACK = ['#0d9488', '#9333ea', '#ca8a04', '#be123c', '#4d7c0f', '#1d4ed8', '#a16207'];

export function vendorColor(vendor: string): string {
  if (VENDOR_COLORS[vendor]) return VENDOR_COLORS[vendor]!;
  let h = 0;
  for (const c of vendor) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length]!;
}
