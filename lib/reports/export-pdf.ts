import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@/lib/api/errors';

/** No Chromium on this machine: the PDF export answers 501 and says what to do instead. */
export class NoChromiumError extends AppError {
  override readonly status = 501;
  constructor() { super('not_implemented', 'PDF export needs Chromium on the server (set CHROMIUM_PATH, or install it). Use the browser’s Print → Save as PDF on the report page meanwhile.'); }
}

export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && fs.existsSync(/* turbopackIgnore: true */ p)) return p;
  return null;
}

/**
 * Prints a self-contained HTML document to PDF with headless Chromium: the HTML goes to a temp file (no server
 * round trip, no session), Chromium runs with no network features and its own throwaway profile.
 */
export async function htmlToPdf(html: string, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
  const bin = chromiumPath();
  if (!bin) throw new NoChromiumError();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-pdf-'));
  const input = path.join(dir, 'report.html');
  const output = path.join(dir, 'report.pdf');
  fs.writeFileSync(input, html);
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(/* turbopackIgnore: true */ bin, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage',
        '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${output}`, `file://${input}`,
      ], { timeout: opts.timeoutMs ?? 60_000 }, (err) => (err && !fs.existsSync(output) ? reject(err) : resolve()));
    });
    if (!fs.existsSync(output)) throw new Error('Chromium wrote no PDF');
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
