import { withAccess } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/** Who is calling, in which workspace, with which role (and, for a person, every workspace they can switch to). */
export const GET = withAccess('viewer', async ({ access }) => {
  const c = access.caller;
  return Response.json({
    caller: c.kind === 'user' ? { kind: 'user', email: c.email, name: c.name } : { kind: 'key', name: c.name, prefix: c.prefix },
    workspace: { slug: access.workspace.slug, name: access.workspace.name, isDemo: access.workspace.isDemo },
    role: access.role,
    workspaces: access.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })),
  });
});
