import { z } from 'zod';
import { parseBody, withAccess } from '@/lib/api/handler';
import { listScenarios, parseScenario, saveScenario } from '@/lib/whatif/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => {
  return Response.json({ scenarios: await listScenarios(db, access.workspace.id) });
});

const schema = z.object({ name: z.string().trim().min(1, 'a name').max(120), spec: z.unknown() });

/** Saves a named scenario (its inputs; results are recomputed when it is opened). */
export const POST = withAccess('editor', async ({ req, db, access }) => {
  const body = await parseBody(req, schema);
  const spec = parseScenario(body.spec);
  const userId = access.caller.kind === 'user' ? access.caller.userId : null;
  const id = await saveScenario(db, access.workspace.id, { name: body.name, spec, userId });
  return Response.json({ id }, { status: 201 });
});
