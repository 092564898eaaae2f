'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { getJson, retryTransient } from '@/app/_components/api-client';
import { EmptyUsage, QueryError, Skeleton } from '@/app/_components/query-state';
import type { Reconciliation } from '@/db/queries/get-reconciliation';
import { reconciliationKey } from '@/lib/dashboard/keys';
import { formatCurrency } from '@/lib/format-currency';
import type { ReconciliationParams, ReconciliationReason } from '@/lib/usage/reconciliation';
import { parseReconciliationParams, REASON_LABELS } from '@/lib/usage/reconciliation';

type View = Omit<Reconciliation, 'all'>;
const n = (v: number) => v.toLocaleString('en-US');

export function useReconciliationQuery(p: ReconciliationParams) {
  return useQuery({
    queryKey: reconciliationKey(p),
    queryFn: ({ signal }) => getJson<View>(`/api/v1/usage/reconciliation?${new URLSearchParams(reconciliationKey(p)[1])}`, { signal }),
    placeholderData: keepPreviousData,
    retry: retryTransient,
  });
}

function signed(v: string): string {
  const s = formatCurrency(v);
  return v.startsWith('-') || Number(v) === 0 ? s : `+${s}`;
}
function pct(v: number | null): string {
  return v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
}
const TONE: Record<ReconciliationReason, string> = {
  matches: 'text-good', cost_only: 'text-muted', unmapped: 'text-bad', no_price: 'text-bad', backdated: 'text-warn', cached: 'text-warn', batch: 'text-warn', price_differs: 'text-bad',
};

function go(e: React.MouseEvent | React.FormEvent, href: string) {
  if ('metaKey' in e && (e.metaKey || e.ctrlKey || e.shiftKey)) return;
  e.preventDefault();
  window.history.pushState(null, '', href);
}

export function ReconciliationClient() {
  const search = useSearchParams();
  const state = Object.fromEntries([...search].filter(([, v]) => v !== ''));
  const p = parseReconciliationParams(state);
  const { data: r, error, isPending, isFetching, refetch } = useReconciliationQuery(p);
  const href = (patch: Record<string, string | number | undefined>) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...state, ...patch })) if (v !== undefined && v !== '' && !(k === 'only' && v === 'all') && !(k === 'page' && String(v) === '1')) qs.set(k, String(v));
    return qs.size ? `/usage/reconciliation?${qs}` : '/usage/reconciliation';
  };
  const csv = `/api/v1/usage/reconciliation?${new URLSearchParams({ ...Object.fromEntries(Object.entries(state).filter(([k]) => k !== 'page')), format: 'csv' })}`;
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    const f = new FormData(e.currentTarget);
    go(e, href({ from: String(f.get('from') ?? '') || undefined, to: String(f.get('to') ?? '') || undefined, only: String(f.get('only') ?? 'all'), page: undefined }));
  };
  return (
    <div className="flex flex-col gap-5">
      <form key={search.toString()} onSubmit={submit} method="get" action="/usage/reconciliation" aria-label="Reconciliation filters" className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-panel p-4 text-sm">
        <label className="flex flex-col gap-1">From<input type="date" name="from" defaultValue={p.from ?? r?.range?.from ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
        <label className="flex flex-col gap-1">To<input type="date" name="to" defaultValue={p.to ?? r?.range?.to ?? ''} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
        <label className="flex flex-col gap-1">Show
          <select name="only" defaultValue={p.only} className="rounded-md border border-border bg-panel-2 px-2 py-1">
            <option value="all">Every day and model</option><option value="diff">Only differences</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white">Apply</button>
        <a href={csv} download className="ml-auto rounded-md border border-border bg-panel px-3 py-1.5 hover:bg-panel-2">Download CSV</a>
        <span className="w-full text-xs text-muted" aria-live="polite">
          Rows whose export carried a cost (gateway logs, cost exports, LiteLLM, OpenRouter…). Difference = our computed cost − reported cost.{isFetching && !isPending ? ' Updating…' : ''}
        </span>
      </form>
      {error ? <QueryError title="Could not load the reconciliation." error={error} onRetry={(error as Error & { status?: number }).status === 400 ? undefined : () => refetch()} />
        : isPending || !r ? <Skeleton className="h-96" label="Loading reconciliation" />
        : !r.range || r.totals.groups === 0 ? (
          <EmptyUsage title={r.range ? `No reported cost between ${r.range.from} and ${r.range.to}.` : 'No export with a reported cost yet.'}>
            Reconciliation compares our computed cost with the cost an export reports itself. Upload a cost-carrying export (OpenAI or Anthropic cost exports, LiteLLM spend logs, OpenRouter, a gateway CSV with a cost column).
          </EmptyUsage>
        ) : (
          <div className="flex flex-col gap-5" aria-busy={isFetching}>
            <section aria-label="Totals" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
              <Total label="Computed" value={formatCurrency(r.totals.computed)} testId="recon-computed" />
              <Total label="Reported" value={formatCurrency(r.totals.reported)} testId="recon-reported" />
              <Total label="Difference" value={`${signed(r.totals.difference)} (${pct(r.totals.differencePct)})`} testId="recon-difference"
                tone={r.totals.matching === r.totals.groups ? 'text-good' : 'text-bad'} />
              <Total label="Days × models matching" value={`${n(r.totals.matching)} of ${n(r.totals.groups)}`} />
            </section>
            <section aria-labelledby="why-h" className="rounded-lg border border-border bg-panel p-4">
              <h2 id="why-h" className="mb-2 font-medium">Why they differ</h2>
              <ul className="grid gap-1 text-sm md:grid-cols-2">
                {r.reasons.map((x) => (
                  <li key={x.reason} className="flex justify-between gap-3"><span className={TONE[x.reason]}>{REASON_LABELS[x.reason]}</span>
                    <span className="tabular text-muted">{n(x.groups)} · {signed(x.difference)}</span></li>
                ))}
              </ul>
            </section>
            <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
              <table className="w-full text-sm">
                <caption className="sr-only">Computed against reported cost per day and model, {r.range.from} to {r.range.to}</caption>
                <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2">Day</th><th scope="col" className="px-3 py-2">Model</th><th scope="col" className="px-3 py-2">Provider</th>
                    <th scope="col" className="px-3 py-2 text-right">Tokens in / out</th><th scope="col" className="px-3 py-2 text-right">Computed</th>
                    <th scope="col" className="px-3 py-2 text-right">Reported</th><th scope="col" className="px-3 py-2 text-right">Difference</th>
                    <th scope="col" className="px-3 py-2 text-right">%</th><th scope="col" className="px-3 py-2">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((x) => (
                    <tr key={`${x.day}|${x.modelKey}|${x.provider}`} className="border-b border-border align-top last:border-0" data-testid="recon-row">
                      <td className="whitespace-nowrap px-3 py-1.5 tabular">{x.day}</td>
                      <th scope="row" className="px-3 py-1.5 text-left font-medium">{x.model}</th>
                      <td className="px-3 py-1.5 text-muted">{x.provider}</td>
                      <td className="px-3 py-1.5 text-right tabular">{n(x.input)} / {n(x.output)}{x.cached ? <span className="block text-xs text-muted">{n(x.cached)} cached</span> : null}</td>
                      <td className="px-3 py-1.5 text-right tabular">{x.computed === null ? '—' : formatCurrency(x.computed)}</td>
                      <td className="px-3 py-1.5 text-right tabular">{formatCurrency(x.reported)}</td>
                      <td className={`px-3 py-1.5 text-right tabular ${x.reasons.includes('matches') ? '' : 'font-medium text-bad'}`}>{signed(x.difference)}</td>
                      <td className="px-3 py-1.5 text-right tabular">{pct(x.differencePct)}</td>
                      <td className="px-3 py-1.5">{x.reasons.map((k) => <span key={k} className={`block ${TONE[k]}`}>{REASON_LABELS[k]}</span>)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {r.pages > 1 && (
              <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
                {r.page > 1 && <a className="underline" href={href({ page: r.page - 1 })} onClick={(e) => go(e, href({ page: r.page - 1 }))}>Previous</a>}
                <span className="text-muted">Page {r.page} of {r.pages}</span>
                {r.page < r.pages && <a className="underline" href={href({ page: r.page + 1 })} onClick={(e) => go(e, href({ page: r.page + 1 }))}>Next</a>}
              </nav>
            )}
          </div>
        )}
    </div>
  );
}

function Total({ label, value, testId, tone = '' }: { label: string; value: string; testId?: string; tone?: string }) {
  return (
    <div className="rounded-lg border border-border bg-panel p-4" data-testid={testId}>
      <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
      <p className={`mt-1 text-xl font-semibold tabular ${tone}`}>{value}</p>
    </div>
  );
}
