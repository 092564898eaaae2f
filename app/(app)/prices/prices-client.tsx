'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { RepricePreview } from '@/db/queries/reprice';
import type { ApiResult } from '@/app/_components/api-client';
import { apiError, callApi } from '@/app/_components/api-client';
import { formatCurrency } from '@/lib/format-currency';

const send = callApi;
const errorOf = (b: Record<string, unknown>) => apiError({ ok: false, status: 0, body: b });
const input = 'rounded-md border border-border bg-panel-2 px-2 py-1';

export function RepriceBanner({ preview, canEdit }: { preview: RepricePreview; canEdit: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  if (preview.rows === 0) return <p className="rounded-lg border border-border bg-panel p-3 text-sm text-muted" data-testid="reprice">Usage costs match the prices in force. Nothing to re-price.</p>;
  return (
    <div role="status" className="rounded-lg border border-warn/50 bg-warn/10 p-4 text-sm" data-testid="reprice">
      <p className="font-medium">Prices changed since this usage was costed.</p>
      <p className="mt-1">
        Re-pricing would change {preview.rows.toLocaleString('en-US')} rows over {preview.days} days ({preview.models.slice(0, 6).join(', ')}{preview.models.length > 6 ? ', …' : ''}):
        total {formatCurrency(preview.oldTotalUsd, { exact: true })} → <strong>{formatCurrency(preview.newTotalUsd, { exact: true })}</strong> ({preview.deltaUsd.startsWith('-') ? '' : '+'}{formatCurrency(preview.deltaUsd, { exact: true })}).
      </p>
      {canEdit && (
        <button type="button" disabled={busy} className="mt-3 rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-60"
          onClick={async () => {
            setBusy(true);
            const r = await send('/api/v1/prices/reprice', { method: 'POST' });
            setBusy(false);
            setMsg(r.ok ? null : errorOf(r.body));
            router.refresh();
          }}>
          {busy ? 'Re-pricing…' : 'Apply re-pricing'}
        </button>
      )}
      {msg && <p role="alert" className="mt-2 text-bad">{msg}</p>}
    </div>
  );
}

const NEW = '__new__';

type Unmapped = { raw_model: string; provider_id: string | null; rows: number; input_tokens: string; output_tokens: string; first_day: string; last_day: string };

export function UnmappedTable({ unmapped, models, canEdit }: { unmapped: Unmapped[]; models: { id: string; name: string }[]; canEdit: boolean }) {
  const router = useRouter();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [fresh, setFresh] = useState<Record<string, { name?: string; vendor?: string; open?: boolean }>>({});
  const [msg, setMsg] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="unmapped-h" id="unmapped">
      <h2 id="unmapped-h" className="mb-2 font-medium">Model names not in the catalog <span className="text-sm font-normal text-muted">(kept, not priced)</span></h2>
      <div className="relative overflow-x-auto rounded-lg border border-warn/50 bg-panel">
        <table className="w-full text-sm">
          <caption className="sr-only">Unmapped model names</caption>
          <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
            <tr><th scope="col" className="px-3 py-2">Name in the export</th><th scope="col" className="px-3 py-2 text-right">Rows</th><th scope="col" className="px-3 py-2">Dates</th><th scope="col" className="px-3 py-2">Map to</th></tr>
          </thead>
          <tbody>
            {unmapped.map((u) => (
              <tr key={u.raw_model} className="border-b border-border last:border-0">
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs">{u.raw_model}{u.provider_id ? <span className="ml-2 font-sans text-muted">{u.provider_id}</span> : null}</th>
                <td className="px-3 py-2 text-right tabular">{u.rows.toLocaleString('en-US')}</td>
                <td className="whitespace-nowrap px-3 py-2 text-muted">{u.first_day} – {u.last_day}</td>
                <td className="px-3 py-2">
                  {canEdit ? (
                    <span className="flex items-center gap-2">
                      <select aria-label={`Catalog model for ${u.raw_model}`} className={input} value={choice[u.raw_model] ?? ''} onChange={(e) => setChoice({ ...choice, [u.raw_model]: e.target.value })}>
                        <option value="">Choose a model…</option>
                        <option value={NEW}>+ A new catalog model…</option>
                        {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                      </select>
                      {choice[u.raw_model] === NEW && (
                        <>
                          <input aria-label={`Name of the new model for ${u.raw_model}`} placeholder="Name, e.g. Acme FT 3.5" className={`${input} w-44`}
                            value={fresh[u.raw_model]?.name ?? ''} onChange={(e) => setFresh({ ...fresh, [u.raw_model]: { ...fresh[u.raw_model], name: e.target.value } })} />
                          <input aria-label={`Vendor of the new model for ${u.raw_model}`} placeholder="Vendor" className={`${input} w-28`}
                            value={fresh[u.raw_model]?.vendor ?? ''} onChange={(e) => setFresh({ ...fresh, [u.raw_model]: { ...fresh[u.raw_model], vendor: e.target.value } })} />
                          <label className="flex items-center gap-1"><input type="checkbox" checked={fresh[u.raw_model]?.open ?? false}
                            onChange={(e) => setFresh({ ...fresh, [u.raw_model]: { ...fresh[u.raw_model], open: e.target.checked } })} />open weights</label>
                        </>
                      )}
                      <button type="button" aria-label={`Map ${u.raw_model} and re-price`} disabled={!choice[u.raw_model] || (choice[u.raw_model] === NEW && !fresh[u.raw_model]?.name)} className="rounded-md border border-border px-2 py-1 disabled:opacity-50"
                        onClick={async () => {
                          const f = fresh[u.raw_model];
                          const payload = choice[u.raw_model] === NEW
                            ? { rawModel: u.raw_model, newModel: { name: f?.name ?? '', vendor: f?.vendor ?? '', openWeights: f?.open ?? false } }
                            : { rawModel: u.raw_model, modelId: choice[u.raw_model] };
                          const r = await send('/api/v1/models/unmapped', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
                          setMsg({ ...msg, [u.raw_model]: r.ok ? '' : errorOf(r.body) });
                          router.refresh();
                        }}>
                        Map and re-price
                      </button>
                      {msg[u.raw_model] && <span role="alert" className="text-bad">{msg[u.raw_model]}</span>}
                    </span>
                  ) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PriceForms({ models, providers }: { models: { id: string; name: string }[]; providers: { id: string; name: string }[] }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ which: string; ok: boolean; text: string } | null>(null);
  const done = (which: string, r: ApiResult, okText: string) => {
    setStatus({ which, ok: r.ok, text: r.ok ? okText : errorOf(r.body) });
    if (r.ok) router.refresh();
  };
  const say = (which: string) => status?.which === which ? <p role={status.ok ? 'status' : 'alert'} className={`mt-2 text-sm ${status.ok ? 'text-good' : 'text-bad'}`}>{status.text}</p> : null;
  return (
    <section aria-label="Change prices" className="grid gap-4 lg:grid-cols-3">
      <form className="rounded-lg border border-border bg-panel p-4 text-sm" aria-label="Negotiated price" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const body = Object.fromEntries(['modelId', 'providerId', 'inputPerMtok', 'outputPerMtok', 'effectiveFrom'].map((k) => [k, String(f.get(k) ?? '')]));
        done('override', await send('/api/v1/prices/overrides', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), 'Saved. See the re-pricing above.');
      }}>
        <h2 className="font-medium">Negotiated price</h2>
        <div className="mt-2 grid grid-cols-2 gap-2">
          <label className="col-span-2 flex flex-col gap-1">Model<select name="modelId" required className={input}>{models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select></label>
          <label className="flex flex-col gap-1">Provider<select name="providerId" required className={input}>{providers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
          <label className="flex flex-col gap-1">From<input name="effectiveFrom" type="date" required className={input} /></label>
          <label className="flex flex-col gap-1">Input $/1M<input name="inputPerMtok" inputMode="decimal" required pattern="\d+(\.\d+)?" className={input} /></label>
          <label className="flex flex-col gap-1">Output $/1M<input name="outputPerMtok" inputMode="decimal" required pattern="\d+(\.\d+)?" className={input} /></label>
        </div>
        <button type="submit" className="mt-3 rounded-md border border-border px-3 py-1">Save price</button>
        {say('override')}
      </form>
      <form className="rounded-lg border border-border bg-panel p-4 text-sm" aria-label="Provider discount" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const body = Object.fromEntries(['providerId', 'percent', 'effectiveFrom', 'note'].map((k) => [k, String(f.get(k) ?? '')]));
        done('discount', await send('/api/v1/prices/discounts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), 'Saved. See the re-pricing above.');
      }}>
        <h2 className="font-medium">Provider discount</h2>
        <div className="mt-2 grid grid-cols-2 gap-2">
          <label className="flex flex-col gap-1">Provider<select name="providerId" className={input}>{providers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
          <label className="flex flex-col gap-1">Percent off<input name="percent" inputMode="decimal" required pattern="\d+(\.\d+)?" className={input} /></label>
          <label className="flex flex-col gap-1">From<input name="effectiveFrom" type="date" required className={input} /></label>
          <label className="flex flex-col gap-1">Note<input name="note" maxLength={200} className={input} /></label>
        </div>
        <button type="submit" className="mt-3 rounded-md border border-border px-3 py-1">Save discount</button>
        {say('discount')}
      </form>
      <form className="rounded-lg border border-border bg-panel p-4 text-sm" aria-label="Import a price sheet" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const file = f.get('file') as File | null;
        if (!file || file.size === 0) return;
        const qs = new URLSearchParams({ filename: file.name });
        const eff = String(f.get('effectiveFrom') ?? '');
        if (eff) qs.set('effectiveFrom', eff);
        const r = await send(`/api/v1/prices/import?${qs}`, { method: 'POST', body: file });
        const sheets = (r.body.sheets as { prices: number }[] | undefined) ?? [];
        const rejects = (r.body.rejects as { line: number; reason: string }[] | undefined) ?? [];
        done('import', r, `Imported ${sheets.reduce((n, s) => n + s.prices, 0)} prices${rejects.length ? `; ${rejects.length} rows rejected (first: line ${rejects[0]!.line}: ${rejects[0]!.reason})` : ''}.`);
      }}>
        <h2 className="font-medium">Import a price sheet</h2>
        <p className="mt-1 text-muted">LiteLLM&apos;s price map (JSON) or CSV: <code className="break-all text-xs">model,provider,input_per_mtok,output_per_mtok,cached_input_per_mtok,effective_from</code></p>
        <div className="mt-2 grid grid-cols-1 gap-2">
          <label className="flex flex-col gap-1">File<input name="file" type="file" accept=".csv,.json,text/csv,application/json" required className="max-w-full" /></label>
          <label className="flex flex-col gap-1">Effective from (if the file does not say)<input name="effectiveFrom" type="date" className={input} /></label>
        </div>
        <button type="submit" className="mt-3 rounded-md border border-border px-3 py-1">Import</button>
        {say('import')}
      </form>
    </section>
  );
}

export function GpuForm() {
  const router = useRouter();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form className="mt-3 flex flex-wrap items-end gap-2 text-sm" aria-label="Add a GPU price" onSubmit={async (e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const body = Object.fromEntries(['gpu', 'offering', 'hourlyUsd'].map((k) => [k, String(f.get(k) ?? '')]));
      const r = await send('/api/v1/prices/gpus', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      setMsg({ ok: r.ok, text: r.ok ? 'Added.' : errorOf(r.body) });
      if (r.ok) router.refresh();
    }}>
      <label className="flex flex-col gap-1">GPU<input name="gpu" required placeholder="H100 SXM5" className={input} /></label>
      <label className="flex flex-col gap-1">Offering<input name="offering" required placeholder="Reserved, 1 year" className={input} /></label>
      <label className="flex flex-col gap-1">$/GPU-hour<input name="hourlyUsd" required pattern="\d+(\.\d+)?" inputMode="decimal" className={`${input} w-24`} /></label>
      <button type="submit" className="rounded-md border border-border px-3 py-1">Add your price</button>
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-good' : 'text-bad'}>{msg.text}</p>}
    </form>
  );
}
