import { cachedPdf } from './pdf-cache';
import { printPdf } from './pdf-printer';

export { chromiumPath, NoChromiumError } from './chromium';

/**
 * Prints a self-contained HTML document to PDF with the process's one headless Chromium (pdf-printer.ts): no network,
 * no script, within its concurrency, queue and time limits. With a `cacheKey` (a report version) the bytes are kept
 * and a repeat is served without printing.
 */
export async function htmlToPdf(html: string, opts: { cacheKey?: string } = {}): Promise<Buffer> {
  return opts.cacheKey ? cachedPdf(opts.cacheKey, html, printPdf) : printPdf(html);
}
