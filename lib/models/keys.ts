import type { EloPriceParams } from './elo-price-params';

/** One key per metric, shared by the server prefetch and the client hook (so hydration hits). */
export function eloPriceKey(params: EloPriceParams) {
  const { sort: _s, dir: _d, frontier: _f, ...data } = params;
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== ''));
  return ['models:elo-price', clean] as const;
}
