import { audit } from '@/db/queries/audit';
import { createTokenProfile, listTokenProfiles } from '@/db/queries/token-profiles';
import { parseBody, withAccess } from '@/lib/api/handler';
import { actorOf, clientIp } from '@/lib/auth/guard';
import { profileInputSchema } from '@/lib/tokens/profile';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => Response.json({ profiles: await listTokenProfiles(db, access.workspace.id) }));

/** Save a measured comparison as a token profile (what-if scenarios and reports use it). */
export const POST = withAccess('editor', async ({ req, db, access }) => {
  const body = await parseBody(req, profileInputSchema);
  const actor = actorOf(access, clientIp(req.headers));
  const profile = await createTokenProfile(db, access.workspace.id, body, 'userId' in actor ? actor.userId ?? null : null);
  await audit(db, access.workspace.id, actor, 'token_profile.created', profile.name, { id: profile.id, source: profile.sourceTokenizer, target: profile.targetTokenizer });
  return Response.json({ profile }, { status: 201 });
});
