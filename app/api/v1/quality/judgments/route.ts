import { z } from 'zod';
import { BadRequestError } from '@/lib/api/errors';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { importJudgments } from '@/lib/quality/service';

export const dynamic = 'force-dynamic';

const schema = z.object({
  filename: z.string().max(300).optional(),
  anchor: z.string().regex(/^.+=\d+(\.\d+)?$/, 'anchor is model=elo, e.g. gpt-3.5-turbo-0125=1104').optional(),
  rounds: z.coerce.number().int().min(100).max(2000).optional(),
});

/** Fits the team's pairwise judgments (CSV or JSONL) to Elo with bootstrap CIs; kept as this workspace's quality snapshots. */
export const POST = withAccess('editor', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  if (Number(req.headers.get('content-length') ?? 0) > 200 * 1024 * 1024) return Response.json({ error: { code: 'too_large', message: 'judgments over 200 MB' } }, { status: 413 });
  const text = await req.text();
  if (!text.trim()) throw new BadRequestError('the judgments file is empty');
  const anchor = q.anchor ? { model: q.anchor.slice(0, q.anchor.lastIndexOf('=')), elo: Number(q.anchor.slice(q.anchor.lastIndexOf('=') + 1)) } : undefined;
  const r = await importJudgments({ db }, { workspaceId: access.workspace.id, filename: q.filename ?? 'judgments', text, anchor, rounds: q.rounds, actor: actorOf(access, clientIp(req.headers)) });
  return Response.json(r, { status: 201 });
});
