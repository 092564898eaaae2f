import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { getWhatIfOptions } from '@/lib/whatif/options';
import { WhatIfClient } from './whatif-client';

export const metadata = { title: 'What-if' };
export const dynamic = 'force-dynamic';

export default async function WhatIfPage() {
  const access = await requirePageAccess();
  const qc = getQueryClient();
  await qc.prefetchQuery({ queryKey: ['whatif-options', access.workspace.id], queryFn: async () => getWhatIfOptions(await getDb(), access.workspace.id) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <WhatIfClient workspaceId={access.workspace.id} canEdit={roleAtLeast(access.role, 'editor')} />
    </HydrationBoundary>
  );
}
