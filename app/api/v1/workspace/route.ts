import { withAccess } from '@/lib/api/handler';
import { deleteWorkspace } from '@/lib/auth/service';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ access }) => Response.json({ slug: access.workspace.slug, name: access.workspace.name, isDemo: access.workspace.isDemo }));

/** Deletes the workspace and everything in it (owner only). */
export const DELETE = withAccess('owner', async ({ db, access }) => {
  await deleteWorkspace(db, access.workspace.id, access.role);
  return new Response(null, { status: 204 });
});
