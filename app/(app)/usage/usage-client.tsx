'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { getJson, retryTransient } from '@/app/_components/api-client';
import { EmptyUsage, QueryError, Skeleton } from '@/app/_components/query-state';
import { explorerKey, usageOptionsKey } from '@/lib/dashboard/keys';
import { formatCurrency } from '@/lib/format-currency';
import type { ExplorerParams } from '@/lib/usage/explorer-params';
import { EXPLORER_GROUPS, EXPLORER_METRICS, explorerSearch, METRIC_LABELS, parseExplorerParams } from '@/lib/usage/explorer-params';
import type { ExplorerRowView, ExplorerView, UsageOptions } from '@/lib/usage/explorer-view';
import { MetricChart } from './metric-chart';

const n = (v: number) => v.toLocaleString('en-US');
const DIMS = [
  { dim: 'model', label: 'Model' }, { dim: 'provider', label: 'Provider' }, { dim: 'project', label: 'Project' }, { dim: 'key', label: 'API key' }, { dim: 'user', label: 'User' },
] as const;

/** The URL's parameters as strings, empty ones dropped (a GET form sends `from=` too). */
export function urlState(search: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...search].filter(([k, v]) => v !== '' && k !== 'workspace'));
}

export function useExplorerQuery(p: ExplorerParams) {
  return useQuery({
    queryKey: explorerKey(p),
    queryFn: ({ signal }) => getJson<ExplorerView>(`/api/v1/usage/explore?${new URLSearchParams(explorerKey(p)[1])}`, { signal }),
    placeholderData: keepPreviousData,
    retry: retryTransient,
  });
}

export function useUsageOptionsQuery(range: { from: string; to: string } | undefined) {
  return useQuery({
    queryKey: usageOptionsKey(range ?? { from: '', to: '' }),
    queryFn: ({ signal }) => getJson<UsageOptions>(`/api/v1/usage/options?${new URLSearchParams(range)}`, { signal }),
    enabled: !!range,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

function useExplorer() {
  const state = urlState(useSearchParams());
  const p = parseExplorerParams(state);
  return { state, p, q: useExplorerQuery(p) };
}

/** Changes the URL without a server round trip; useSearchParams (and so the query key) follows it. */
function navigate(e: React.MouseEvent | React.FormEvent, href: string) {
  if ('metaKey' in e && (e.metaKey || e.ctrlKey || e.shiftKey)) return;
  e.preventDefault();
  window.history.pushState(null, '', href);
}
const hrefOf = (state: Record<string, string>, patch: Record<string, string | number | undefined> = {}) => {
  const qs = explorerSearch({ ...state, ...patch });
  return qs ? `/usage?${qs}` : '/usage';
};

/** The header's summary line: range, groups, spend. */
export function UsageHeadline() {
  const { p, q } = useExplorer();
  if (!q.data) return <span className="inline-block h-4 w-64 animate-pulse rounded bg-panel-2 align-middle" aria-hidden="true" />;
  const r = q.data;
  return <>{r.range.from} – {r.range.to} · {n(r.total)} {p.groupBy === 'day' ? 'days' : `${p.groupBy}s`} · {r.totalSpend === null ? 'unpriced' : `${formatCurrency(r.totalSpend)} computed spend`}{r.unpricedRows ? ` · ${n(r.unpricedRows)} usage rows unpriced` : ''}{r.raw ? ' · from raw usage' : ''}</>;
}

export function UsageCsvLink() {
  const { state } = useExplorer();
  const { page: _p, ...rest } = state;
  return <a href={`/api/v1/usage/explore?${new URLSearchParams({ ...rest, format: 'csv' })}`} className="rounded-md border border-border bg-panel px-3 py-1.5 text-sm hover:bg-panel-2" download>Download CSV</a>;
}

export function UsageSkeleton() {
  return (
    <div className="flex flex-col gap-5">
      <Skeleton className="h-72" label="Loading chart" />
      <Skeleton className="h-64" label="Loading table" />
    </div>
  );
}

export function UsageClient() {
  const { state, p, q } = useExplorer();
  const { data: r, error, isPending, isFetching, refetch } = q;
  const options = useUsageOptionsQuery(r?.range).data?.options ?? [];
  const optionsOf = (dim: string) => options.filter((o) => o.dim === dim).map((o) => o.value);
  const base = Object.fromEntries(Object.entries(state).filter(([k]) => k !== 'page'));
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    const fields: Record<string, string> = {};
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === 'string' && v) fields[k] = v;
    // Dates typed by hand win over a preset.
    if (fields.from || fields.to) delete fields.preset;
    navigate(e, hrefOf(fields));
  };
  const searchKey = new URLSearchParams(state).toString();
  return (
    <div className="flex flex-col gap-5">
      <form key={searchKey} method="get" action="/usage" onSubmit={submit} className="grid grid-cols-2 gap-3 rounded-lg border border-border bg-panel p-4 text-sm md:grid-cols-4 lg:grid-cols-6" aria-label="Filters">
        <label className="flex flex-col gap-1">Range
          <select name="preset" aria-label="Range" defaultValue={p.from || p.to ? '' : p.preset ?? '30d'} className="rounded-md border border-border bg-panel-2 px-2 py-1">
            <option value="7d">Last 7 days</option><option value="30d">Last 30 days</option><option value="90d">Last 90 days</option><option value="mtd">Month to date</option><option value="all">All time</option><option value="">Custom (from/to)</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">From<input type="date" name="from" defaultValue={p.from ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
        <label className="flex flex-col gap-1">To<input type="date" name="to" defaultValue={p.to ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
        {DIMS.map(({ dim, label }) => (
          <label key={dim} className="flex flex-col gap-1">{label}
            <select name={dim} aria-label={label} defaultValue={p[dim][0] ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" >
              <option value="">All</option>
              {[...new Set([...optionsOf(dim), ...p[dim]])].map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </label>
        ))}
        <label className="flex flex-col gap-1">Group by
          <select name="groupBy" aria-label="Group by" defaultValue={p.groupBy} className="rounded-md border border-border bg-panel-2 px-2 py-1">{EXPLORER_GROUPS.map((g) => <option key={g} value={g}>{g}</option>)}</select>
        </label>
        <label className="flex flex-col gap-1">Metric
          <select name="metric" aria-label="Metric" defaultValue={p.metric} className="rounded-md border border-border bg-panel-2 px-2 py-1">{EXPLORER_METRICS.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}</select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white">Apply</button>
          <a href="/usage" onClick={(e) => navigate(e, '/usage')} className="px-2 py-1.5 text-muted underline">Reset</a>
        </div>
        <p className="col-span-full text-xs text-muted" aria-live="polite">{isFetching && !isPending ? 'Updating…' : ''}</p>
      </form>

      {error ? (
        <QueryError title={(error as Error & { status?: number }).status === 400 ? 'This view cannot be shown.' : 'Could not load usage.'} error={error}
          onRetry={(error as Error & { status?: number }).status === 400 ? undefined : () => refetch()} />
      ) : isPending || !r ? <UsageSkeleton /> : r.total === 0 ? (
        !r.hasUsage ? <EmptyUsage title="No usage in this workspace yet." /> : (
          <div className="rounded-lg border border-dashed border-border bg-panel p-8 text-center text-sm text-muted">
            No usage matches. <Link className="text-accent underline" href="/uploads">Upload an export</Link> or widen the range.
          </div>
        )
      ) : (
        <div className="flex flex-col gap-5" aria-busy={isFetching}>
          {p.groupBy !== 'day' && <MetricChart series={r.series} metric={METRIC_LABELS[p.metric]} by={p.groupBy} interval={r.interval} money={p.metric === 'spend' || p.metric === 'perMtok' || p.metric === 'perRequest'} />}
          <UsageTable rows={r.rows} p={p} base={base} />
          {r.pages > 1 && (
            <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
              {r.page > 1 && <a href={hrefOf(base, { page: r.page - 1 })} onClick={(e) => navigate(e, hrefOf(base, { page: r.page - 1 }))} className="underline">Previous</a>}
              <span className="text-muted">Page {r.page} of {r.pages}</span>
              {r.page < r.pages && <a href={hrefOf(base, { page: r.page + 1 })} onClick={(e) => navigate(e, hrefOf(base, { page: r.page + 1 }))} className="underline">Next</a>}
            </nav>
          )}
        </div>
      )}
    </div>
  );
}

function UsageTable({ rows, p, base }: { rows: ExplorerRowView[]; p: ExplorerParams; base: Record<string, string> }) {
  // Sub-dollar amounts keep 4 significant digits ($0.001, not $0.00); a dollar and up shows cents.
  const money = (v: string | null) => (v === null ? '—' : formatCurrency(v));
  const cell = (row: ExplorerRowView) => ({
    spend: money(row.spend), requests: n(row.requests), input: n(row.input), output: n(row.output), cached: n(row.cached),
    perMtok: row.perMtok ? formatCurrency(row.perMtok) : '—', perRequest: row.perRequest ? formatCurrency(row.perRequest) : '—',
  });
  const sortLink = (patch: Record<string, string>, text: string) => {
    const h = hrefOf(base, patch);
    return <a href={h} onClick={(e) => navigate(e, h)}>{text}</a>;
  };
  return (
    <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
      <table className="w-full text-sm">
        <caption className="sr-only">Usage by {p.groupBy}</caption>
        <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-3 py-2" aria-sort={p.sort === 'name' ? (p.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              {sortLink({ sort: 'name', dir: p.sort === 'name' && p.dir === 'asc' ? 'desc' : 'asc' }, p.groupBy)}
            </th>
            {EXPLORER_METRICS.map((m) => (
              <th key={m} scope="col" className="px-3 py-2 text-right" aria-sort={p.sort === 'value' && p.metric === m ? (p.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                {sortLink({ metric: m, sort: 'value', dir: p.metric === m && p.sort === 'value' && p.dir === 'desc' ? 'asc' : 'desc' },
                  `${METRIC_LABELS[m]}${p.sort === 'value' && p.metric === m ? (p.dir === 'asc' ? ' ▲' : ' ▼') : ''}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const c = cell(row);
            return (
              <tr key={row.key} className="border-b border-border last:border-0" data-testid="usage-row">
                <th scope="row" className="px-3 py-1.5 text-left font-medium">{row.label}</th>
                {EXPLORER_METRICS.map((m) => <td key={m} className="px-3 py-1.5 text-right tabular">{c[m]}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
