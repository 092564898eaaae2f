/**
 * CIELAB conversion and the CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), pure and dependency-free.
 * CIEDE2000 rather than CIE76 because CIE76 overstates differences between saturated colours and understates them
 * between blues and between greys: two blues 20 apart in CIE76 can still look alike, which is the very failure
 * (two similar blues, three similar oranges) this is here to catch. Lab is relative to D65, as sRGB is.
 */
export type Lab = { L: number; a: number; b: number };

const D65 = { x: 0.95047, y: 1, z: 1.08883 };
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toLinear = (c: number) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
const fromLinear = (l: number) => 255 * (l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055);

export function hexToLab(hex: string): Lab {
  const [r, g, b] = parseHex(hex).map(toLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / D65.x;
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / D65.y;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / D65.z;
  const f = (t: number) => (t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** Lab back to sRGB hex, clipping out-of-gamut channels (used only to derive lighter and darker shades). */
export function labToHex({ L, a, b }: Lab): string {
  const fy = (L + 16) / 116; const fx = fy + a / 500; const fz = fy - b / 200;
  const inv = (f: number) => (f ** 3 > EPS ? f ** 3 : (116 * f - 16) / KAPPA);
  const [x, y, z] = [inv(fx) * D65.x, (L > KAPPA * EPS ? fy ** 3 : L / KAPPA) * D65.y, inv(fz) * D65.z];
  const rgb = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ].map((l) => Math.round(Math.min(255, Math.max(0, fromLinear(Math.max(0, l))))));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;
const hueOf = (b: number, a: number) => { if (a === 0 && b === 0) return 0; const h = deg(Math.atan2(b, a)); return h < 0 ? h + 360 : h; };

/** ΔE00 between two Lab colours with kL = kC = kH = 1 (the graphic-arts default). */
export function deltaE2000(x: Lab, y: Lab): number {
  const C1 = Math.hypot(x.a, x.b); const C2 = Math.hypot(y.a, y.b);
  const Cm7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cm7 / (Cm7 + 25 ** 7)));
  const a1 = (1 + G) * x.a; const a2 = (1 + G) * y.a;
  const C1p = Math.hypot(a1, x.b); const C2p = Math.hypot(a2, y.b);
  const h1 = hueOf(x.b, a1); const h2 = hueOf(y.b, a2);
  const dL = y.L - x.L; const dC = C2p - C1p;
  let dh = 0;
  if (C1p * C2p !== 0) { dh = h2 - h1; if (dh > 180) dh -= 360; else if (dh < -180) dh += 360; }
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dh / 2));
  const Lm = (x.L + y.L) / 2; const Cm = (C1p + C2p) / 2;
  let hm = h1 + h2;
  if (C1p * C2p !== 0) hm = Math.abs(h1 - h2) <= 180 ? hm / 2 : hm < 360 ? (hm + 360) / 2 : (hm - 360) / 2;
  const T = 1 - 0.17 * Math.cos(rad(hm - 30)) + 0.24 * Math.cos(rad(2 * hm)) + 0.32 * Math.cos(rad(3 * hm + 6)) - 0.2 * Math.cos(rad(4 * hm - 63));
  const SL = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const SC = 1 + 0.045 * Cm; const SH = 1 + 0.015 * Cm * T;
  const Cm7p = Cm ** 7;
  const RT = -2 * Math.sqrt(Cm7p / (Cm7p + 25 ** 7)) * Math.sin(rad(60 * Math.exp(-(((hm - 275) / 25) ** 2))));
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

/** ΔE00 between two #rrggbb colours. */
export const deltaE = (p: string, q: string) => deltaE2000(hexToLab(p), hexToLab(q));
