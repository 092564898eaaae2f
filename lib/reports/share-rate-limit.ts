import { TooManyRequestsError } from '@/lib/api/errors';

/**
 * How many PDFs one share link may ask for in a minute (FRONTIER_SHARE_PDF_PER_MINUTE, default 10). A link is
 * anonymous, so the link itself is what is limited; repeats served from the PDF cache count too, so the rule is one
 * a reader can predict. In memory, per process: a restart forgets it, which only ever lets more through.
 */
const WINDOW_MS = 60_000;
const MAX_LINKS = 10_000;
const hits = new Map<string, number[]>();

export function sharePdfLimit(): number {
  const n = Number(process.env.FRONTIER_SHARE_PDF_PER_MINUTE);
  return Number.isInteger(n) && n >= 1 ? n : 10;
}

export function resetShareRateLimits(): void {
  hits.clear();
}

/** Counts one request for `shareId`, or throws 429 with the seconds until the oldest one leaves the window. */
export function takeSharePdf(shareId: string, now = Date.now()): void {
  const recent = (hits.get(shareId) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= sharePdfLimit()) {
    hits.set(shareId, recent);
    const wait = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    throw new TooManyRequestsError(`This link has asked for too many PDFs in a minute. Try again in ${wait} s.`, wait);
  }
  recent.push(now);
  hits.delete(shareId); // re-inserted last, so the oldest links are the first dropped below
  hits.set(shareId, recent);
  if (hits.size > MAX_LINKS) for (const k of hits.keys()) { if (hits.size <= MAX_LINKS) break; hits.delete(k); }
}
