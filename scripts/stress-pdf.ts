/**
 * PDF burst: many concurrent `/r/<token>/export.pdf` requests against a server someone else started, with the Chromium
 * processes and their memory counted before, during and after. Starts nothing itself; scripts/stress.ts (or a person)
 * passes the base URL and a share token. The bound it checks (lib/reports/pdf-printer.ts): one browser per server
 * process however large the burst, a 503 or 429 rather than more browsers, and the PDF printed once per version.
 *
 *   await stressPdf({ baseUrl: 'http://127.0.0.1:3100', token, burst: 12 })
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export type ChromiumFootprint = {
  /** Every process named chromium on the machine (the browser, its zygotes, renderers, utilities). */
  processes: number;
  /** Top-level Chromiums (a chromium process whose parent is not one): one per running browser. */
  browsers: number;
  /** Summed resident memory of those processes, MB (shared pages count once per process, as `ps` shows them). */
  rssMb: number;
  /** The machine's MemAvailable, MB: what the burst cost the machine as a whole. */
  memAvailableMb: number;
};

export type PdfBurstResult = {
  burst: number;
  before: ChromiumFootprint;
  peak: ChromiumFootprint;
  after: ChromiumFootprint;
  statuses: Record<string, number>;
  /** Latency of each answer, ms. */
  p50Ms: number;
  maxMs: number;
  /** Retry-After values seen on 429/503 answers. */
  retryAfter: string[];
  /** True when every 200 carried a PDF and all the 200s were the same bytes (the cache served the repeats). */
  identicalPdfs: boolean;
};

function chromiumPids(): number[] {
  try {
    return execFileSync('pgrep', ['chromium'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function parentOf(pid: number): number {
  try {
    return Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** True when `pid` runs under `root` (its parent, or its parent's parent, …). */
function descendsFrom(pid: number, root: number): boolean {
  for (let p = parentOf(pid), hops = 0; p > 1 && hops < 64; p = parentOf(p), hops++) if (p === root) return true;
  return false;
}

/** The machine's Chromiums, or with `rootPid` only those the server process started (others may run beside it). */
export function chromiumFootprint(rootPid?: number): ChromiumFootprint {
  const pids = chromiumPids().filter((pid) => rootPid === undefined || descendsFrom(pid, rootPid));
  const all = new Set(pids);
  let rssKb = 0;
  let browsers = 0;
  for (const pid of pids) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (!all.has(Number(/PPid:\s+(\d+)/.exec(status)?.[1]))) browsers++;
    } catch {
      // gone between pgrep and the read
    }
  }
  const avail = Number(/MemAvailable:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  return { processes: pids.length, browsers, rssMb: Math.round(rssKb / 1024), memAvailableMb: Math.round(avail / 1024) };
}

const maxOf = (a: ChromiumFootprint, b: ChromiumFootprint): ChromiumFootprint => ({
  processes: Math.max(a.processes, b.processes), browsers: Math.max(a.browsers, b.browsers), rssMb: Math.max(a.rssMb, b.rssMb),
  memAvailableMb: Math.min(a.memAvailableMb, b.memAvailableMb),
});

/** Fires `burst` PDF requests at once at one share link, sampling Chromium every 50 ms until the last answers. */
export async function stressPdf(opts: { baseUrl: string; token: string; burst?: number; settleMs?: number; serverPid?: number }): Promise<PdfBurstResult> {
  const burst = opts.burst ?? 12;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(opts.token)}/export.pdf`;
  const footprint = () => chromiumFootprint(opts.serverPid);
  const before = footprint();
  let peak = before;
  const sampler = setInterval(() => { peak = maxOf(peak, footprint()); }, 50);
  const answers = await Promise.all(Array.from({ length: burst }, async () => {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, ms: performance.now() - t0, body, retryAfter: res.headers.get('retry-after') };
  })).finally(() => clearInterval(sampler));
  peak = maxOf(peak, footprint());
  await new Promise((r) => setTimeout(r, opts.settleMs ?? 1000));
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
  const pdfs = answers.filter((a) => a.status === 200).map((a) => a.body);
  return {
    burst, before, peak, after: footprint(), statuses,
    p50Ms: Math.round(ms[Math.floor(ms.length / 2)] ?? 0), maxMs: Math.round(ms.at(-1) ?? 0),
    retryAfter: answers.flatMap((a) => (a.retryAfter ? [a.retryAfter] : [])),
    identicalPdfs: pdfs.every((b) => b.subarray(0, 5).toString() === '%PDF-' && b.equals(pdfs[0]!)),
  };
}

/** The result as the lines stress.ts prints. */
export function formatPdfBurst(r: PdfBurstResult): string[] {
  const f = (x: ChromiumFootprint) => `${x.processes} chromium processes (${x.browsers} browser), ${x.rssMb} MB RSS, ${x.memAvailableMb} MB available`;
  return [
    `PDF burst of ${r.burst}: ${Object.entries(r.statuses).map(([s, n]) => `${n}× ${s}`).join(', ')}; p50 ${r.p50Ms} ms, max ${r.maxMs} ms${r.retryAfter.length ? `; Retry-After ${[...new Set(r.retryAfter)].join('/')}` : ''}`,
    `  before: ${f(r.before)}`,
    `  peak:   ${f(r.peak)}`,
    `  after:  ${f(r.after)}`,
    `  machine memory used by the burst at its peak: ${r.before.memAvailableMb - r.peak.memAvailableMb} MB; PDFs identical: ${r.identicalPdfs}`,
  ];
}
