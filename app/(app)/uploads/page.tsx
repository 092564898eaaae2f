import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import { listUploads } from '@/db/queries/uploads';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { FORMATS } from '@/lib/ingest/formats/index';
import { UploadsClient } from './uploads-client';
import { uploadsKey } from './keys';

export const metadata = { title: 'Uploads' };
export const dynamic = 'force-dynamic';

export default async function UploadsPage() {
  const access = await requirePageAccess();
  const qc = getQueryClient();
  await qc.prefetchQuery({
    queryKey: uploadsKey(access.workspace.slug),
    queryFn: async () => JSON.parse(JSON.stringify({ uploads: await listUploads(await getDb(), access.workspace.id) })),
  });
  const formats = [{ id: 'auto', label: 'Detect automatically' }, ...FORMATS.map((f) => ({ id: f.id, label: f.label })), { id: 'generic-csv', label: 'CSV with a column mapping' }];
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <UploadsClient workspace={access.workspace.slug} canUpload={roleAtLeast(access.role, 'editor')} formats={formats} />
    </HydrationBoundary>
  );
}
