import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idleLimited } from './source';

/**
 * On PGlite an upload's transaction holds the engine's only connection, so every other request waits for it: a body
 * arriving slowly over the network would stall the whole app for as long as it takes. The body is first written to a
 * temporary file (as received, never held in memory), and the transaction reads it from there at disk speed. At most
 * `maxBytes + 1` bytes are kept: the ingest then refuses the file as too large, as it would have streaming.
 */
export type Spooled = { chunks: AsyncIterable<Uint8Array>; remove: () => void };

export async function spool(chunks: AsyncIterable<Uint8Array>, opts: { maxBytes: number; idleMs?: number }): Promise<Spooled> {
  const file = path.join(os.tmpdir(), `frontier-upload-${randomUUID()}`);
  const remove = () => fs.rmSync(file, { force: true });
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  try {
    let bytes = 0;
    for await (const c of opts.idleMs ? idleLimited(chunks, opts.idleMs) : chunks) {
      const keep = Math.min(c.byteLength, opts.maxBytes + 1 - bytes);
      bytes += keep;
      if (!out.write(keep === c.byteLength ? c : c.subarray(0, keep))) await new Promise<void>((r) => out.once('drain', () => r()));
      if (bytes > opts.maxBytes) break;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } catch (e) {
    out.destroy();
    remove();
    throw e;
  }
  return { chunks: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), remove };
}
