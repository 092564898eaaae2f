import { createHash } from 'node:crypto';

/**
 * Printed PDFs by report version. A version is frozen, so its PDF is too: a repeat (a share link opened by a whole
 * meeting) is served from memory with no Chromium page. The key also carries a hash of the HTML printed, because a
 * report's title and note can change, and the share reader's view differs from a member's. Concurrent requests for
 * the same key share one print. Bounded by entries and bytes, oldest first out.
 */
const MAX_ENTRIES = 64;
const MAX_BYTES = 64 * 1024 * 1024;

const entries = new Map<string, Promise<Buffer>>();
const sizes = new Map<string, number>();
let bytes = 0;

export const pdfCacheStats = { hits: 0, misses: 0 };

export function clearPdfCache(): void {
  entries.clear();
  sizes.clear();
  bytes = 0;
  Object.assign(pdfCacheStats, { hits: 0, misses: 0 });
}

function forget(key: string): void {
  entries.delete(key);
  bytes -= sizes.get(key) ?? 0;
  sizes.delete(key);
}

export async function cachedPdf(versionKey: string, html: string, print: (html: string) => Promise<Buffer>): Promise<Buffer> {
  const key = `${versionKey}:${createHash('sha256').update(html).digest('base64url')}`;
  const hit = entries.get(key);
  if (hit) {
    pdfCacheStats.hits++;
    entries.delete(key);
    entries.set(key, hit); // most recently used last
    return hit;
  }
  pdfCacheStats.misses++;
  const p = print(html);
  entries.set(key, p);
  try {
    const buf = await p;
    if (entries.get(key) === p) {
      sizes.set(key, buf.length);
      bytes += buf.length;
      for (const old of entries.keys()) {
        if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
        if (old !== key) forget(old);
      }
    }
    return buf;
  } catch (e) {
    // A failed print (busy, timed out) is not remembered: the next request tries again.
    if (entries.get(key) === p) forget(key);
    throw e;
  }
}
