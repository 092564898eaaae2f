'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { getJson } from '@/app/_components/api-client';
import { EmptyUsage, QueryError, Skeleton } from '@/app/_components/query-state';
import type { Overview } from '@/db/queries/get-overview';
import type { OverviewBy } from '@/lib/dashboard/keys';
import { OVERVIEW_GROUP_VALUES, overviewKey, parseOverviewBy } from '@/lib/dashboard/keys';
import { formatCurrency } from '@/lib/format-currency';
import { SpendChart } from './spend-chart';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

function pct(now: string | null, before: string | null): string | null {
  if (now === null || before === null) return null;
  const a = Number(now);
  const b = Number(before);
  if (!b) return null;
  const p = ((a - b) / b) * 100;
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`;
}

export function useOverviewQuery(by: OverviewBy) {
  return useQuery({
    queryKey: overviewKey(by),
    queryFn: ({ signal }) => getJson<Overview>(`/api/v1/overview?by=${by}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** KPI grid: one column on a phone, two from 480 px, four once each card has room for a five-figure amount. */
const KPI_GRID = 'grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 xl:grid-cols-4';

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: React.ReactNode; testId?: string }) {
  // min-w-0 and break-words: a long model name or amount wraps inside the card, never over its neighbour.
  return (
    <div className="min-w-0 rounded-lg border border-border bg-panel p-4" data-testid={testId}>
      <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold break-words tabular">{value}</p>
      {sub && <p className="mt-1 text-xs text-muted">{sub}</p>}
    </div>
  );
}

export function OverviewSkeleton() {
  return (
    <div className="flex flex-col gap-6">
      <div className={KPI_GRID}>{[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-24" label="Loading cards" />)}</div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2"><Skeleton className="h-24" /><Skeleton className="h-24" /></div>
      <Skeleton className="h-96" label="Loading chart" />
    </div>
  );
}

/** The Overview's body: cards, the stacked daily spend (grouping in the URL as `?by=`) and top movers. */
export function OverviewClient() {
  const pathname = usePathname();
  const by = parseOverviewBy(useSearchParams().get('by'));
  const { data: o, error, isPending, isFetching, refetch } = useOverviewQuery(by);
  if (error && !o) return <QueryError title="Could not load the overview." error={error} onRetry={() => refetch()} />;
  if (isPending || !o) return <OverviewSkeleton />;
  if (!o.asOf) return <EmptyUsage title="No usage in this workspace yet." />;
  const vsSame = pct(o.month.spend, o.lastMonthSameDays);
  // Unpriced is never $0: it reads "unpriced", and a partial sum says how many usage rows it leaves out.
  const usd = (v: string | null) => (v === null ? 'unpriced' : formatCurrency(v, { exact: true }));
  const unpriced = o.month.unpricedRows ? ` · ${o.month.unpricedRows.toLocaleString('en-US')} usage rows unpriced` : '';
  // The native history API changes the URL without a server round trip; useSearchParams picks it up.
  const go = (e: React.MouseEvent, g: OverviewBy) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    window.history.pushState(null, '', g === 'model' ? pathname : `${pathname}?by=${g}`);
  };
  return (
    <div className="flex flex-col gap-6">
      <section aria-label="This month" className={KPI_GRID}>
        <Card testId="card-spend" label="Spend this month" value={usd(o.month.spend)}
          sub={<>{vsSame ? `${vsSame} vs the same days last month` : o.lastMonthSameDays === null ? 'the same days last month are unpriced' : 'no usage the same days last month'} · last month {usd(o.lastMonth)}{unpriced}</>} />
        <Card testId="card-forecast" label="Forecast to month end" value={o.forecast ? formatCurrency(o.forecast.spend, { exact: true }) : '—'}
          sub={!o.forecast ? (o.month.spend === null ? 'the month’s usage is unpriced' : 'needs 3 days of usage') : o.forecast.daysLeft === 0 ? 'the month is complete: no days left to forecast'
            : `range ${formatCurrency(o.forecast.low, { exact: true })} – ${formatCurrency(o.forecast.high, { exact: true })}, from the last 14 days' trend`} />
        <Card label="Tokens" value={`${compact.format(o.month.inputTokens)} in`} sub={`${compact.format(o.month.outputTokens)} out · ${o.month.requests.toLocaleString('en-US')} requests`} />
        <Card label="Cost per 1k requests" value={o.month.costPer1kRequests ? formatCurrency(o.month.costPer1kRequests) : '—'}
          sub={o.openWeightsShare === null ? undefined : `${(o.openWeightsShare * 100).toFixed(1)}% of spend on open-weights models`} />
      </section>
      <section aria-label="Top" className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card label="Top model" value={o.topModel?.name ?? '—'} sub={o.topModel ? `${usd(o.topModel.spend)} this month` : undefined} />
        <Card label="Top project" value={o.topProject?.name ?? '—'} sub={o.topProject ? `${usd(o.topProject.spend)} this month` : undefined} />
      </section>
      <section aria-labelledby="spend-h" className="rounded-lg border border-border bg-panel p-4" aria-busy={isFetching}>
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="spend-h" className="font-medium">Daily spend, last 90 days</h2>
          <nav aria-label="Group by" className="flex flex-wrap items-center gap-1 text-sm">
            <span className="mr-2 text-xs text-muted" aria-live="polite">{isFetching ? 'Updating…' : ''}</span>
            {OVERVIEW_GROUP_VALUES.map((g) => (
              <a key={g} href={g === 'model' ? pathname : `${pathname}?by=${g}`} onClick={(e) => go(e, g)} aria-current={g === by ? 'true' : undefined}
                className={`whitespace-nowrap rounded-md px-2 py-1 ${g === by ? 'bg-accent-soft font-medium' : 'text-muted hover:bg-panel-2'}`}>by {g}</a>
            ))}
          </nav>
        </div>
        {error && <QueryError title="Could not refresh the chart." error={error} onRetry={() => refetch()} />}
        <SpendChart series={o.series} by={by} ids={o.seriesIds} />
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-muted">Show the chart as a table</summary>
          <SeriesTable series={o.series} />
        </details>
      </section>
      <section aria-labelledby="movers-h">
        <h2 id="movers-h" className="mb-2 font-medium">Top movers <span className="text-sm font-normal text-muted">(last 7 days against the 7 before)</span></h2>
        {o.movers.length === 0 ? <p className="text-sm text-muted">No model&apos;s spend grew.</p> : (
          <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm">
            <caption className="sr-only">Models whose spend grew most</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted"><tr><th scope="col" className="px-3 py-2">Model</th><th scope="col" className="px-3 py-2 text-right">Previous 7 days</th><th scope="col" className="px-3 py-2 text-right">Last 7 days</th><th scope="col" className="px-3 py-2 text-right">Change</th></tr></thead>
            <tbody>
              {o.movers.map((m) => (
                <tr key={m.key} className="border-b border-border last:border-0"><th scope="row" className="px-3 py-1.5 text-left font-medium">{m.key}</th>
                  <td className="px-3 py-1.5 text-right tabular">{usd(m.before)}</td><td className="px-3 py-1.5 text-right tabular">{usd(m.after)}</td>
                  <td className="px-3 py-1.5 text-right font-medium text-bad tabular">+{formatCurrency(m.change, { exact: true })}</td></tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** The accessible fallback of the stacked chart: spend per series over the chart's range. */
function SeriesTable({ series }: { series: { key: string; spend: number | null }[] }) {
  // A series none of whose days is priced stays null: it reads "unpriced", not $0.00.
  const totals = new Map<string, number | null>();
  for (const s of series) { const t = totals.get(s.key) ?? null; totals.set(s.key, s.spend === null ? t : (t ?? 0) + s.spend); }
  return (
    <table className="mt-2 w-full max-w-md text-sm">
      <caption className="sr-only">Spend per series over the last 90 days</caption>
      <tbody>{[...totals.entries()].sort((a, b) => (b[1] ?? -1) - (a[1] ?? -1)).map(([k, v]) => (
        <tr key={k} className="border-b border-border last:border-0"><th scope="row" className="py-1 text-left font-normal">{k}</th><td className="py-1 text-right tabular">{v === null ? 'unpriced' : formatCurrency(v.toFixed(2), { exact: true })}</td></tr>
      ))}</tbody>
    </table>
  );
}
