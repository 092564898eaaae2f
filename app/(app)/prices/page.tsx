import { getDatabase } from '@/db';
import { getPriceHistory, getPricesInForce, getUnmappedModels, listDiscounts, listGpus, listPriceSheets } from '@/db/queries/price-book';
import { PriceHistoryChart } from './price-history-chart';
import { getCatalog } from '@/db/queries/get-catalog';
import { previewReprice } from '@/db/queries/reprice';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { PROVIDERS } from '@/lib/catalog/types';
import { formatCurrency } from '@/lib/money';
import { GpuForm, PriceForms, RepriceBanner, UnmappedTable } from './prices-client';

export const metadata = { title: 'Prices' };
export const dynamic = 'force-dynamic';

export default async function PricesPage({ searchParams }: { searchParams: Promise<{ date?: string; q?: string; model?: string }> }) {
  const access = await requirePageAccess();
  const sp = await searchParams;
  const day = sp.date && /^\d{4}-\d{2}-\d{2}$/.test(sp.date) ? sp.date : new Date().toISOString().slice(0, 10);
  const q = (sp.q ?? '').slice(0, 100);
  const h = await getDatabase();
  const ws = access.workspace.id;
  const [prices, sheets, discounts, unmapped, preview, catalog, gpus] = await Promise.all([
    getPricesInForce(h.db, ws, day, q || undefined), listPriceSheets(h.db, ws), listDiscounts(h.db, ws), getUnmappedModels(h.db, ws), previewReprice(h, ws), getCatalog(h.db, ws), listGpus(h.db, ws),
  ]);
  const canEdit = roleAtLeast(access.role, 'editor');
  const models = catalog.models.map((m) => ({ id: m.id, name: m.name }));
  const historyModel = catalog.models.find((m) => m.id === sp.model);
  const history = historyModel ? await getPriceHistory(h.db, ws, historyModel.id) : [];
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Prices</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          The price in force for each model and provider on a day: this workspace&apos;s negotiated prices first, else the newest reference sheet on or before
          that day, less any provider discount. Changing prices never re-costs usage silently: you see what would change, then apply it.
        </p>
      </header>
      <RepriceBanner preview={preview} canEdit={canEdit} />
      {unmapped.length > 0 && <UnmappedTable unmapped={unmapped} models={models} canEdit={canEdit} />}
      {canEdit && <PriceForms models={models} providers={PROVIDERS.map((p) => ({ id: p.id, name: p.name }))} />}

      <section aria-labelledby="in-force">
        <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
          <h2 id="in-force" className="font-medium">In force on {day} <span className="text-sm font-normal text-muted">({prices.length} model × provider prices)</span></h2>
          <form className="flex flex-wrap items-end gap-2 text-sm" role="search">
            <label className="flex flex-col gap-1"><span className="text-muted">Day</span>
              <input type="date" name="date" defaultValue={day} className="rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
            <label className="flex flex-col gap-1"><span className="text-muted">Search</span>
              <input type="search" name="q" defaultValue={q} placeholder="model or provider" className="w-56 rounded-md border border-border bg-panel-2 px-2 py-1" /></label>
            <button type="submit" className="rounded-md border border-border bg-panel px-3 py-1">Show</button>
          </form>
        </div>
        <div className="max-h-[560px] overflow-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm">
            <caption className="sr-only">Prices in force</caption>
            <thead className="sticky top-0 border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2">Model</th><th scope="col" className="px-3 py-2">Provider</th>
                <th scope="col" className="px-3 py-2 text-right">Input $/1M</th><th scope="col" className="px-3 py-2 text-right">Output $/1M</th>
                <th scope="col" className="px-3 py-2 text-right">Cached $/1M</th><th scope="col" className="px-3 py-2">Since</th><th scope="col" className="px-3 py-2">From</th>
              </tr>
            </thead>
            <tbody>
              {prices.map((p) => (
                <tr key={`${p.modelId}|${p.providerId}`} className="border-b border-border last:border-0" data-testid="price-row">
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">
                    <a className="hover:underline" href={`/prices?date=${day}&q=${encodeURIComponent(q)}&model=${p.modelId}#history`}>{p.modelName}</a>
                    <span className="block text-xs font-normal text-muted">{p.modelId}</span>
                  </th>
                  <td className="px-3 py-1.5">{p.providerName}</td>
                  <td className="px-3 py-1.5 text-right tabular">{formatCurrency(p.inputPerMtok)}</td>
                  <td className="px-3 py-1.5 text-right tabular">{formatCurrency(p.outputPerMtok)}</td>
                  <td className="px-3 py-1.5 text-right tabular">{p.cachedInputPerMtok === null ? '—' : formatCurrency(p.cachedInputPerMtok)}</td>
                  <td className="whitespace-nowrap px-3 py-1.5 text-muted">{p.effectiveFrom}</td>
                  <td className="px-3 py-1.5 text-xs">
                    {p.origin === 'override' ? <span className="rounded bg-accent-soft px-1.5 py-0.5 font-medium text-accent">negotiated</span> : p.sheetName}
                    {p.discountPercent && <span className="ml-1 rounded bg-good/15 px-1.5 py-0.5 text-good">−{p.discountPercent}%</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {prices.length === 0 && <p className="p-6 text-sm text-muted">No price matches.</p>}
        </div>
      </section>

      {historyModel && (
        <section aria-labelledby="history-h" id="history">
          <h2 id="history-h" className="mb-2 font-medium">Price history: {historyModel.name}</h2>
          {history.length ? <PriceHistoryChart history={history} /> : <p className="text-sm text-muted">No prices recorded.</p>}
        </section>
      )}

      <section aria-labelledby="gpus">
        <h2 id="gpus" className="mb-2 font-medium">Self-hosting: GPU prices and throughput</h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <table className="w-full rounded-lg border border-border bg-panel text-sm">
            <caption className="sr-only">GPU hourly prices</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted"><tr><th scope="col" className="px-3 py-2">GPU</th><th scope="col" className="px-3 py-2">Offering</th><th scope="col" className="px-3 py-2 text-right">$/GPU-hour</th></tr></thead>
            <tbody>
              {gpus.prices.map((g) => (
                <tr key={g.id} className="border-b border-border last:border-0" title={g.source}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">{g.gpu}</th>
                  <td className="px-3 py-1.5">{g.offering}{g.scope === 'workspace' && <span className="ml-1 rounded bg-accent-soft px-1.5 py-0.5 text-xs text-accent">yours</span>}</td>
                  <td className="px-3 py-1.5 text-right tabular">{formatCurrency(g.hourly_usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <table className="w-full rounded-lg border border-border bg-panel text-sm">
              <caption className="sr-only">Published throughput</caption>
              <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted"><tr><th scope="col" className="px-3 py-2">Model</th><th scope="col" className="px-3 py-2">GPUs</th><th scope="col" className="px-3 py-2 text-right">Output tok/s</th></tr></thead>
              <tbody>
                {gpus.throughput.map((t) => (
                  <tr key={`${t.model_id}|${t.gpu}|${t.gpus}`} className="border-b border-border last:border-0" title={t.source}>
                    <th scope="row" className="px-3 py-1.5 text-left font-medium">{t.model_id}</th><td className="px-3 py-1.5">{t.gpus}× {t.gpu}</td><td className="px-3 py-1.5 text-right tabular">{t.tps.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-xs text-muted">Llama 3.1 in FP8 on vLLM 0.5.4 (same architecture as Llama 3 at 8B/70B); hover a row for its source.</p>
            {canEdit && <GpuForm />}
          </div>
        </div>
      </section>

      <section aria-labelledby="sheets" className="grid gap-6 lg:grid-cols-2">
        <div>
          <h2 id="sheets" className="mb-2 font-medium">Price sheets</h2>
          <ul className="divide-y divide-border rounded-lg border border-border bg-panel text-sm">
            {sheets.map((s) => (
              <li key={s.id} className="px-3 py-2">
                <span className="font-medium">{s.name}</span>
                <span className="block text-xs text-muted">{s.scope === 'reference' ? 'reference' : 'this workspace'} · {s.source} · from {s.effective_from} · {s.prices} prices · imported {new Date(s.imported_at).toISOString().slice(0, 10)}{s.imported_by ? ` by ${s.imported_by}` : ''}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2 className="mb-2 font-medium">Provider discounts</h2>
          {discounts.length === 0 ? <p className="rounded-lg border border-dashed border-border bg-panel p-4 text-sm text-muted">None. A committed-use discount applies to a provider&apos;s reference prices from its date.</p> : (
            <ul className="divide-y divide-border rounded-lg border border-border bg-panel text-sm">
              {discounts.map((d) => <li key={`${d.provider_id}|${d.effective_from}`} className="px-3 py-2">{d.provider_id}: −{d.percent.replace(/\.?0+$/, "")}% from {d.effective_from}{d.note ? ` (${d.note})` : ''}</li>)}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}
