import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import Link from 'next/link';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import { getReconciliation } from '@/db/queries/get-reconciliation';
import { requirePageAccess } from '@/lib/auth/page';
import { reconciliationKey } from '@/lib/dashboard/keys';
import { parseReconciliationParams } from '@/lib/usage/reconciliation';
import { ReconciliationClient } from './reconciliation-client';
import { cachedView } from '@/lib/cache/view-cache';

export const metadata = { title: 'Reconciliation' };
export const dynamic = 'force-dynamic';

/** Our computed cost against what the exports reported, per day and model, and why they differ. */
export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePageAccess();
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === 'string' && v ? [[k, v]] : [])));
  const p = parseReconciliationParams(raw);
  const qc = getQueryClient();
  await qc.prefetchQuery({
    queryKey: reconciliationKey(p),
    queryFn: async () => {
      const db = await getDb();
      const { all: _all, ...view } = await cachedView(db, access.workspace.id, 'reconciliation', p, () => getReconciliation(db, access.workspace.id, p));
      return view;
    },
  });
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Reconciliation</h1>
          <p className="mt-1 text-sm text-muted">{access.workspace.name} · computed cost against the cost the exports reported, per day and model</p>
        </div>
        <nav aria-label="Usage views" className="flex gap-1 text-sm">
          <Link href="/usage" className="rounded-md px-2 py-1 text-muted hover:bg-panel-2">Explorer</Link>
          <Link href="/usage/reconciliation" aria-current="page" className="rounded-md bg-accent-soft px-2 py-1 font-medium">Reconciliation</Link>
        </nav>
      </header>
      <HydrationBoundary state={dehydrate(qc)}>
        <ReconciliationClient />
      </HydrationBoundary>
    </div>
  );
}
