import { z } from 'zod';
import { isoDay } from '@/lib/api/params';
import { BadRequestError } from '@/lib/api/errors';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { importArenaFile } from '@/lib/quality/service';

export const dynamic = 'force-dynamic';

const schema = z.object({ filename: z.string().max(300).optional(), asOf: isoDay('asOf is the leaderboard date, YYYY-MM-DD') });

/** Imports an Arena leaderboard (CSV as displayed, or LMArena catalog JSON) as this workspace's snapshot. */
export const POST = withAccess('editor', async ({ req, db, access }) => {
  const q = parseQuery(req, schema);
  const text = await req.text();
  if (!text.trim()) throw new BadRequestError('the file is empty');
  return Response.json(await importArenaFile({ db }, { workspaceId: access.workspace.id, filename: q.filename ?? 'leaderboard', text, asOf: q.asOf, actor: actorOf(access, clientIp(req.headers)) }), { status: 201 });
});
