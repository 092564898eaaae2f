import { Readable } from 'node:stream';
import Busboy from 'busboy';
import { z } from 'zod';
import { getDatabase } from '@/db';
import { audit } from '@/db/queries/audit';
import { listUploads } from '@/db/queries/uploads';
import { BadRequestError } from '@/lib/api/errors';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { csvMappingSchema } from '@/lib/ingest/formats/generic-csv';
import { DEFAULT_MAX_BYTES, ingestUpload } from '@/lib/ingest/pipeline';
import { formatBytes } from '@/lib/ingest/source';
import type { IngestSummary } from '@/lib/ingest/summary';
import { statusOf } from '@/lib/ingest/summary';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ req, db, access }) => {
  const q = parseQuery(req, z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }));
  return Response.json({ uploads: await listUploads(db, access.workspace.id, q.limit ?? 100) });
});

const querySchema = z.object({
  format: z.string().max(60).optional(),
  filename: z.string().max(300).optional(),
  mapping: z.string().max(4000).optional(),
  saveMapping: z.enum(['0', '1']).optional(),
  progress: z.enum(['ndjson']).optional(),
});

/**
 * Upload a usage export: the raw body (`?filename=`) or multipart form files, streamed through ingestion without
 * buffering the file. `?progress=ndjson` streams progress lines, then the summary.
 */
export const POST = withAccess('editor', async ({ req, access }) => {
  const q = parseQuery(req, querySchema);
  let mapping = null;
  if (q.mapping) {
    let raw: unknown;
    try { raw = JSON.parse(q.mapping); } catch { throw new BadRequestError('mapping is not valid JSON'); }
    const parsed = csvMappingSchema.safeParse(raw);
    if (!parsed.success) throw new BadRequestError(`mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    mapping = parsed.data;
  }
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > DEFAULT_MAX_BYTES) {
    return Response.json({ error: { code: 'too_large', message: `the upload is larger than the limit of ${formatBytes(DEFAULT_MAX_BYTES)}` } }, { status: 413 });
  }
  if (!req.body) throw new BadRequestError('no file in the request body');
  const h = await getDatabase();
  const ip = clientIp(req.headers);
  const actor = actorOf(access, ip);
  const run = async (filename: string, chunks: AsyncIterable<Uint8Array>, onProgress?: (p: { bytes: number; rows: number }) => void) => {
    const s = await ingestUpload(h, {
      workspaceId: access.workspace.id, filename, chunks, format: q.format, mapping, saveMapping: q.saveMapping === '1',
      actor: { userId: 'userId' in actor ? actor.userId : null, label: actor.label }, onProgress, spool: true,
    });
    if (s.status === 'ingested') await audit(h.db, access.workspace.id, actor, 'upload.created', filename, { rows: s.rowsIngested, format: s.format });
    return s;
  };
  const contentType = req.headers.get('content-type') ?? '';
  const files = contentType.startsWith('multipart/form-data') ? multipartFiles(req, contentType) : rawFile(req, q.filename);

  if (q.progress === 'ndjson') {
    const enc = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (o: unknown) => controller.enqueue(enc.encode(`${JSON.stringify(o)}\n`));
        try {
          for await (const f of files) send({ type: 'summary', summary: await run(f.filename, f.chunks, (p) => send({ type: 'progress', file: f.filename, ...p })) });
          const note = notIngestedNote(files);
          if (note) send({ type: 'error', message: note.message, notIngested: note.files });
        } catch (e) {
          send({ type: 'error', message: (e as Error).message });
        }
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } });
  }
  const summaries: IngestSummary[] = [];
  for await (const f of files) summaries.push(await run(f.filename, f.chunks));
  if (summaries.length === 0) throw new BadRequestError('no file in the request');
  const notIngested = notIngestedNote(files);
  if (summaries.length === 1 && !notIngested) return Response.json(summaries[0], { status: statusOf(summaries[0]!) });
  return Response.json({ files: summaries, notIngested }, { status: !notIngested && summaries.every((s) => s.status === 'ingested') ? 201 : 207 });
});

async function* rawFile(req: Request, filename: string | undefined): Parts {
  yield { filename: filename || req.headers.get('x-filename') || 'upload', chunks: req.body as unknown as AsyncIterable<Uint8Array> };
}

/** Files one request may carry; the rest are drained unread and named in the answer. */
const MAX_FILES = 20;
type Part = { filename: string; chunks: AsyncIterable<Uint8Array> };
type Parts = AsyncGenerator<Part> & { notIngested?: string[] };

/**
 * Multipart files one after another, each streamed (busboy hands them over in order). What the ingest did not read of a
 * file (a refused one stops early) is drained, so the next file can come: a stream left destroyed, or with an iterator
 * still listening, is never drained, busboy waits for it, and the request hung until the server's timeout (300 s).
 */
function multipartFiles(req: Request, contentType: string): Parts {
  const notIngested: string[] = [];
  const gen = (async function* () {
    const bb = Busboy({ headers: { 'content-type': contentType }, limits: { fileSize: DEFAULT_MAX_BYTES + 1 } });
    const queue: ({ filename: string; stream: Readable } | null)[] = [];
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    let seen = 0;
    const push = (v: { filename: string; stream: Readable } | null) => { queue.push(v); wake?.(); };
    bb.on('file', (_field, stream, info) => {
      if (++seen <= MAX_FILES) return push({ filename: info.filename || 'upload', stream });
      notIngested.push(info.filename || `file ${seen}`);
      stream.resume();
    });
    bb.on('close', () => push(null));
    bb.on('error', (e) => { failure = e as Error; push(null); });
    Readable.fromWeb(req.body as never).pipe(bb);
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => { wake = r; });
      const next = queue.shift()!;
      if (failure) throw new BadRequestError(`the multipart body could not be read: ${(failure as Error).message}`);
      if (!next) return;
      const chunks = next.stream.iterator({ destroyOnReturn: false });
      yield { filename: next.filename, chunks };
      // The iterator is ended here whether or not the ingest ended it: while it listens, resume() cannot drain.
      await chunks.return?.();
      next.stream.resume();
    }
  })() as Parts;
  gen.notIngested = notIngested;
  return gen;
}

/** Said in the answer when files past the limit were left out. */
function notIngestedNote(files: Parts): { files: string[]; message: string } | undefined {
  const names = files.notIngested ?? [];
  if (!names.length) return undefined;
  const n = names.length;
  return {
    files: names.slice(0, 100),
    message: `${n} file${n === 1 ? '' : 's'} after the first ${MAX_FILES} of this request ${n === 1 ? 'was' : 'were'} not read and not ingested: send at most ${MAX_FILES} files per request`,
  };
}
