import { z } from 'zod';
import { parseQuery, withAccess } from '@/lib/api/handler';
import { diffVersions } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

const query = z.object({ to: z.coerce.number().int().min(2), from: z.coerce.number().int().min(1).optional() });

/** What changed between two saved versions (default: `to` against the one before it). */
export const GET = withAccess<{ id: string }>('viewer', async ({ req, db, access, params }) => {
  const q = parseQuery(req, query);
  return Response.json(await diffVersions(db, access.workspace.id, params.id, q.to, q.from));
});
