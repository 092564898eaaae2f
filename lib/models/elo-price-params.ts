import { z } from 'zod';
import { isCalendarDay, isoDay, isUuid } from '@/lib/api/params';

/**
 * The Models view's state, as it lives in the URL: `?elo=2024-06-19&prices=2024-06-17&mix=3:1&p=model:provider,…&frontier=0`.
 * Shared by the page (server), the route handler and the client, so a link reproduces the view.
 */
const isoDate = isoDay('expected YYYY-MM-DD');

export const eloPriceParamsSchema = z.object({
  /** A snapshot's date (Arena) or id (a workspace's own). */
  elo: z.string().refine((s) => isCalendarDay(s) || isUuid(s), 'expected YYYY-MM-DD or a snapshot id').optional(),
  prices: isoDate.optional(),
  mix: z.string().regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/, 'expected input:output, e.g. 3:1').optional(),
  p: z.string().max(4000).optional(),
  frontier: z.enum(['0', '1']).optional(),
  /** "Your usage": bubble size = the workspace's spend per model over `period`, blended at its own input:output mix. */
  usage: z.enum(['0', '1']).optional(),
  period: z.enum(['30d', '90d', '365d']).optional(),
  /** Table sort: display only, not part of the data query. */
  sort: z.string().max(20).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
});

export type EloPriceParams = z.infer<typeof eloPriceParamsSchema>;

/** `a:groq,b:together_ai` → { a: 'groq', b: 'together_ai' }. */
export function parseProviderChoice(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const i = pair.lastIndexOf(':');
    if (i > 0) out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

export function formatProviderChoice(choice: Record<string, string>): string | undefined {
  const s = Object.entries(choice).map(([m, p]) => `${m}:${p}`).join(',');
  return s || undefined;
}

/** First value of each search param, as Next hands them to a page. */
export function firstValues(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
