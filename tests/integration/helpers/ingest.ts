import fs from 'node:fs';
import path from 'node:path';
import type { DbHandle } from '@/db/client';
import type { IngestInput } from '@/lib/ingest/pipeline';
import { ingestUpload } from '@/lib/ingest/pipeline';

export const FIXTURES = path.resolve(__dirname, '../../../lib/ingest/__fixtures__');

export async function* chunked(buf: Uint8Array, size = 7_919): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

export function ingestBytes(h: DbHandle, workspaceId: string, filename: string, bytes: Uint8Array | string, extra: Partial<IngestInput> = {}) {
  const buf = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return ingestUpload(h, { workspaceId, filename, chunks: chunked(buf), ...extra });
}

export function ingestFixture(h: DbHandle, workspaceId: string, file: string, extra: Partial<IngestInput> = {}) {
  return ingestBytes(h, workspaceId, file, fs.readFileSync(path.join(FIXTURES, file)), extra);
}
