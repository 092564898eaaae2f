import { listSnapshots } from '@/db/queries/quality';
import { withAccess } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

export const GET = withAccess('viewer', async ({ db, access }) => Response.json({ snapshots: await listSnapshots(db, access.workspace.id) }));
