import fs from 'node:fs';
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
