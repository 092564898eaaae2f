'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EloPriceView } from '@/lib/models/elo-price-types';
import type { EloPriceParams } from '@/lib/models/elo-price-params';
import { eloPriceKey } from '@/lib/models/keys';

export function useEloPriceQuery(params: EloPriceParams) {
  return useQuery({
    queryKey: eloPriceKey(params),
    queryFn: async ({ signal }) => {
      const qs = new URLSearchParams(eloPriceKey(params)[1] as Record<string, string>);
      const res = await fetch(`/api/v1/models/elo-price?${qs}`, { signal });
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `request failed (${res.status})`);
      return body as EloPriceView;
    },
    placeholderData: keepPreviousData,
  });
}
