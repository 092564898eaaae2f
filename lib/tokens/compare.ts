import type { Hint } from './hints';
import { describeText } from './hints';
import type { TokenizerId } from './ids';
import { TOKENIZER_INFO } from './ids';
import type { ReadFormat, ReadReport, Sample, SampleFormat, SampleIssue } from './samples';
import { readSamples } from './samples';
import type { Distribution, RatioStat } from './stats';
import { DEFAULT_ROUNDS, DEFAULT_SEED, exactRatio, ratioDistribution, ratioStat } from './stats';
import { loadTokenizers } from './tokenizers';

/**
 * Counts samples with several tokenizers and compares a target tokenizer to a source one. Streaming and
 * cooperative: it keeps four counts per sample (source and target, input and output) and the texts of the few
 * samples that differ most, and hands the event loop back every few milliseconds so a 50 MB file does not stall
 * the server.
 */
export type CompareOptions = {
  from: TokenizerId;
  to: TokenizerId;
  tokenizers?: TokenizerId[];
  rounds?: number;
  seed?: number;
  top?: number;
  onProgress?: (p: { samples: number; bytes: number }) => void;
};

export type TokenizerTotals = { id: TokenizerId; label: string; models: string; input: number; output: number; total: number; ratio: string };
export type DifferingSample = { line: number; fromTokens: number; toTokens: number; ratio: string; text: string; truncated: boolean; hint: Hint };

export type CompareResult = {
  format: ReadFormat;
  bytes: number;
  samples: number;
  roles: boolean;
  skipped: number;
  issues: SampleIssue[];
  from: TokenizerId;
  to: TokenizerId;
  tokenizers: TokenizerTotals[];
  /** All text (input + output). */
  all: RatioStat;
  /** Only when the samples have roles (chat JSONL). */
  input: RatioStat | null;
  output: RatioStat | null;
  distribution: Distribution | null;
  /** Highest and lowest per-sample ratios, among samples with at least MIN_TOKENS source tokens when there are any. */
  higher: DifferingSample[];
  lower: DifferingSample[];
  rounds: number;
  seed: number;
  millis: number;
};

const MIN_TOKENS = 8;
const TEXT_KEPT = 600;
const SLICE_MS = 12;

export const nextTick = () => new Promise<void>((r) => setImmediate(r));

class Counts {
  a = new Int32Array(1024);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n++] = v;
  }
}

/** Keeps the k samples with the largest key (ties: the earlier sample). */
class Top {
  items: { key: number; s: DifferingSample }[] = [];
  constructor(readonly k: number) {}
  wants(key: number) { return this.items.length < this.k || key > this.items[this.items.length - 1]!.key; }
  add(key: number, s: DifferingSample) {
    this.items.push({ key, s });
    this.items.sort((x, y) => y.key - x.key || x.s.line - y.s.line);
    if (this.items.length > this.k) this.items.pop();
  }
}

export async function compareSamples(samples: AsyncIterable<Sample>, opts: CompareOptions & { report?: Partial<ReadReport> }): Promise<Omit<CompareResult, 'format' | 'bytes' | 'skipped' | 'issues'> & { roles: boolean }> {
  const t0 = performance.now();
  const ids = [...new Set([opts.from, opts.to, ...(opts.tokenizers ?? [])])];
  const toks = await loadTokenizers(ids);
  const fromIdx = ids.indexOf(opts.from);
  const toIdx = ids.indexOf(opts.to);
  const totals = ids.map(() => ({ input: 0, output: 0 }));
  const fIn = new Counts(), tIn = new Counts(), fOut = new Counts(), tOut = new Counts();
  const k = opts.top ?? 5;
  const [hiBig, loBig, hiAny, loAny] = [new Top(k), new Top(k), new Top(k), new Top(k)];
  let roles = false;
  let n = 0;
  let slice = performance.now();
  for await (const s of samples) {
    if (s.output) roles = true;
    let fi = 0, ti = 0, fo = 0, to = 0;
    for (let j = 0; j < toks.length; j++) {
      const ci = s.input ? toks[j]!.count(s.input) : 0;
      const co = s.output ? toks[j]!.count(s.output) : 0;
      totals[j]!.input += ci;
      totals[j]!.output += co;
      if (j === fromIdx) { fi = ci; fo = co; }
      if (j === toIdx) { ti = ci; to = co; }
    }
    fIn.push(fi); tIn.push(ti); fOut.push(fo); tOut.push(to);
    n++;
    const f = fi + fo;
    const t = ti + to;
    if (f > 0) {
      const r = t / f;
      const big = f >= MIN_TOKENS;
      const offer = (top: Top, key: number) => {
        if (!top.wants(key)) return;
        const text = s.output ? `${s.input}\n\n${s.output}` : s.input;
        top.add(key, { line: s.line, fromTokens: f, toTokens: t, ratio: exactRatio(t, f), text: text.slice(0, TEXT_KEPT), truncated: text.length > TEXT_KEPT, hint: describeText(text) });
      };
      if (big) { offer(hiBig, r); offer(loBig, -r); }
      offer(hiAny, r); offer(loAny, -r);
    }
    if (performance.now() - slice > SLICE_MS) {
      opts.onProgress?.({ samples: n, bytes: opts.report?.bytes ?? 0 });
      await nextTick();
      slice = performance.now();
    }
  }
  const statOpts = { rounds: opts.rounds ?? DEFAULT_ROUNDS, seed: opts.seed ?? DEFAULT_SEED, yieldEvery: nextTick };
  const fAll = new Int32Array(n);
  const tAll = new Int32Array(n);
  for (let i = 0; i < n; i++) { fAll[i] = fIn.a[i]! + fOut.a[i]!; tAll[i] = tIn.a[i]! + tOut.a[i]!; }
  const all = await ratioStat(fAll, tAll, n, statOpts);
  const input = roles ? await ratioStat(fIn.a, tIn.a, n, statOpts) : null;
  const output = roles ? await ratioStat(fOut.a, tOut.a, n, statOpts) : null;
  const src = totals[fromIdx]!;
  const srcTotal = src.input + src.output;
  const useBig = hiBig.items.length > 0;
  return {
    samples: n,
    roles,
    from: opts.from,
    to: opts.to,
    tokenizers: ids.map((id, j) => {
      const total = totals[j]!.input + totals[j]!.output;
      return { id, label: TOKENIZER_INFO[id].label, models: TOKENIZER_INFO[id].models, input: totals[j]!.input, output: totals[j]!.output, total, ratio: exactRatio(total, srcTotal) };
    }),
    all,
    input,
    output,
    distribution: ratioDistribution(fAll, tAll, n),
    higher: (useBig ? hiBig : hiAny).items.map((x) => x.s),
    lower: (useBig ? loBig : loAny).items.map((x) => x.s),
    rounds: statOpts.rounds,
    seed: statOpts.seed,
    millis: Math.round(performance.now() - t0),
  };
}

/** Bytes (a file, an upload stream, pasted text) → the comparison. */
export async function compareStream(chunks: AsyncIterable<Uint8Array>, opts: CompareOptions & { format?: SampleFormat; maxBytes: number }): Promise<CompareResult> {
  const report: Partial<ReadReport> = {};
  let bytes = 0;
  const samples = readSamples(chunks, { format: opts.format, maxBytes: opts.maxBytes, report, onBytes: (b) => { bytes = b; } });
  const r = await compareSamples(samples, { ...opts, report: { get bytes() { return bytes; } } as Partial<ReadReport> });
  return { ...r, format: report.format!, bytes: report.bytes ?? bytes, skipped: report.skipped ?? 0, issues: report.issues ?? [] };
}

export async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** The CLI's and a profile's shape: the overall numbers, with input and output when the samples have roles. */
export function summarize(r: CompareResult): RatioStat & { input?: RatioStat; output?: RatioStat } {
  return { ...r.all, ...(r.input && r.output ? { input: r.input, output: r.output } : {}) };
}
