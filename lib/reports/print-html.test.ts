import { describe, expect, it } from 'vitest';
import { optionColor } from '@/lib/models/colors';
import { reportToHtml } from './print-html';
import type { ReportSnapshot } from './types';

const snap: ReportSnapshot = {
  schema: 1, kind: 'whatif', asOf: '2026-11-26T12:00:00.000Z', currency: 'USD', summary: 'S', keyNumbers: [], tables: [],
  cumulative: { title: 'Cumulative savings', xLabel: 'Month', unit: 'usd', series: ['A', 'B'], points: [{ x: '1', values: { A: '-500', B: '100' } }, { x: '2', values: { A: '-200', B: '250' } }] },
  scatter: { title: 'Cost against quality', points: [{ label: 'Today', monthlyCost: '1000', elo: 1104, eloLower: 1101, eloUpper: 1107, current: true }, { label: '<b>Llama</b>', monthlyCost: '600', elo: 1207, eloLower: 1204, eloUpper: 1210 }] },
  assumptions: [], sources: [], glossary: [],
};

describe('report HTML', () => {
  it('draws negative cumulative savings inside the chart, with a zero line and a tick below it', () => {
    const html = reportToHtml(snap, { title: 'T', version: 1 });
    const polylines = [...html.matchAll(/<polyline[^>]*points="([^"]+)"/g)].map((m) => m[1]!.split(' ').map((p) => Number(p.split(',')[1])));
    for (const ys of polylines) for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(10);
      expect(y).toBeLessThanOrEqual(232);
    }
    expect(html).toContain('stroke="var(--muted)"');
    expect(html).toMatch(/-\$500\.00|−\$500\.00|-\$500/);
  });

  it('draws cost against quality as points with Elo bars, labels escaped', () => {
    const html = reportToHtml(snap, { title: 'T', version: 1 });
    expect((html.match(/<circle /g) ?? []).length).toBe(2);
    expect(html).toContain('&lt;b&gt;Llama&lt;/b&gt;');
    expect(html).not.toContain('<b>Llama</b>');
    // Each point is numbered, named beside it where there is room, and named in the legend under the plot.
    expect(html).toMatch(/<tspan font-weight="700">1<\/tspan> Today<\/text>/);
    expect(html).toContain(`<li style="--c:${optionColor(0)}"><b>2</b> &lt;b&gt;Llama&lt;/b&gt;</li>`);
  });
});
