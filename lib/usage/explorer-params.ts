import { z } from 'zod';
import { isoDay } from '@/lib/api/params';

/** The Usage explorer's state, as it lives in the URL (shared by the page, the API and the CSV export). */
export const EXPLORER_GROUPS = ['model', 'provider', 'project', 'key', 'user', 'day'] as const;
export const EXPLORER_METRICS = ['spend', 'requests', 'input', 'output', 'cached', 'perMtok', 'perRequest'] as const;
export type ExplorerGroup = (typeof EXPLORER_GROUPS)[number];
export type ExplorerMetric = (typeof EXPLORER_METRICS)[number];

export const METRIC_LABELS: Record<ExplorerMetric, string> = {
  spend: 'Spend (USD)', requests: 'Requests', input: 'Input tokens', output: 'Output tokens', cached: 'Cached input tokens',
  perMtok: 'USD per 1M tokens', perRequest: 'USD per request',
};

const day = isoDay('expected YYYY-MM-DD');
const list = z.string().max(2000).optional().transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 50) : []));

export const explorerParamsSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  preset: z.enum(['7d', '30d', '90d', 'mtd', 'all']).optional(),
  model: list,
  provider: list,
  project: list,
  key: list,
  user: list,
  groupBy: z.enum(EXPLORER_GROUPS).default('model'),
  metric: z.enum(EXPLORER_METRICS).default('spend'),
  sort: z.enum(['value', 'name']).default('value'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ExplorerParams = z.infer<typeof explorerParamsSchema>;

/** The earliest date usage may have (lib/ingest/values.ts refuses anything before it). */
const EARLIEST_DAY = '2020-01-01';

/**
 * The date range a preset means, ending on `anchor` (the latest day with usage, or today). All time starts on `first`,
 * the workspace's first day with usage (what a person expects to read in the header), else at the earliest date
 * usage may have.
 */
export function resolveRange(p: ExplorerParams, anchor: string, first?: string | null): { from: string; to: string } {
  if (p.from || p.to) {
    const to = p.to ?? anchor;
    return { from: p.from ?? (first && first <= to ? first : EARLIEST_DAY), to };
  }
  const a = new Date(`${anchor}T00:00:00Z`);
  const back = (days: number) => new Date(a.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  switch (p.preset ?? '30d') {
    case '7d': return { from: back(7), to: anchor };
    case '90d': return { from: back(90), to: anchor };
    case 'mtd': return { from: `${anchor.slice(0, 8)}01`, to: anchor };
    case 'all': return { from: first && first <= anchor ? first : EARLIEST_DAY, to: anchor };
    default: return { from: back(30), to: anchor };
  }
}

/** Charts show days up to this many, months beyond (a year of days by 500 keys is more than a chart can say). */
export const DAILY_CHART_MAX_DAYS = 92;
export type ChartInterval = 'day' | 'month';
export const chartInterval = (range: { from: string; to: string }): ChartInterval => (rangeDays(range) > DAILY_CHART_MAX_DAYS ? 'month' : 'day');

export function rangeDays(range: { from: string; to: string }): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The URL's query string for a view: defaults left out so links stay short and equal views share one URL. */
export function explorerSearch(p: Partial<Record<string, string | number | string[] | undefined>>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    const s = Array.isArray(v) ? v.join(',') : v === undefined ? '' : String(v);
    if (s && !(k in DEFAULTS && DEFAULTS[k] === s)) qs.set(k, s);
  }
  return qs.toString();
}
const DEFAULTS: Record<string, string> = { groupBy: 'model', metric: 'spend', sort: 'value', dir: 'desc', page: '1' };

/** Lenient parse for pages: a bad URL shows the default view rather than an error (the API answers 400 instead). */
export function parseExplorerParams(state: Record<string, string>): ExplorerParams {
  const parsed = explorerParamsSchema.safeParse(state);
  return parsed.success ? parsed.data : explorerParamsSchema.parse({});
}
