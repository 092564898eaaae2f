import Link from 'next/link';
import { getDb } from '@/db';
import type { OverviewGroup } from '@/db/queries/get-overview';
import { getOverview, OVERVIEW_GROUPS } from '@/db/queries/get-overview';
import { requirePageAccess } from '@/lib/auth/page';
import { formatCurrency } from '@/lib/money';
import { SaveReport } from '@/app/_components/save-report';
import { SpendChart } from './spend-chart';

export const metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

function pct(now: string, before: string): string | null {
  const a = Number(now);
  const b = Number(before);
  if (!b) return null;
  const p = ((a - b) / b) * 100;
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`;
}

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-border bg-panel p-4" data-testid={testId}>
      <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular">{value}</p>
      {sub && <p className="mt-1 text-xs text-muted">{sub}</p>}
    </div>
  );
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ by?: string }> }) {
  const access = await requirePageAccess();
  const sp = await searchParams;
  const groupBy = (OVERVIEW_GROUPS as readonly string[]).includes(sp.by ?? '') ? (sp.by as OverviewGroup) : 'model';
  const o = await getOverview(await getDb(), access.workspace.id, { groupBy });
  if (!o.asOf) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <div className="mt-6 rounded-lg border border-dashed border-border bg-panel p-6">
          <p className="font-medium">No usage in this workspace yet.</p>
          <p className="mt-2 text-sm text-muted">Upload an export from OpenAI, Anthropic, OpenRouter, LiteLLM and others, and this page shows where the money goes.</p>
          <Link className="mt-4 inline-block rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white" href="/uploads">Upload usage</Link>
        </div>
      </div>
    );
  }
  const vsSame = pct(o.month.spend, o.lastMonthSameDays);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
          <p className="mt-1 text-sm text-muted">{access.workspace.name} · month to date {o.month.from} – {o.month.to}{o.asOf < new Date().toISOString().slice(0, 10) ? ' (latest usage)' : ''}</p>
        </div>
        <SaveReport source={{ kind: 'overview' }} defaultTitle={`Spend overview, ${o.month.from} to ${o.month.to}`} />
      </header>
      <section aria-label="This month" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Card testId="card-spend" label="Spend this month" value={formatCurrency(o.month.spend, { exact: true })}
          sub={<>{vsSame ? `${vsSame} vs the same days last month` : 'no usage the same days last month'} · last month {formatCurrency(o.lastMonth, { exact: true })}</>} />
        <Card testId="card-forecast" label="Forecast to month end" value={o.forecast ? formatCurrency(o.forecast.spend, { exact: true }) : '—'}
          sub={o.forecast ? `range ${formatCurrency(o.forecast.low, { exact: true })} – ${formatCurrency(o.forecast.high, { exact: true })}, from the last 14 days' trend` : 'needs 3 days of usage'} />
        <Card label="Tokens" value={`${compact.format(o.month.inputTokens)} in`} sub={`${compact.format(o.month.outputTokens)} out · ${o.month.requests.toLocaleString('en-US')} requests`} />
        <Card label="Cost per 1k requests" value={o.month.costPer1kRequests ? formatCurrency(o.month.costPer1kRequests) : '—'}
          sub={o.openWeightsShare === null ? undefined : `${(o.openWeightsShare * 100).toFixed(1)}% of spend on open-weights models`} />
      </section>
      <section aria-label="Top" className="grid gap-4 md:grid-cols-2">
        <Card label="Top model" value={o.topModel?.name ?? '—'} sub={o.topModel ? `${formatCurrency(o.topModel.spend, { exact: true })} this month` : undefined} />
        <Card label="Top project" value={o.topProject?.name ?? '—'} sub={o.topProject ? `${formatCurrency(o.topProject.spend, { exact: true })} this month` : undefined} />
      </section>
      <section aria-labelledby="spend-h" className="rounded-lg border border-border bg-panel p-4">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="spend-h" className="font-medium">Daily spend, last 90 days</h2>
          <nav aria-label="Group by" className="flex gap-1 text-sm">
            {OVERVIEW_GROUPS.map((g) => (
              <Link key={g} href={`/overview?by=${g}`} aria-current={g === groupBy ? 'true' : undefined}
                className={`rounded-md px-2 py-1 ${g === groupBy ? 'bg-accent-soft font-medium' : 'text-muted hover:bg-panel-2'}`}>by {g}</Link>
            ))}
          </nav>
        </div>
        <SpendChart series={o.series} />
      </section>
      <section aria-labelledby="movers-h">
        <h2 id="movers-h" className="mb-2 font-medium">Top movers <span className="text-sm font-normal text-muted">(last 7 days against the 7 before)</span></h2>
        {o.movers.length === 0 ? <p className="text-sm text-muted">No model's spend grew.</p> : (
          <table className="w-full rounded-lg border border-border bg-panel text-sm">
            <caption className="sr-only">Models whose spend grew most</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted"><tr><th scope="col" className="px-3 py-2">Model</th><th scope="col" className="px-3 py-2 text-right">Previous 7 days</th><th scope="col" className="px-3 py-2 text-right">Last 7 days</th><th scope="col" className="px-3 py-2 text-right">Change</th></tr></thead>
            <tbody>
              {o.movers.map((m) => (
                <tr key={m.key} className="border-b border-border last:border-0"><th scope="row" className="px-3 py-1.5 text-left font-medium">{m.key}</th>
                  <td className="px-3 py-1.5 text-right tabular">{formatCurrency(m.before, { exact: true })}</td><td className="px-3 py-1.5 text-right tabular">{formatCurrency(m.after, { exact: true })}</td>
                  <td className="px-3 py-1.5 text-right font-medium text-bad tabular">+{formatCurrency(m.change, { exact: true })}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
