import { withAccess } from '@/lib/api/handler';
import { checkLive } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

/** Whether live data now differs from the newest version, and how (recomputed, nothing saved). */
export const GET = withAccess<{ id: string }>('viewer', async ({ db, access, params }) => Response.json(await checkLive(db, access.workspace.id, params.id)));
