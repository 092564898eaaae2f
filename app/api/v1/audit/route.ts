import { z } from 'zod';
import { listAudit } from '@/db/queries/audit';
import { parseQuery, withAccess } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

const schema = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).optional() });

export const GET = withAccess('owner', async ({ req, db, access }) => Response.json({ entries: await listAudit(db, access.workspace.id, parseQuery(req, schema)) }));
