import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
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
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  // A failed write (disk full) rejects the wait below instead of leaving it for a 'drain' that never comes, and is
  // no uncaught 'error' event.
  let failed: Error | null = null;
  out.on('error', (e) => { failed = e; });
  try {
    let bytes = 0;
    for await (const c of opts.idleMs ? idleLimited(chunks, opts.idleMs) : chunks) {
      const keep = Math.min(c.byteLength, opts.maxBytes + 1 - bytes);
      bytes += keep;
      if (failed) throw failed;
      if (!out.write(keep === c.byteLength ? c : c.subarray(0, keep))) await once(out, 'drain');
      if (bytes > opts.maxBytes) break;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } catch (e) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw e;
  }
  // Opened when first read: an upload refused before it reads (busy, a failed lock) holds no descriptor on the file.
  let read: fs.ReadStream | null = null;
  const fromDisk: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => (read = fs.createReadStream(file, { highWaterMark: 256 * 1024 }))[Symbol.asyncIterator]() };
  const remove = () => { read?.destroy(); fs.rmSync(file, { force: true }); };
  return { chunks: fromDisk, remove };
}
