import { z } from 'zod';
import { NotFoundError } from '@/lib/api/errors';
import { parseBody, withAccess } from '@/lib/api/handler';
import { deleteScenario, getScenario, parseScenario, saveScenario } from '@/lib/whatif/service';

export const dynamic = 'force-dynamic';

function checkId(id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('No such scenario in this workspace.');
}

export const GET = withAccess<{ id: string }>('viewer', async ({ db, access, params }) => {
  checkId(params.id);
  const s = await getScenario(db, access.workspace.id, params.id);
  return Response.json({ id: s.id, name: s.name, spec: s.spec, createdAt: s.createdAt, updatedAt: s.updatedAt });
});

const schema = z.object({ name: z.string().trim().min(1, 'a name').max(120), spec: z.unknown() });

export const PUT = withAccess<{ id: string }>('editor', async ({ req, db, access, params }) => {
  checkId(params.id);
  const body = await parseBody(req, schema);
  await saveScenario(db, access.workspace.id, { id: params.id, name: body.name, spec: parseScenario(body.spec) });
  return Response.json({ id: params.id });
});

export const DELETE = withAccess<{ id: string }>('editor', async ({ db, access, params }) => {
  checkId(params.id);
  await deleteScenario(db, access.workspace.id, params.id);
  return new Response(null, { status: 204 });
});
