import { describe, expect, test } from 'vitest';
import { type Box, placeLabels } from './chart-labels';

const area = { l: 0, r: 400, t: 0, b: 200 };
const mark = (x: number, y: number) => ({ l: x - 6, r: x + 6, t: y - 6, b: y + 6 });

describe('placeLabels, only where there is room (the in-app Models scatter)', () => {
  test('a crowded cluster: some names left to the tooltip, none on another or on a point; a lone point named', () => {
    const cluster = Array.from({ length: 30 }, (_, i) => ({ x: 80 + (i % 6) * 11, y: 80 + Math.floor(i / 6) * 11 }));
    const pts = [...cluster, { x: 340, y: 40 }].map((p, i) => ({ ...p, texts: [`Model number ${i}`] }));
    const marks = pts.map((p) => mark(p.x, p.y));
    const out = placeLabels(pts, area, marks, 11, { onlyWithRoom: true });
    expect(out.length).toBeLessThan(pts.length);
    expect(out.map((l) => l.index)).toContain(30);
    const hit = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
    for (const [i, l] of out.entries()) {
      expect(l.box.l >= area.l && l.box.r <= area.r && l.box.t >= area.t && l.box.b <= area.b).toBe(true);
      expect(marks.some((m) => hit(l.box, m))).toBe(false);
      expect(out.some((o, j) => j !== i && hit(l.box, o.box))).toBe(false);
    }
  });

  test('without the option every point gets a label (the PDF, whose legend numbers them)', () => {
    const pts = [{ x: 100, y: 100 }, { x: 104, y: 102 }].map((p, i) => ({ ...p, texts: [`Model ${i}`, String(i)] }));
    expect(placeLabels(pts, area, pts.map((p) => mark(p.x, p.y)), 11)).toHaveLength(2);
  });
});
