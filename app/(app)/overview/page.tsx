import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import type { Overview } from '@/db/queries/get-overview';
import { getOverview } from '@/db/queries/get-overview';
import { SaveReport } from '@/app/_components/save-report';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { overviewKey, parseOverviewBy } from '@/lib/dashboard/keys';
import { OverviewClient } from './overview-client';
import { cachedView } from '@/lib/cache/view-cache';

export const metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ by?: string }> }) {
  const access = await requirePageAccess();
  const groupBy = parseOverviewBy((await searchParams).by);
  const qc = getQueryClient();
  await qc.prefetchQuery({ queryKey: overviewKey(groupBy), queryFn: async () => { const db = await getDb(); return cachedView(db, access.workspace.id, 'overview', { by: groupBy }, () => getOverview(db, access.workspace.id, { groupBy })); } });
  const o = qc.getQueryData<Overview>(overviewKey(groupBy));
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
          <p className="mt-1 text-sm text-muted">{access.workspace.name}{o?.asOf ? ` · month to date ${o.month.from} – ${o.month.to}${o.asOf < new Date().toISOString().slice(0, 10) ? ' (latest usage)' : ''}` : ''}</p>
        </div>
        {o?.asOf && roleAtLeast(access.role, 'editor') && <SaveReport source={{ kind: 'overview' }} defaultTitle={`Spend overview, ${o.month.from} to ${o.month.to}`} />}
      </header>
      <HydrationBoundary state={dehydrate(qc)}>
        <OverviewClient />
      </HydrationBoundary>
    </div>
  );
}
