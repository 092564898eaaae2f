import Link from 'next/link';
import { getDb } from '@/db';
import { getCatalog } from '@/db/queries/get-catalog';
import { getEloHistory, getSnapshotScores, listSnapshots } from '@/db/queries/quality';
import { requirePageAccess } from '@/lib/auth/page';
import { roleAtLeast } from '@/lib/auth/roles';
import { formatInterval, MIN_JUDGMENTS, storedScoreFlags } from '@/lib/quality/flags';
import { ArenaImportForm, FlagNotes, JudgmentsForm } from './quality-client';

export const metadata = { title: 'Quality' };
export const dynamic = 'force-dynamic';

export default async function QualityPage({ searchParams }: { searchParams: Promise<{ snapshot?: string; model?: string }> }) {
  const access = await requirePageAccess();
  const sp = await searchParams;
  const db = await getDb();
  const ws = access.workspace.id;
  const [snapshots, catalog] = await Promise.all([listSnapshots(db, ws), getCatalog(db, ws)]);
  const selected = snapshots.find((s) => s.id === sp.snapshot) ?? snapshots.find((s) => s.category === 'overall') ?? snapshots[0];
  const scores = selected ? await getSnapshotScores(db, ws, selected.id) : [];
  const model = catalog.models.find((m) => m.id === sp.model);
  const history = model ? await getEloHistory(db, ws, model.id) : [];
  const canEdit = roleAtLeast(access.role, 'editor');
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Quality</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          Chatbot Arena snapshots and your team&apos;s own Elo, fitted from pairwise judgments the way LMSYS fits the Arena (Bradley–Terry, scale 400,
          ties half a win, 95% CI by seeded bootstrap). Elo compares only within one snapshot: the scale drifts between them.
          A model that never won or never lost in your judgments has no bound on that side (⚠ beside it); under {MIN_JUDGMENTS} judgments the interval is rough.
        </p>
      </header>

      {canEdit && <JudgmentsForm models={catalog.models.map((m) => ({ id: m.id, name: m.name }))} />}
      {canEdit && (
        <details className="rounded-lg border border-border bg-panel p-4 text-sm">
          <summary className="cursor-pointer font-medium">Import a leaderboard</summary>
          <p className="mt-1 text-muted">The Arena leaderboard CSV as displayed (rank, model, Elo, <code>+3/-3</code>, votes), LMArena&apos;s catalog JSON (one snapshot per category), or an LMSYS <code>leaderboard_table_*.csv</code> (metadata).</p>
          <ArenaImportForm />
        </details>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <nav aria-label="Snapshots" className="rounded-lg border border-border bg-panel text-sm">
          <h2 className="border-b border-border px-3 py-2 font-medium">Snapshots</h2>
          <ul>
            {snapshots.map((s) => (
              <li key={s.id}>
                <Link href={`/quality?snapshot=${s.id}`} aria-current={s.id === selected?.id ? 'true' : undefined}
                  className={`block border-b border-border px-3 py-2 last:border-0 ${s.id === selected?.id ? 'bg-accent-soft' : 'hover:bg-panel-2'}`}>
                  <span className="font-medium">{s.name}</span>{s.category !== 'overall' && <span className="text-muted"> · {s.category}</span>}
                  <span className="block text-xs text-muted">{s.as_of} · {s.models} models ({s.mapped} in the catalog) · {s.scope === 'workspace' ? 'yours' : 'reference'}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="scores">
          <h2 id="scores" className="mb-2 font-medium">{selected ? `${selected.name}${selected.category !== 'overall' ? ` · ${selected.category}` : ''}` : 'No snapshot'}</h2>
          <div className="relative max-h-[640px] overflow-auto rounded-lg border border-border bg-panel">
            <table className="w-full text-sm">
              <caption className="sr-only">Elo with 95% confidence intervals</caption>
              <thead className="sticky top-0 border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
                <tr><th scope="col" className="px-3 py-2">Rank</th><th scope="col" className="px-3 py-2">Model</th><th scope="col" className="px-3 py-2 text-right">Elo</th><th scope="col" className="px-3 py-2 text-right">95% CI</th><th scope="col" className="px-3 py-2 text-right">Votes / battles</th></tr>
              </thead>
              <tbody>
                {scores.map((r, i) => (
                  <tr key={r.raw_name} className="border-b border-border last:border-0" data-testid="score-row">
                    <td className="px-3 py-1.5 tabular text-muted">{r.rank ?? i + 1}</td>
                    <th scope="row" className="px-3 py-1.5 text-left font-medium">
                      {r.model_id ? <Link className="hover:underline" href={`/quality?snapshot=${selected!.id}&model=${r.model_id}`}>{r.model_name}</Link> : r.raw_name}
                      {r.model_id && r.model_name !== r.raw_name && <span className="block text-xs font-normal text-muted">{r.raw_name}</span>}
                      <FlagNotes flags={storedScoreFlags({ ciLower: r.ci_lower, ciUpper: r.ci_upper, votes: r.votes }, selected!.source)} />
                    </th>
                    <td className="px-3 py-1.5 text-right font-medium tabular">{Math.round(r.elo)}</td>
                    <td className="whitespace-nowrap px-3 py-1.5 text-right tabular text-muted">{formatInterval(r.ci_lower, r.ci_upper) ?? '—'}</td>
                    <td className="px-3 py-1.5 text-right tabular">{r.votes?.toLocaleString('en-US') ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {model && (
            <div className="mt-6" aria-live="polite">
              <h3 className="font-medium">{model.name} across snapshots</h3>
              <p className="text-xs text-muted">Each row is its own scale; read the rank and the gap to neighbours, not the raw number across rows.</p>
              <div className="relative mt-2 overflow-x-auto rounded-lg border border-border bg-panel">
              <table className="w-full text-sm">
                <caption className="sr-only">Elo of {model.name} in each snapshot</caption>
                <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted"><tr><th scope="col" className="px-3 py-2">Snapshot</th><th scope="col" className="px-3 py-2">As of</th><th scope="col" className="px-3 py-2 text-right">Elo (95% CI)</th><th scope="col" className="px-3 py-2 text-right">Rank</th></tr></thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={`${h.snapshot}|${h.category}`} className="border-b border-border last:border-0">
                      <td className="px-3 py-1.5">{h.snapshot}{h.category !== 'overall' ? ` · ${h.category}` : ''}</td><td className="px-3 py-1.5 text-muted">{h.as_of}</td>
                      <td className="px-3 py-1.5 text-right tabular">{Math.round(h.elo)}{formatInterval(h.ci_lower, h.ci_upper) ? ` (${formatInterval(h.ci_lower, h.ci_upper)})` : ''}<FlagNotes flags={storedScoreFlags({ ciLower: h.ci_lower, ciUpper: h.ci_upper, votes: null }, h.source)} /></td>
                      <td className="px-3 py-1.5 text-right tabular">{h.rank ?? '—'} of {h.of}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
