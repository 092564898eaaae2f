'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { EloPriceParams } from '@/lib/models/elo-price-params';
import { eloPriceParamsSchema, formatProviderChoice, parseProviderChoice } from '@/lib/models/elo-price-params';
import { EloPriceChart } from './elo-price-chart';
import { EloPriceTable } from './elo-price-table';
import { useEloPriceQuery } from './use-elo-price';
import { seriesColors } from '@/lib/models/colors';
import type { YourUsage } from '@/lib/models/elo-price-types';
import { formatCurrency } from '@/lib/format-currency';

const MIX_PRESETS = [
  { value: '1:1', label: '1:1 (even)' },
  { value: '3:1', label: '3:1 (default)' },
  { value: '10:1', label: '10:1 (RAG, long prompts)' },
  { value: '1:3', label: '1:3 (generation-heavy)' },
];

function parseParams(qs: string): EloPriceParams {
  const parsed = eloPriceParamsSchema.safeParse(Object.fromEntries(new URLSearchParams(qs)));
  return parsed.success ? parsed.data : {};
}

export function ModelsClient() {
  const pathname = usePathname();
  const search = useSearchParams();
  // The view's state lives here and is mirrored into the URL, so a link reproduces it; links and back/forward
  // that change the URL flow back in through useSearchParams.
  const searchString = search.toString();
  const [params, setParamsState] = useState<EloPriceParams>(() => parseParams(searchString));
  useEffect(() => setParamsState(parseParams(searchString)), [searchString]);
  const { data, error, isPending, isFetching, refetch } = useEloPriceQuery(params);

  const setParams = useCallback(
    (patch: Partial<Record<keyof EloPriceParams, string | undefined>>) => {
      setParamsState((prev) => {
        const merged: Record<string, string | undefined> = { ...prev, ...patch };
        const next = new URLSearchParams();
        for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') next.set(k, v);
        const qs = next.toString();
        // The native history API updates the URL without a server round trip: data comes from the API.
        window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
        return parseParams(qs);
      });
    },
    [pathname],
  );

  const showFrontier = params.frontier !== '0';
  const mix = data ? `${data.mix.input}:${data.mix.output}` : params.mix ?? '3:1';
  const mixOptions = MIX_PRESETS.some((m) => m.value === mix) ? MIX_PRESETS : [...MIX_PRESETS, { value: mix, label: mix }];

  const setProvider = (modelId: string, providerId: string) => {
    const choice = parseProviderChoice(params.p);
    const cheapest = data?.points.find((p) => p.modelId === modelId)?.providers[0]?.providerId;
    if (providerId === cheapest) delete choice[modelId];
    else choice[modelId] = providerId;
    setParams({ p: formatProviderChoice(choice) });
  };

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
          <p className="mt-1 max-w-3xl text-sm text-muted">
            Chatbot Arena Elo against blended USD per 1M tokens at your input:output mix. Models on the Pareto frontier are
            not beaten on both price and quality by any other. Elo compares only within one snapshot.
          </p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm" role="group" aria-label="Presets">
          <Link className="rounded-md border border-border bg-panel px-3 py-1.5 hover:bg-panel-2" href="/models?elo=2024-06-19&prices=2024-06-17" scroll={false}>
            Mid-2024: Llama 3 launch
          </Link>
          <Link className="rounded-md border border-border bg-panel px-3 py-1.5 hover:bg-panel-2" href="/models" scroll={false}>
            Latest
          </Link>
        </div>
      </header>

      <section aria-label="Controls" className="flex flex-wrap items-end gap-4 rounded-lg border border-border bg-panel p-4 text-sm">
        <label className="flex max-w-full flex-col gap-1">
          <span className="text-muted">Elo snapshot</span>
          <select
            className="max-w-full rounded-md border border-border bg-panel-2 px-2 py-1.5"
            value={data?.snapshot ? (data.snapshot.own ? data.snapshot.id : data.snapshot.asOf) : params.elo ?? ''}
            onChange={(e) => setParams({ elo: e.target.value })}
          >
            {data?.options.snapshots.map((s) => (
              <option key={s.id} value={s.own ? s.id : s.asOf}>{s.own ? 'Yours: ' : ''}{s.name} · {s.models} models</option>
            ))}
          </select>
        </label>
        <label className="flex max-w-full flex-col gap-1">
          <span className="text-muted">Prices in force on</span>
          <select
            className="max-w-full rounded-md border border-border bg-panel-2 px-2 py-1.5"
            value={data?.priceDate ?? params.prices ?? ''}
            onChange={(e) => setParams({ prices: e.target.value })}
          >
            {data?.options.priceDates.map((p) => (
              <option key={p.effectiveFrom} value={p.effectiveFrom}>{p.effectiveFrom} · {p.name}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">Input:output token mix</span>
          <select className="rounded-md border border-border bg-panel-2 px-2 py-1.5" value={mix} onChange={(e) => setParams({ mix: e.target.value === '3:1' ? undefined : e.target.value })}>
            {mixOptions.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2 pb-1.5">
          <input type="checkbox" checked={showFrontier} onChange={(e) => setParams({ frontier: e.target.checked ? undefined : '0' })} />
          Show Pareto frontier
        </label>
        <label className="flex items-center gap-2 pb-1.5">
          <input type="checkbox" checked={params.usage === '1'} onChange={(e) => setParams({ usage: e.target.checked ? '1' : undefined, period: undefined })} />
          Your usage
        </label>
        {params.usage === '1' && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Spend over</span>
            <select className="rounded-md border border-border bg-panel-2 px-2 py-1.5" value={params.period ?? '90d'} onChange={(e) => setParams({ period: e.target.value === '90d' ? undefined : e.target.value })}>
              <option value="30d">Last 30 days</option><option value="90d">Last 90 days</option><option value="365d">Last 365 days</option>
            </select>
          </label>
        )}
        {params.p && (
          <button type="button" className="pb-1.5 text-accent underline" onClick={() => setParams({ p: undefined })}>
            Reset providers to cheapest
          </button>
        )}
        <span className="ml-auto pb-1.5 text-xs text-muted" aria-live="polite">{isFetching && !isPending ? 'Updating…' : ''}</span>
      </section>

      {error ? (
        <div role="alert" className="rounded-lg border border-bad/40 bg-panel p-4 text-sm">
          <p className="font-medium text-bad">Could not load the models.</p>
          <p className="mt-1 text-muted">{error.message}</p>
          <button type="button" className="mt-3 rounded-md border border-border px-3 py-1" onClick={() => refetch()}>Retry</button>
        </div>
      ) : isPending || !data ? (
        <div className="h-[480px] animate-pulse rounded-lg border border-border bg-panel" aria-busy="true" aria-label="Loading chart" />
      ) : data.points.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border bg-panel p-8 text-center text-sm text-muted">
          No model has both an Elo in this snapshot and a price in force on {data.priceDate}. Pick another price date.
        </div>
      ) : (
        <>
          {params.usage === '1' && <YourUsagePanel usage={data.usage ?? null} mixChosen={!!params.mix} />}
          <EloPriceChart points={data.points} showFrontier={showFrontier} mix={data.mix} snapshotName={data.snapshot?.name ?? ''} usage={params.usage === '1' ? data.usage : null} />
          <EloPriceTable
            points={data.points} onProvider={setProvider} sort={params.sort} dir={params.dir}
            onSort={(sort, dir) => setParams({ sort, dir })}
          />
          {data.unpriced.length > 0 && (
            <details className="rounded-lg border border-border bg-panel p-4 text-sm">
              <summary className="cursor-pointer text-muted">
                {data.unpriced.length} catalog {data.unpriced.length === 1 ? 'model' : 'models'} in this snapshot {data.unpriced.length === 1 ? 'has' : 'have'} no price in force on {data.priceDate}
              </summary>
              <p className="mt-2">{data.unpriced.map((u) => `${u.name} (${Math.round(u.elo)})`).join(' · ')}</p>
            </details>
          )}
        </>
      )}
    </div>
  );
}

/** What "your usage" means here: the period, the spend, the mix the prices are blended at, and your models. */
function YourUsagePanel({ usage, mixChosen }: { usage: YourUsage | null; mixChosen: boolean }) {
  if (!usage) {
    return (
      <div className="rounded-lg border border-dashed border-border bg-panel p-4 text-sm">
        No usage in this workspace yet: <Link className="text-accent underline" href="/uploads">upload an export</Link> to see your models sized by spend, blended at your own token mix.
      </div>
    );
  }
  return (
    <section aria-label="Your usage" className="rounded-lg border border-border bg-panel p-4 text-sm" data-testid="your-usage">
      <p>
        <span className="font-medium">Your usage</span> {usage.from} – {usage.to}: {usage.total === null ? 'unpriced' : formatCurrency(usage.total, { exact: true })} on {usage.models.length} catalog {usage.models.length === 1 ? 'model' : 'models'}
        {usage.mix ? <> · your input:output mix is <span className="font-medium tabular">{usage.mix.input}:1</span>{mixChosen ? ' (the chart uses the mix you chose)' : ', used to blend prices'}</> : null}
      </p>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {/* The same set the chart colours, so each swatch matches its bubble. */}
        {usage.models.map((m, _i, all) => (
          <li key={m.modelId} className={m.onChart ? '' : 'text-muted'}>
            <span aria-hidden="true" className="mr-1 inline-block h-2.5 w-2.5 rounded-full align-middle" style={{ background: seriesColors('model', all.map((x) => x.modelId)).get(m.modelId) }} />
            {m.name} {m.spend === null || m.share === null ? 'unpriced' : `${formatCurrency(m.spend, { exact: true })} (${(m.share * 100).toFixed(1)}%)`}{m.onChart ? '' : ' · not in this snapshot'}
          </li>
        ))}
      </ul>
    </section>
  );
}
