import Link from 'next/link';
import { getDb } from '@/db';
import { requirePageAccess } from '@/lib/auth/page';
import { formatCurrency } from '@/lib/money';
import { encodeScenario } from '@/lib/whatif/draft';
import { listScenarios, runScenario } from '@/lib/whatif/service';
import type { WhatIfRun } from '@/lib/whatif/service';
import { scenarioSchema } from '@/lib/whatif/spec';

export const metadata = { title: 'Compare scenarios' };
export const dynamic = 'force-dynamic';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** Saved scenarios side by side: each one's best option (by savings, meeting its quality floor). */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePageAccess();
  const db = await getDb();
  const all = await listScenarios(db, access.workspace.id);
  const raw = (await searchParams).ids;
  const wanted = (Array.isArray(raw) ? raw : raw ? raw.split(',') : all.slice(0, 4).map((s) => s.id)).filter((id) => all.some((s) => s.id === id));
  const runs: { id: string; name: string; spec: unknown; run: WhatIfRun | null; error: string | null }[] = [];
  for (const id of wanted) {
    const s = all.find((x) => x.id === id)!;
    const parsed = scenarioSchema.safeParse(s.spec);
    if (!parsed.success) { runs.push({ id, name: s.name, spec: s.spec, run: null, error: 'no longer a valid scenario' }); continue; }
    try {
      runs.push({ id, name: s.name, spec: parsed.data, run: await runScenario(db, access.workspace.id, parsed.data), error: null });
    } catch (e) {
      runs.push({ id, name: s.name, spec: parsed.data, run: null, error: (e as Error).message });
    }
  }
  return (
    <div className="flex flex-col gap-5">
      <header>
        <p className="text-sm"><Link href="/what-if" className="text-accent hover:underline">← What-if</Link></p>
        <h1 className="text-2xl font-semibold tracking-tight">Compare scenarios</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">Each saved scenario&apos;s best option (the largest monthly saving that meets its quality floor), recomputed now from today&apos;s usage and prices.</p>
      </header>
      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-panel p-3 text-sm" method="get">
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 text-xs text-muted">Scenarios</legend>
          {all.length === 0 && <span className="text-muted">No saved scenarios yet: <Link className="text-accent underline" href="/what-if">build one on the What-if page</Link> and save it.</span>}
          {all.map((s) => (
            <label key={s.id} className="flex items-center gap-1.5"><input type="checkbox" name="ids" value={s.id} defaultChecked={wanted.includes(s.id)} />{s.name}</label>
          ))}
        </fieldset>
        {all.length > 0 && <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white">Compare</button>}
      </form>
      {runs.length > 0 && (
        <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm tabular" data-testid="compare-table">
            <thead className="bg-panel-2 text-left text-xs text-muted">
              <tr>
                <th scope="col" className="px-3 py-2">Scenario</th>
                <th scope="col" className="px-3 py-2">Period</th>
                <th scope="col" className="px-3 py-2 text-right">Today / month</th>
                <th scope="col" className="px-3 py-2">Best option</th>
                <th scope="col" className="px-3 py-2 text-right">Then / month</th>
                <th scope="col" className="px-3 py-2 text-right">Savings / month</th>
                <th scope="col" className="px-3 py-2 text-right">Horizon savings</th>
                <th scope="col" className="px-3 py-2 text-right">Win rate</th>
              </tr>
            </thead>
            <tbody>
              {runs.map(({ id, name, spec, run, error }) => {
                const best = run?.targets.find((t) => t.id === run.recommendedTargetId) ?? null;
                return (
                  <tr key={id} className="border-t border-border">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <Link className="text-accent hover:underline" href={`/what-if?${new URLSearchParams({ s: encodeScenario(spec as never), id })}`}>{name}</Link>
                    </th>
                    {error || !run ? <td colSpan={7} className="px-3 py-2 text-warn">{error}</td> : (
                      <>
                        <td className="px-3 py-2 text-muted">{run.baseline.from} – {run.baseline.to}</td>
                        <td className="px-3 py-2 text-right">{formatCurrency(run.baseline.monthlyCostUsd, { exact: true })}</td>
                        <td className="px-3 py-2">{best?.label ?? <span className="text-muted">none saves money</span>}</td>
                        <td className="px-3 py-2 text-right">{best?.monthlyCostUsd ? formatCurrency(best.monthlyCostUsd, { exact: true }) : '—'}</td>
                        <td className="px-3 py-2 text-right text-good">{best?.savingsMonthlyUsd ? `${formatCurrency(best.savingsMonthlyUsd, { exact: true })} (${best.savingsPct}%)` : '—'}</td>
                        <td className="px-3 py-2 text-right">{best?.cumulativeSavingsUsd.at(-1) ? formatCurrency(best.cumulativeSavingsUsd.at(-1)!, { exact: true }) : '—'}</td>
                        <td className="px-3 py-2 text-right">{best ? pct(best.winRate) : '—'}</td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
