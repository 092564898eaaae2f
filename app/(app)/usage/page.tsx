import Link from 'next/link';
import { getDb } from '@/db';
import { getUsageExplorer } from '@/db/queries/get-usage-explorer';
import { requirePageAccess } from '@/lib/auth/page';
import { formatCurrency } from '@/lib/money';
import type { ExplorerParams } from '@/lib/usage/explorer-params';
import { EXPLORER_GROUPS, EXPLORER_METRICS, explorerParamsSchema, METRIC_LABELS } from '@/lib/usage/explorer-params';
import { SaveReport } from '@/app/_components/save-report';
import { MetricChart } from './metric-chart';

export const metadata = { title: 'Usage' };
export const dynamic = 'force-dynamic';

const n = (v: number) => v.toLocaleString('en-US');

/** Every setting of the view is a URL parameter: a link reproduces it. */
function href(base: Record<string, string | undefined>, patch: Record<string, string | number | undefined>) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...patch })) if (v !== undefined && v !== '') qs.set(k, String(v));
  return `/usage?${qs}`;
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePageAccess();
  // A GET form sends empty fields too (from=&to=): they mean "not set".
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(await searchParams)) {
    const s = Array.isArray(v) ? v.join(',') : v;
    if (s) raw[k] = s;
  }
  const parsed = explorerParamsSchema.safeParse(raw);
  const p: ExplorerParams = parsed.success ? parsed.data : explorerParamsSchema.parse({});
  const r = await getUsageExplorer(await getDb(), access.workspace.id, p);
  const base: Record<string, string | undefined> = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'page').map(([k, v]) => [k, v ?? undefined]));
  const optionsOf = (dim: string) => r.options.filter((o) => o.dim === dim).map((o) => o.value);
  const csvHref = `/api/v1/usage/explore?${new URLSearchParams({ ...Object.fromEntries(Object.entries(base).filter(([, v]) => v) as [string, string][]), format: 'csv' })}`;
  const money = (v: string | null) => (v === null ? '—' : formatCurrency(v, { exact: true }));
  const cell = (row: (typeof r.rows)[number]) => ({
    spend: money(row.spend), requests: n(row.requests), input: n(row.input), output: n(row.output), cached: n(row.cached),
    perMtok: row.perMtok ? formatCurrency(row.perMtok) : '—', perRequest: row.perRequest ? formatCurrency(row.perRequest) : '—',
  });
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
          <p className="mt-1 text-sm text-muted">{r.range.from} – {r.range.to} · {n(r.total)} {p.groupBy === 'day' ? 'days' : `${p.groupBy}s`} · {formatCurrency(r.totalSpend, { exact: true })} computed spend</p>
        </div>
        <div className="flex gap-2"><SaveReport source={{ kind: 'usage', params: new URLSearchParams(base as Record<string, string>).toString() }} defaultTitle={`Usage by ${p.groupBy}, ${r.range.from} to ${r.range.to}`} />
        <a href={csvHref} className="rounded-md border border-border bg-panel px-3 py-1.5 text-sm hover:bg-panel-2" download>Download CSV</a></div>
      </header>

      <form method="get" action="/usage" className="grid grid-cols-2 gap-3 rounded-lg border border-border bg-panel p-4 text-sm md:grid-cols-4 lg:grid-cols-6" aria-label="Filters">
        <label className="flex flex-col gap-1">Range
          <select name="preset" aria-label="Range" defaultValue={p.from || p.to ? '' : p.preset ?? '30d'} className="rounded-md border border-border bg-panel-2 px-2 py-1">
            <option value="7d">Last 7 days</option><option value="30d">Last 30 days</option><option value="90d">Last 90 days</option><option value="mtd">Month to date</option><option value="all">All time</option><option value="">Custom (from/to)</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">From<input type="date" name="from" defaultValue={p.from ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
        <label className="flex flex-col gap-1">To<input type="date" name="to" defaultValue={p.to ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
        {(['model', 'provider', 'project', 'key'] as const).map((dim) => (
          <label key={dim} className="flex flex-col gap-1">{dim === 'key' ? 'API key' : dim[0]!.toUpperCase() + dim.slice(1)}
            <select name={dim} aria-label={dim === 'key' ? 'API key' : dim[0]!.toUpperCase() + dim.slice(1)} defaultValue={p[dim][0] ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1">
              <option value="">All</option>
              {optionsOf(dim).map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </label>
        ))}
        <label className="flex flex-col gap-1">Group by
          <select name="groupBy" aria-label="Group by" defaultValue={p.groupBy} className="rounded-md border border-border bg-panel-2 px-2 py-1">{EXPLORER_GROUPS.map((g) => <option key={g} value={g}>{g}</option>)}</select>
        </label>
        <label className="flex flex-col gap-1">Metric
          <select name="metric" aria-label="Metric" defaultValue={p.metric} className="rounded-md border border-border bg-panel-2 px-2 py-1">{EXPLORER_METRICS.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}</select>
        </label>
        <div className="flex items-end gap-2"><button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white">Apply</button><Link href="/usage" className="px-2 py-1.5 text-muted underline">Reset</Link></div>
      </form>

      {r.total === 0 ? (
        <div className="rounded-lg border border-dashed border-border bg-panel p-8 text-center text-sm text-muted">
          No usage matches. <Link className="text-accent underline" href="/uploads">Upload an export</Link> or widen the range.
        </div>
      ) : (
        <>
          {p.groupBy !== 'day' && <MetricChart series={r.series} metric={METRIC_LABELS[p.metric]} money={p.metric === 'spend' || p.metric === 'perMtok' || p.metric === 'perRequest'} />}
          <div className="overflow-x-auto rounded-lg border border-border bg-panel">
            <table className="w-full text-sm">
              <caption className="sr-only">Usage by {p.groupBy}</caption>
              <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2" aria-sort={p.sort === 'name' ? (p.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <Link href={href(base, { sort: 'name', dir: p.sort === 'name' && p.dir === 'asc' ? 'desc' : 'asc' })}>{p.groupBy}</Link>
                  </th>
                  {EXPLORER_METRICS.map((m) => (
                    <th key={m} scope="col" className="px-3 py-2 text-right" aria-sort={p.sort === 'value' && p.metric === m ? (p.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                      <Link href={href(base, { metric: m, sort: 'value', dir: p.metric === m && p.sort === 'value' && p.dir === 'desc' ? 'asc' : 'desc' })}>
                        {METRIC_LABELS[m]}{p.sort === 'value' && p.metric === m ? (p.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row) => {
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
          {r.pages > 1 && (
            <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
              {r.page > 1 && <Link href={href(base, { page: r.page - 1 })} className="underline">Previous</Link>}
              <span className="text-muted">Page {r.page} of {r.pages}</span>
              {r.page < r.pages && <Link href={href(base, { page: r.page + 1 })} className="underline">Next</Link>}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
