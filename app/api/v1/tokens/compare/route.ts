import { Readable } from 'node:stream';
import Busboy from 'busboy';
import { z } from 'zod';
import { BadRequestError } from '@/lib/api/errors';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { formatBytes } from '@/lib/ingest/source';
import type { CompareResult } from '@/lib/tokens/compare';
import { compareStream, textChunks } from '@/lib/tokens/compare';
import { DEFAULT_FROM, DEFAULT_TO, TOKENIZER_IDS } from '@/lib/tokens/ids';
import { SAMPLE_FORMATS } from '@/lib/tokens/samples';

export const dynamic = 'force-dynamic';

/** 100 MiB: a sample file, not a usage export; counting is CPU work done in slices on the server. */
const MAX_BYTES = 100 * 1024 * 1024;
const MAX_PASTE_CHARS = 5 * 1024 * 1024;

const tokenizerList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(TOKENIZER_IDS)).max(TOKENIZER_IDS.length));
const querySchema = z.object({
  from: z.enum(TOKENIZER_IDS).default(DEFAULT_FROM),
  to: z.enum(TOKENIZER_IDS).default(DEFAULT_TO),
  tokenizers: tokenizerList.optional(),
  format: z.enum(SAMPLE_FORMATS).default('auto'),
  progress: z.enum(['ndjson']).optional(),
});
const pasteSchema = z.object({
  text: z.string().max(MAX_PASTE_CHARS, `pasted text is limited to ${formatBytes(MAX_PASTE_CHARS)}; upload a file for more`),
  from: z.enum(TOKENIZER_IDS).optional(),
  to: z.enum(TOKENIZER_IDS).optional(),
  tokenizers: z.array(z.enum(TOKENIZER_IDS)).optional(),
  format: z.enum(SAMPLE_FORMATS).optional(),
});

/**
 * Count samples with several tokenizers and compare a target to a source: a multipart file, a raw body, or JSON
 * `{ text }` (pasted). Streams the upload through the counter; `?progress=ndjson` streams progress lines, then
 * `{ type: 'result', result }`. Viewers may compare: nothing is stored.
 */
export const POST = withAccess('viewer', async ({ req }) => {
  const q = parseQuery(req, querySchema);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BYTES + 64 * 1024) {
    return Response.json({ error: { code: 'too_large', message: `the file is larger than the limit of ${formatBytes(MAX_BYTES)}` } }, { status: 413 });
  }
  const contentType = req.headers.get('content-type') ?? '';
  let opts = { from: q.from, to: q.to, tokenizers: q.tokenizers, format: q.format };
  let chunks: AsyncIterable<Uint8Array>;
  if (contentType.startsWith('application/json')) {
    let body: unknown;
    try { body = await req.json(); } catch { throw new BadRequestError('The request body is not valid JSON.'); }
    const parsed = pasteSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestError(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const p = parsed.data;
    opts = { from: p.from ?? opts.from, to: p.to ?? opts.to, tokenizers: p.tokenizers ?? opts.tokenizers, format: p.format ?? opts.format };
    chunks = textChunks(p.text);
  } else if (contentType.startsWith('multipart/form-data')) {
    chunks = await multipartFile(req, contentType);
  } else {
    if (!req.body) throw new BadRequestError('no samples in the request body');
    chunks = req.body as unknown as AsyncIterable<Uint8Array>;
  }
  if (opts.from === opts.to) throw new BadRequestError('from and to must be different tokenizers');
  const run = (onProgress?: (p: { samples: number; bytes: number }) => void): Promise<CompareResult> =>
    compareStream(chunks, { ...opts, maxBytes: MAX_BYTES, onProgress });

  if (q.progress === 'ndjson') {
    const enc = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (o: unknown) => controller.enqueue(enc.encode(`${JSON.stringify(o)}\n`));
        try {
          send({ type: 'result', result: await run((p) => send({ type: 'progress', ...p })) });
        } catch (e) {
          const err = e as { code?: string; message: string; issues?: unknown };
          send({ type: 'error', code: err.code ?? 'internal', message: err.code ? err.message : 'Something went wrong on our side.', issues: err.issues });
          if (!err.code) console.error('[tokens] compare failed:', e);
        }
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } });
  }
  return Response.json(await run());
});

/** The first file of a multipart body, streamed (busboy); the rest of the body is drained. */
function multipartFile(req: Request, contentType: string): Promise<AsyncIterable<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const bb = Busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: MAX_BYTES + 1 } });
    let found = false;
    bb.on('file', (_field, stream) => { found = true; resolve(stream); });
    bb.on('close', () => { if (!found) reject(new BadRequestError('no file in the multipart body (field "file")')); });
    bb.on('error', (e) => reject(new BadRequestError(`the multipart body could not be read: ${(e as Error).message}`)));
    Readable.fromWeb(req.body as never).pipe(bb);
  });
}
