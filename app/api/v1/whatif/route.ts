import { BadRequestError } from '@/lib/api/errors';
import { withAccess } from '@/lib/api/handler';
import { parseScenario, runScenario } from '@/lib/whatif/service';
import { cachedJsonResponse } from '@/lib/cache/view-cache';

export const dynamic = 'force-dynamic';

/** Runs a scenario over the workspace's usage; reads only, so viewers may. Same JSON in and out as the CLI. */
export const POST = withAccess('viewer', async ({ req, db, access }) => {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
  const spec = parseScenario(body);
  return cachedJsonResponse(db, access.workspace.id, 'whatif', spec, () => runScenario(db, access.workspace.id, spec));
});
