import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import Link from 'next/link';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import { getUsageExplorer, getUsageOptions } from '@/db/queries/get-usage-explorer';
import { SaveReport } from '@/app/_components/save-report';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { explorerKey, usageOptionsKey } from '@/lib/dashboard/keys';
import { parseExplorerParams } from '@/lib/usage/explorer-params';
import type { ExplorerView } from '@/lib/usage/explorer-view';
import { toExplorerView } from '@/lib/usage/explorer-view';
import { UsageClient, UsageCsvLink, UsageHeadline } from './usage-client';
import { cachedView } from '@/lib/cache/view-cache';

export const metadata = { title: 'Usage' };
export const dynamic = 'force-dynamic';

/** Every setting of the view is a URL parameter: a link reproduces it. The server prefetches what the client shows. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePageAccess();
  // A GET form sends empty fields too (from=&to=): they mean "not set".
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(await searchParams)) {
    const s = Array.isArray(v) ? v.join(',') : v;
    if (s && k !== 'workspace') raw[k] = s;
  }
  const p = parseExplorerParams(raw);
  const qc = getQueryClient();
  const db = await getDb();
  await qc.prefetchQuery({ queryKey: explorerKey(p), queryFn: async () => toExplorerView(await cachedView(db, access.workspace.id, 'usage-explorer', p, () => getUsageExplorer(db, access.workspace.id, p))) });
  const range = qc.getQueryData<ExplorerView>(explorerKey(p))?.range;
  if (range) await qc.prefetchQuery({ queryKey: usageOptionsKey(range), queryFn: async () => ({ options: await cachedView(db, access.workspace.id, 'usage-options', range, () => getUsageOptions(db, access.workspace.id, range)) }) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <div className="flex flex-col gap-5">
        <header className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
            <p className="mt-1 text-sm text-muted"><UsageHeadline /></p>
          </div>
          <nav aria-label="Usage views" className="flex gap-1 text-sm">
            <Link href="/usage" aria-current="page" className="rounded-md bg-accent-soft px-2 py-1 font-medium">Explorer</Link>
            <Link href="/usage/reconciliation" className="rounded-md px-2 py-1 text-muted hover:bg-panel-2">Reconciliation</Link>
          </nav>
          <div className="flex gap-2">
            {range && roleAtLeast(access.role, 'editor') && (
              <SaveReport source={{ kind: 'usage', params: new URLSearchParams(Object.entries(raw).filter(([k]) => k !== 'page')).toString() }} defaultTitle={`Usage by ${p.groupBy}, ${range.from} to ${range.to}`} />
            )}
            <UsageCsvLink />
          </div>
        </header>
        <UsageClient />
      </div>
    </HydrationBoundary>
  );
}
