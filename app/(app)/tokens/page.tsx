import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { z } from 'zod';
import { getQueryClient } from '@/app/_components/query-client';
import { getDb } from '@/db';
import { listTokenProfiles } from '@/db/queries/token-profiles';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { DEFAULT_FROM, DEFAULT_TO, DEFAULT_TOKENIZERS, isTokenizerId, TOKENIZER_IDS } from '@/lib/tokens/ids';
import { profilesKey } from './keys';
import { TokensClient } from './tokens-client';

export const metadata = { title: 'Tokens' };
export const dynamic = 'force-dynamic';

const params = z.object({
  from: z.enum(TOKENIZER_IDS).catch(DEFAULT_FROM),
  to: z.enum(TOKENIZER_IDS).catch(DEFAULT_TO),
  tok: z.string().optional().catch(undefined),
});

export default async function TokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePageAccess();
  const p = params.parse(await searchParams);
  const tokenizers = p.tok !== undefined ? p.tok.split(',').filter(isTokenizerId) : DEFAULT_TOKENIZERS;
  const to = p.to === p.from ? (p.from === DEFAULT_TO ? DEFAULT_FROM : DEFAULT_TO) : p.to;
  const qc = getQueryClient();
  await qc.prefetchQuery({
    queryKey: profilesKey(access.workspace.slug),
    queryFn: async () => ({ profiles: await listTokenProfiles(await getDb(), access.workspace.id) }),
  });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <TokensClient workspace={access.workspace.slug} canEdit={roleAtLeast(access.role, 'editor')} initial={{ from: p.from, to, tokenizers }} />
    </HydrationBoundary>
  );
}
