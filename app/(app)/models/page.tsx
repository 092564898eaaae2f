import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import { requirePageAccess } from '@/lib/auth/page';
import { getEloPriceView } from '@/db/queries/get-elo-price';
import { eloPriceParamsSchema, firstValues } from '@/lib/models/elo-price-params';
import { eloPriceKey } from '@/lib/models/keys';
import { ModelsClient } from './models-client';
import { cachedView } from '@/lib/cache/view-cache';

export const metadata = { title: 'Models' };
export const dynamic = 'force-dynamic';

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePageAccess();
  const raw = firstValues(await searchParams);
  const parsed = eloPriceParamsSchema.safeParse(raw);
  const params = parsed.success ? parsed.data : {};
  const qc = getQueryClient();
  await qc.prefetchQuery({ queryKey: eloPriceKey(params), queryFn: async () => { const db = await getDb(); return cachedView(db, access.workspace.id, 'elo-price', params, () => getEloPriceView(db, params, access.workspace.id)); } });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <ModelsClient />
    </HydrationBoundary>
  );
}
