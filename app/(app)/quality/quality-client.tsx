'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiError, callApi } from '@/app/_components/api-client';
import { flagText, formatInterval, type RatingFlag } from '@/lib/quality/flags';

const input = 'rounded-md border border-border bg-panel-2 px-2 py-1';

type Rating = { model: string; elo: number; ciLower: number | null; ciUpper: number | null; battles: number; flags: RatingFlag[] };

/** Upload pairwise judgments; shows the fitted Elo at once and keeps it as this workspace's snapshot. */
export function JudgmentsForm({ models }: { models: { id: string; name: string }[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ judgments: number; ratings: Rating[] } | null>(null);
  return (
    <section className="rounded-lg border border-border bg-panel p-4 text-sm" aria-labelledby="judgments-h">
      <h2 id="judgments-h" className="font-medium">Your own Elo from pairwise judgments</h2>
      <p className="mt-1 text-muted">CSV or JSON lines with <code>model_a, model_b, winner</code> (<code>model_a | model_b | tie | tie (bothbad)</code>) and an optional <code>category</code>, from your A/B tests or LLM-judge runs.</p>
      <form className="mt-3 flex flex-wrap items-end gap-3" aria-label="Fit judgments" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const file = f.get('file') as File | null;
        if (!file || file.size === 0) return;
        const qs = new URLSearchParams({ filename: file.name, rounds: String(f.get('rounds') || 100) });
        const anchorModel = String(f.get('anchorModel') ?? '');
        const anchorElo = String(f.get('anchorElo') ?? '');
        if (anchorModel && anchorElo) qs.set('anchor', `${anchorModel}=${anchorElo}`);
        setBusy(true);
        setError(null);
        const r = await callApi(`/api/v1/quality/judgments?${qs}`, { method: 'POST', body: file });
        setBusy(false);
        if (!r.ok) { setError(apiError(r)); setResult(null); return; }
        const categories = r.body.categories as Record<string, Rating[]>;
        setResult({ judgments: r.body.judgments as number, ratings: categories.overall ?? Object.values(categories)[0] ?? [] });
        router.refresh();
      }}>
        <label className="flex flex-col gap-1">Judgments<input name="file" type="file" required accept=".csv,.tsv,.jsonl,.json,text/csv" /></label>
        <label className="flex max-w-full flex-col gap-1">Anchor model (optional)
          <select name="anchorModel" className={`${input} max-w-full`} defaultValue=""><option value="">none (mean 1000)</option>{models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select>
        </label>
        <label className="flex flex-col gap-1">its Elo<input name="anchorElo" inputMode="decimal" pattern="\d+(\.\d+)?" placeholder="1104" className={`${input} w-24`} /></label>
        <label className="flex flex-col gap-1">Bootstrap rounds<input name="rounds" type="number" min={100} max={2000} defaultValue={100} className={`${input} w-24`} /></label>
        <button type="submit" disabled={busy} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-60">{busy ? 'Fitting…' : 'Fit and save'}</button>
      </form>
      {error && <p role="alert" className="mt-2 text-bad">{error}</p>}
      {result && (
        <div className="mt-3" role="status">
          <p className="text-good">Fitted {result.judgments.toLocaleString('en-US')} judgments. Saved as your snapshot (also selectable on Models).</p>
          <table className="mt-2 text-sm">
            <caption className="sr-only">Fitted Elo</caption>
            <thead className="text-left text-xs uppercase text-muted"><tr><th scope="col" className="pr-6">Model</th><th scope="col" className="pr-6 text-right">Elo</th><th scope="col" className="pr-6 text-right">95% CI</th><th scope="col" className="text-right">Battles</th></tr></thead>
            <tbody>
              {result.ratings.map((r) => (
                <tr key={r.model} data-testid="fitted-row">
                  <th scope="row" className="pr-6 text-left font-medium">{r.model}<FlagNotes flags={r.flags} /></th>
                  <td className="pr-6 text-right tabular">{Math.round(r.elo)}</td><td className="pr-6 text-right tabular">{formatInterval(r.ciLower, r.ciUpper) ?? '—'}</td><td className="text-right tabular">{r.battles}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The warnings beside a fitted Elo (never wins, never loses, few judgments), one line each. */
export function FlagNotes({ flags }: { flags: RatingFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <span className="block text-xs font-normal text-warn" data-testid="rating-flags">
      {flags.map((f) => <span key={f.flag} className="block">⚠ {flagText(f)}</span>)}
    </span>
  );
}

/** Import a leaderboard as this workspace's snapshot: Arena CSV as displayed, LMArena catalog JSON, or leaderboard_table CSV. */
export function ArenaImportForm() {
  const router = useRouter();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form className="mt-3 flex flex-wrap items-end gap-3 text-sm" aria-label="Import a leaderboard" onSubmit={async (e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const file = f.get('file') as File | null;
      if (!file || file.size === 0) return;
      const qs = new URLSearchParams({ filename: file.name, asOf: String(f.get('asOf') ?? '') });
      const r = await callApi(`/api/v1/quality/arena?${qs}`, { method: 'POST', body: file });
      if (!r.ok) { setMsg({ ok: false, text: apiError(r) }); return; }
      setMsg({ ok: true, text: (r.body.message as string | null) ?? `Imported ${(r.body.snapshots as unknown[]).length} snapshot(s).` });
      router.refresh();
    }}>
      <label className="flex flex-col gap-1">Leaderboard file<input name="file" type="file" required accept=".csv,.json" /></label>
      <label className="flex flex-col gap-1">As of<input name="asOf" type="date" required className={input} /></label>
      <button type="submit" className="rounded-md border border-border px-3 py-1.5">Import leaderboard</button>
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-good' : 'text-bad'}>{msg.text}</p>}
    </form>
  );
}
