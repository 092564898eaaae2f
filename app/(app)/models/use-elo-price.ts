'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EloPriceView } from '@/lib/models/elo-price-types';
import type { EloPriceParams } from '@/lib/models/elo-price-params';
import { eloPriceKey } from '@/lib/models/keys';
import { getJson } from '@/app/_components/api-client';

export function useEloPriceQuery(params: EloPriceParams) {
  return useQuery({
    queryKey: eloPriceKey(params),
    queryFn: async ({ signal }) => {
      const qs = new URLSearchParams(eloPriceKey(params)[1] as Record<string, string>);
      return getJson<EloPriceView>(`/api/v1/models/elo-price?${qs}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}
