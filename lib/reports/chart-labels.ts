/**
 * Where a chart's labels go so that none sits on another: a greedy pass over a few spots around each point, the
 * first that stays inside the plot and clear of every label and mark already placed. A label with no free spot is
 * shortened (to its number, say) and tried again; the reader finds the whole name in the legend.
 */
export type Box = { l: number; t: number; r: number; b: number };
export type Placed = { x: number; y: number; anchor: 'start' | 'middle' | 'end'; text: string; box: Box; index?: number };

/** Width of `s` in px at `size`, a little generous (the chart font may be wider than Arial). */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[0-9$]/.test(ch) ? 0.58 : /[.,:;'il ]/.test(ch) ? 0.3 : /[A-Z%MW—–]/.test(ch) ? 0.74 : 0.56;
  return w * size;
}

const hits = (a: Box, b: Box, gap: number) => a.l < b.r + gap && b.l < a.r + gap && a.t < b.b + gap && b.t < a.b + gap;
const inside = (a: Box, area: Box) => a.l >= area.l && a.r <= area.r && a.t >= area.t && a.b <= area.b;

/** A label at (x, y) baseline with this anchor, as a box (ascent 0.8 of the size, descent 0.25). */
export function labelBox(x: number, y: number, anchor: Placed['anchor'], w: number, size: number): Box {
  const l = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { l, r: l + w, t: y - 0.8 * size, b: y + 0.25 * size };
}

type Spot = { dx: number; dy: number; anchor: Placed['anchor'] };
const SPOTS: Spot[] = [
  { dx: 9, dy: -6, anchor: 'start' }, { dx: 9, dy: 14, anchor: 'start' }, { dx: -9, dy: -6, anchor: 'end' }, { dx: -9, dy: 14, anchor: 'end' },
  { dx: 0, dy: -12, anchor: 'middle' }, { dx: 0, dy: 22, anchor: 'middle' },
];

/**
 * `texts[i]` are the label's forms, longest first (e.g. `3 Llama 3 70B on Groq`, then `3`); `marks` are boxes no
 * label may cover (the points themselves). Answers one placement per point; the last form at its first spot when
 * nothing is free (tiny plots), pushed further out until it clears what is placed.
 */
export function placeLabels(points: { x: number; y: number; texts: string[] }[], area: Box, marks: Box[], size: number, opts: { onlyWithRoom?: boolean } = {}): Placed[] {
  const placed: Placed[] = [];
  const taken = () => [...marks, ...placed.map((p) => p.box)];
  const tryPlace = (p: { x: number; y: number }, text: string, reach: number): Placed | null => {
    const w = textWidth(text, size);
    for (const s of SPOTS) {
      const x = p.x + s.dx * reach; const y = p.y + s.dy * reach;
      const box = labelBox(x, y, s.anchor, w, size);
      if (inside(box, area) && !taken().some((b) => hits(box, b, 1.5))) return { x, y, anchor: s.anchor, text, box };
    }
    return null;
  };
  for (const [index, p] of points.entries()) {
    let spot: Placed | null = null;
    for (const text of p.texts) if (!spot) spot = tryPlace(p, text, 1);
    // A crowded chart with a tooltip (the in-app scatter) labels only the points with room beside them.
    if (opts.onlyWithRoom) { if (spot) placed.push({ ...spot, index }); continue; }
    for (let reach = 2; !spot && reach <= 6; reach++) spot = tryPlace(p, p.texts.at(-1)!, reach);
    if (!spot) {
      const text = p.texts.at(-1)!;
      spot = { x: p.x + 9, y: p.y - 6, anchor: 'start', text, box: labelBox(p.x + 9, p.y - 6, 'start', textWidth(text, size), size) };
    }
    placed.push(spot);
  }
  return placed;
}

/**
 * Which of `n` evenly spaced axis labels to show so that neighbours keep `gap` px apart: every k-th, and the last
 * one always (the period's end), dropping the one before it when they would touch.
 */
export function axisLabelIndexes(n: number, spacing: number, widest: number, gap = 10): number[] {
  if (n <= 0) return [];
  const every = Math.max(1, Math.ceil((widest + gap) / Math.max(spacing, 1e-9)));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  if (out.at(-1) !== n - 1) {
    if (out.length > 1 && (n - 1 - out.at(-1)!) * spacing < widest + gap) out.pop();
    out.push(n - 1);
  }
  return out;
}
