import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { diffVersions } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

const query = z.object({ to: queryInt(2), from: queryInt().optional() });

/** What changed between two saved versions (default: `to` against the one before it). */
export const GET = withAccess<{ id: string }>('viewer', async ({ req, db, access, params }) => {
  const q = parseQuery(req, query);
  return Response.json(await diffVersions(db, access.workspace.id, params.id, q.to, q.from));
});
