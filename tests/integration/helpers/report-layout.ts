import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a reader of a report's PDF and share page would notice, measured: a text item's box per PDF page (pdfjs-dist)
 * and the share page's widths in Chromium. Shared by the layout test; the screenshots it saves are for a person.
 */
export const SHOTS = path.resolve('test-results/screenshots-reports');

export type TextBox = { str: string; x: number; y: number; w: number; h: number };
export type PdfPage = { width: number; height: number; items: TextBox[] };

/** Every non-blank text item of every page, in PDF points with y up from the page's foot. */
export async function pdfPages(pdf: Buffer): Promise<PdfPage[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((it) => {
      if (!('str' in it) || !it.str.trim()) return [];
      const [a, b, , d, e, f] = it.transform as number[];
      return [{ str: it.str, x: e!, y: f!, w: it.width, h: it.height || Math.hypot(a!, b!) || Math.abs(d!) }];
    });
    pages.push({ width, height, items });
  }
  await doc.destroy();
  return pages;
}

/**
 * Two items overlap when their glyph boxes (baseline − 20% to baseline + 80% of the font size) share more than
 * `slack` points both ways: neighbours on a line that merely touch, or kerning, are not an overlap.
 */
export function overlappingPairs(items: TextBox[], slack = 0.75): [TextBox, TextBox][] {
  const box = (t: TextBox) => ({ l: t.x, r: t.x + t.w, b: t.y - 0.2 * t.h, t: t.y + 0.8 * t.h });
  const out: [TextBox, TextBox][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const p = box(items[i]!); const q = box(items[j]!);
      const dx = Math.min(p.r, q.r) - Math.max(p.l, q.l);
      const dy = Math.min(p.t, q.t) - Math.max(p.b, q.b);
      if (dx > slack && dy > slack) out.push([items[i]!, items[j]!]);
    }
  }
  return out;
}

/** The page's text as one line, upper-cased (headers are set in capitals) with spacing and hyphenation undone. */
export const pageText = (p: PdfPage) => p.items.map((i) => i.str).join(' ').replace(/\s+/g, ' ').toUpperCase();
export const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();

/** `pdftoppm -png -r 60` each page to `<name>-<n>.png`; answers the files written. */
export function savePdfPngs(pdf: Buffer, name: string): string[] {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.startsWith(`${name}-`) && /-\d+\.png$/.test(f)) fs.rmSync(path.join(SHOTS, f));
  const pdfPath = path.join(SHOTS, `${name}.pdf`);
  fs.writeFileSync(pdfPath, pdf);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, path.join(SHOTS, name)]);
  } catch {
    return []; // poppler-utils is not installed: the measurements still ran, only the pictures are missing
  }
  return fs.readdirSync(SHOTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}
