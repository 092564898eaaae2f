import type { Browser } from 'playwright-core';
import { AppError, UnavailableError } from '@/lib/api/errors';
import { chromiumPath, NoChromiumError } from './chromium';

/**
 * The one headless Chromium of this process, printing at most `concurrency` pages at once with at most `queue`
 * more waiting. A Chromium per request (what this replaced) let anyone holding a share link start browsers without
 * bound: 12 requests made 137 processes and 1.6 GB. Past the queue the answer is 503 with Retry-After; a print that
 * runs past `timeoutMs` is abandoned and answered 503. A browser that dies is launched again on the next print, and
 * one left idle for `idleMs` is closed so a quiet server holds no Chromium at all.
 */
export type PrinterLimits = { concurrency: number; queue: number; timeoutMs: number; idleMs: number };

function intEnv(name: string, fallback: number, min: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= min ? n : fallback;
}

function limitsFromEnv(): PrinterLimits {
  return {
    concurrency: intEnv('FRONTIER_PDF_CONCURRENCY', 2, 1),
    queue: intEnv('FRONTIER_PDF_QUEUE', 8, 0),
    timeoutMs: intEnv('FRONTIER_PDF_TIMEOUT_MS', 30_000, 1),
    idleMs: intEnv('FRONTIER_PDF_IDLE_MS', 120_000, 1),
  };
}

export class PdfTimeoutError extends AppError {
  override readonly status = 503;
  constructor(seconds: number) {
    super('pdf_timeout', `The PDF took longer than ${seconds} s to print and was stopped. Try again shortly.`);
    this.headers = { 'retry-after': '10' };
  }
}

/** Counters for tests and the stress check: what the printer did since the process started (or the last reset). */
export const printerStats = { launches: 0, pages: 0, active: 0, maxActive: 0, queued: 0, maxQueued: 0, rejected: 0, timeouts: 0 };

let limits = limitsFromEnv();
let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
const waiting: (() => void)[] = [];

/** Tests set smaller limits; settings not given are read from the environment again. */
export function configurePrinter(l: Partial<PrinterLimits> = {}): void {
  limits = { ...limitsFromEnv(), ...l };
  Object.assign(printerStats, { launches: 0, pages: 0, maxActive: printerStats.active, maxQueued: 0, rejected: 0, timeouts: 0 });
}

function launch(): Promise<Browser> {
  const bin = chromiumPath();
  if (!bin) throw new NoChromiumError();
  printerStats.launches++;
  const p = import('playwright-core').then(({ chromium }) => chromium.launch({
    executablePath: bin,
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  }));
  browser = p;
  const forget = () => { if (browser === p) browser = null; };
  p.then((b) => b.on('disconnected', forget), forget);
  return p;
}

async function acquire(): Promise<void> {
  if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
  if (printerStats.active < limits.concurrency) {
    printerStats.active++;
    printerStats.maxActive = Math.max(printerStats.maxActive, printerStats.active);
    return;
  }
  if (waiting.length >= limits.queue) {
    printerStats.rejected++;
    throw new UnavailableError('The PDF printer is busy. Try again in a few seconds.', 5);
  }
  printerStats.queued = waiting.length + 1;
  printerStats.maxQueued = Math.max(printerStats.maxQueued, printerStats.queued);
  // release() hands its slot straight to the first waiter, so `active` is not decremented and incremented again.
  await new Promise<void>((resolve) => waiting.push(resolve));
  printerStats.queued = waiting.length;
}

function release(): void {
  const next = waiting.shift();
  if (next) return next();
  printerStats.active--;
  if (printerStats.active === 0) {
    idleTimer = setTimeout(() => void closePrinter(), limits.idleMs);
    idleTimer.unref();
  }
}

/** Closes the browser (idle, or a test's end); the next print launches a new one. */
export async function closePrinter(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) await b.then((x) => x.close(), () => undefined).catch(() => undefined);
}

async function printOnce(html: string): Promise<Buffer> {
  const b = await (browser ?? launch());
  // A context of its own per print: no script, no network, nothing kept between two reports.
  const ctx = await b.newContext({ javaScriptEnabled: false, offline: true });
  printerStats.pages++;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { printerStats.timeouts++; reject(new PdfTimeoutError(Math.round(limits.timeoutMs / 1000))); }, limits.timeoutMs);
  });
  try {
    const work = (async () => {
      const page = await ctx.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ preferCSSPageSize: true, printBackground: true });
    })();
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // A timed-out page may hang its close too: the slot is freed regardless, and the browser drops it.
    void ctx.close().catch(() => undefined);
  }
}

/** Prints a self-contained HTML document to PDF within the printer's limits; one retry if the browser died mid-print. */
export async function printPdf(html: string): Promise<Buffer> {
  await acquire();
  try {
    try {
      return await printOnce(html);
    } catch (e) {
      if (e instanceof AppError || (await browser?.then((b) => b.isConnected(), () => false))) throw e;
      return await printOnce(html);
    }
  } finally {
    release();
  }
}
