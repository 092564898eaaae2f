'use client';

import { useState } from 'react';
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCurrency } from '@/lib/format-currency';
import { optionColor } from '@/lib/models/colors';
import { TODAY_COLOR } from '@/lib/reports/chart-colors';
import type { TargetResult } from '@/lib/whatif/engine';
import type { WhatIfRun } from '@/lib/whatif/service';


const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const axisMoney = (v: number) => (Math.abs(v) >= 1000 ? `$${compact.format(v)}` : `$${Math.round(v)}`);

function Money({ v, signed }: { v: string | null; signed?: boolean }) {
  if (v === null) return <span className="text-muted">—</span>;
  const neg = v.startsWith('-');
  return <span className={signed ? (neg ? 'text-bad' : Number(v) > 0 ? 'text-good' : '') : ''}>{signed && !neg && Number(v) > 0 ? '+' : ''}{formatCurrency(v, { exact: true })}</span>;
}

function EloCell({ elo, lower, upper }: { elo: number; lower: number | null; upper: number | null }) {
  return (
    <>
      {Math.round(elo)}
      {lower !== null && upper !== null && <span className="block text-xs text-muted">{Math.round(lower)}–{Math.round(upper)}</span>}
    </>
  );
}

export function ComparisonTable({ run }: { run: WhatIfRun }) {
  const b = run.baseline;
  // One-time cost and payback only mean something when an option has a one-time cost (fine-tuning).
  const oneTime = run.targets.some((x) => Number(x.oneTimeUsd) > 0);
  return (
    <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
      <table className="w-full text-sm tabular" data-testid="comparison">
        <caption className="sr-only">Each option against today's traffic, per month</caption>
        <thead className="bg-panel-2 text-left text-xs text-muted">
          <tr>
            <th scope="col" className="px-2.5 py-2 font-medium">Option</th>
            <th scope="col" className="px-2.5 py-2 text-right font-medium">Monthly cost</th>
            <th scope="col" className="px-2.5 py-2 text-right font-medium">Savings / month</th>
            {oneTime && <th scope="col" className="px-2.5 py-2 text-right font-medium">One-time</th>}
            {oneTime && <th scope="col" className="px-2.5 py-2 text-right font-medium">Payback</th>}
            <th scope="col" className="px-2.5 py-2 text-right font-medium">{run.horizonMonths}-month savings</th>
            <th scope="col" className="px-2.5 py-2 text-right font-medium">Elo (95% CI)</th>
            <th scope="col" className="px-2.5 py-2 text-right font-medium">Win rate vs today</th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-border">
            <th scope="row" className="px-2.5 py-2 text-left font-medium">Today</th>
            <td className="px-2.5 py-2 text-right" data-testid="baseline-monthly">{formatCurrency(b.monthlyCostUsd, { exact: true })}</td>
            <td className="px-2.5 py-2 text-right text-muted">—</td>
            {oneTime && <td className="px-2.5 py-2 text-right text-muted">—</td>}
            {oneTime && <td className="px-2.5 py-2 text-right text-muted">—</td>}
            <td className="px-2.5 py-2 text-right text-muted">—</td>
            <td className="px-2.5 py-2 text-right">{b.elo === null ? '—' : <EloCell elo={b.elo} lower={b.eloLower} upper={b.eloUpper} />}</td>
            <td className="px-2.5 py-2 text-right text-muted">50%</td>
          </tr>
          {run.targets.map((t, i) => (
            <tr key={t.id} className={`border-t border-border ${run.recommendedTargetId === t.id ? 'bg-accent-soft/40' : ''}`} data-testid={`row-${t.id}`}>
              <th scope="row" className="min-w-44 px-2.5 py-2 text-left font-medium">
                <span className="flex items-center gap-2">
                  <span aria-hidden className="inline-block h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: optionColor(i) }} />
                  <span>{t.label}</span>
                  {run.recommendedTargetId === t.id && <span className="rounded bg-accent px-1.5 py-0.5 text-[10px] font-semibold uppercase text-white">best</span>}
                </span>
                {t.problem && <span className="mt-1 block text-xs font-normal text-warn">{t.problem}</span>}
                {t.price?.backdated && <span className="mt-1 block text-xs font-normal text-warn">Price backdated from {t.price.effectiveFrom}</span>}
              </th>
              <td className="px-2.5 py-2 text-right"><Money v={t.monthlyCostUsd} /></td>
              <td className="px-2.5 py-2 text-right" data-testid={`savings-${t.id}`}>
                <Money v={t.savingsMonthlyUsd} signed />
                {t.savingsPct !== null && <span className="block text-xs text-muted">{t.savingsPct}%</span>}
              </td>
              {oneTime && <td className="px-2.5 py-2 text-right">{Number(t.oneTimeUsd) > 0 ? formatCurrency(t.oneTimeUsd, { exact: true }) : <span className="text-muted">—</span>}</td>}
              {oneTime && <td className="px-2.5 py-2 text-right">{Number(t.oneTimeUsd) === 0 ? <span className="text-muted">—</span> : t.paybackMonths === null ? 'never' : `${t.paybackMonths} mo`}</td>}
              <td className="px-2.5 py-2 text-right"><Money v={t.cumulativeSavingsUsd.at(-1) ?? null} signed /></td>
              <td className="px-2.5 py-2 text-right">
                {t.elo === null ? <span className="text-muted">unknown</span> : <EloCell elo={t.elo} lower={t.eloLower} upper={t.eloUpper} />}
              </td>
              <td className="px-2.5 py-2 text-right" data-testid={`winrate-${t.id}`}>
                {t.winRate === null ? <span className="text-muted">—</span> : (
                  <>
                    <span className={t.meetsFloor === false ? 'text-bad' : ''}>{pct(t.winRate)}</span>
                    <span className="block text-xs text-muted">{pct(t.winRateLower)}–{pct(t.winRateUpper)}{t.meetsFloor === false ? ' · below floor' : ''}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChartFrame({ title, children, table }: { title: string; children: React.ReactNode; table: React.ReactNode }) {
  const [showTable, setShowTable] = useState(false);
  return (
    <section className="rounded-lg border border-border bg-panel p-4" aria-label={title}>
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-sm font-semibold">{title}</h3>
        <button type="button" className="text-xs text-accent hover:underline" onClick={() => setShowTable((s) => !s)} aria-expanded={showTable}>
          {showTable ? 'Show chart' : 'Show as table'}
        </button>
      </div>
      {showTable ? <div className="max-h-72 overflow-auto">{table}</div> : children}
    </section>
  );
}

export function CumulativeChart({ run }: { run: WhatIfRun }) {
  const priced = run.targets.map((t, i) => ({ t, color: optionColor(i) })).filter((x) => x.t.months.length > 0);
  const data = Array.from({ length: run.horizonMonths }, (_, m) => {
    const row: Record<string, number | string> = { month: m + 1 };
    for (const { t } of priced) row[t.id] = Number(t.months[m]?.cumulativeSavingsUsd ?? 0);
    return row;
  });
  const table = (
    <table className="w-full text-xs tabular">
      <thead><tr><th scope="col" className="text-left">Month</th>{priced.map(({ t }) => <th key={t.id} scope="col" className="text-right">{t.label}</th>)}</tr></thead>
      <tbody>{data.map((r) => <tr key={r.month}><td>{r.month}</td>{priced.map(({ t }) => <td key={t.id} className="text-right">{formatCurrency(t.months[Number(r.month) - 1]!.cumulativeSavingsUsd, { exact: true })}</td>)}</tr>)}</tbody>
    </table>
  );
  return (
    <ChartFrame title={`Cumulative savings over ${run.horizonMonths} months`} table={table}>
      <div className="h-72" data-testid="cumulative-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="month" tick={{ fill: 'var(--muted)', fontSize: 11 }} tickFormatter={(m) => `M${m}`} />
            <YAxis tickFormatter={axisMoney} tick={{ fill: 'var(--muted)', fontSize: 11 }} width={64} />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip
              formatter={(v, name) => [formatCurrency(Number(v), { exact: true }), priced.find((p) => p.t.id === name)?.t.label ?? String(name)]}
              labelFormatter={(m) => `Month ${m}`}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
            />
            <Legend verticalAlign="top" formatter={(v) => priced.find((p) => p.t.id === v)?.t.label ?? v} wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
            {priced.map(({ t, color }) => <Line key={t.id} dataKey={t.id} stroke={color} dot={false} strokeWidth={2} isAnimationActive={false} />)}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

type QPoint = { label: string; x: number; y: number; err: [number, number]; color: string };

export function CostQualityChart({ run }: { run: WhatIfRun }) {
  const b = run.baseline;
  const points: QPoint[] = run.targets
    .map((t, i) => ({ t, color: optionColor(i) }))
    .filter(({ t }) => t.monthlyCostUsd !== null && t.elo !== null)
    .map(({ t, color }) => ({ label: t.label, x: Number(t.monthlyCostUsd), y: t.elo!, err: [t.elo! - (t.eloLower ?? t.elo!), (t.eloUpper ?? t.elo!) - t.elo!] as [number, number], color }));
  const today: QPoint | null = b.elo === null ? null : { label: 'Today', x: Number(b.monthlyCostUsd), y: b.elo, err: [b.elo - (b.eloLower ?? b.elo), (b.eloUpper ?? b.elo) - b.elo], color: TODAY_COLOR };
  const all = today ? [today, ...points] : points;
  const table = (
    <table className="w-full text-xs tabular">
      <thead><tr><th scope="col" className="text-left">Option</th><th scope="col" className="text-right">Monthly cost</th><th scope="col" className="text-right">Elo</th></tr></thead>
      <tbody>{all.map((p) => <tr key={p.label}><td>{p.label}</td><td className="text-right">{formatCurrency(p.x, { exact: true })}</td><td className="text-right">{Math.round(p.y)} (−{Math.round(p.err[0])}/+{Math.round(p.err[1])})</td></tr>)}</tbody>
    </table>
  );
  if (all.length === 0) return null;
  return (
    <ChartFrame title="Total monthly cost against quality (Elo)" table={table}>
      <div className="h-72" data-testid="cost-quality-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" name="Monthly cost" tickFormatter={axisMoney} tick={{ fill: 'var(--muted)', fontSize: 11 }} domain={['auto', 'auto']}
              label={{ value: 'Monthly cost', position: 'insideBottom', offset: -12, fill: 'var(--muted)', fontSize: 12 }} />
            <YAxis type="number" dataKey="y" name="Elo" domain={['auto', 'auto']} tick={{ fill: 'var(--muted)', fontSize: 11 }} width={56}
              label={{ value: 'Elo', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              content={({ active, payload }) => {
                const d = payload?.[0]?.payload as QPoint | undefined;
                if (!active || !d) return null;
                return (
                  <div className="rounded-md border border-border bg-panel px-3 py-2 text-xs shadow-lg">
                    <p className="font-semibold">{d.label}</p>
                    <p className="tabular">{formatCurrency(d.x, { exact: true })} a month · Elo {Math.round(d.y)}</p>
                  </div>
                );
              }}
            />
            {all.map((p) => (
              <Scatter key={p.label} name={p.label} data={[p]} fill={p.color} isAnimationActive={false}>
                <ErrorBar dataKey="err" direction="y" width={4} stroke={p.color} />
              </Scatter>
            ))}
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

export function Sensitivity({ run }: { run: WhatIfRun }) {
  const priced = run.targets.filter((t) => t.savingsMonthlyUsd !== null);
  const [id, setId] = useState(priced[0]?.id ?? '');
  const t = priced.find((x) => x.id === id) ?? priced[0];
  if (!t) return null;
  const rows = (label: string, points: TargetResult['sensitivity']['price'], fmt: (f: number) => string) => (
    <div>
      <h4 className="mb-1 text-xs font-medium text-muted">{label}</h4>
      <table className="w-full text-xs tabular">
        <tbody>
          {points.map((p) => (
            <tr key={p.factor} className={p.factor === 1 ? 'font-semibold' : ''}>
              <td className="py-0.5">{fmt(p.factor)}</td>
              <td className="py-0.5 text-right"><Money v={p.savingsMonthlyUsd} signed /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="rounded-lg border border-border bg-panel p-4" aria-label="Sensitivity">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Sensitivity: monthly savings as the assumptions move</h3>
        <label className="flex max-w-full items-center gap-2 text-xs text-muted">
          Option
          <select className="min-w-0 rounded-md border border-border bg-panel-2 px-2 py-1 text-xs" value={t.id} onChange={(e) => setId(e.target.value)}>
            {priced.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
          </select>
        </label>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {rows(t.kind === 'self_hosted' ? 'GPU price ×' : 'Price ×', t.sensitivity.price, (f) => `×${f}`)}
        {rows('Token ratio ×', t.sensitivity.tokenRatio, (f) => `×${f}`)}
        {t.sensitivity.utilization && rows('GPU utilisation', t.sensitivity.utilization, (f) => `${Math.round(f * 100)}%`)}
      </div>
    </section>
  );
}

export function SelfHostedDetails({ run }: { run: WhatIfRun }) {
  const hosted = run.targets.filter((t) => t.selfHosted);
  if (hosted.length === 0) return null;
  return (
    <section className="rounded-lg border border-border bg-panel p-4" aria-label="Self-hosting">
      <h3 className="mb-2 text-sm font-semibold">Self-hosting: GPU-hours and break-even</h3>
      {hosted.map((t) => {
        const s = t.selfHosted!;
        return (
          <div key={t.id} className="mb-3 text-sm last:mb-0">
            <p className="font-medium">{t.label}</p>
            <p className="text-muted">
              The traffic needs {Number(s.gpuHoursNeeded).toLocaleString('en-US')} GPU-hours a month (about {s.averageReplicas} replicas busy on average);
              {' '}{s.floorBinding ? <>the always-on minimum of <strong className="text-text">{Number(s.gpuHoursBilled).toLocaleString('en-US')} GPU-hours</strong> sets the bill.</> : <>billed as used.</>}
              {' '}{s.gpusPerReplica}× {s.gpu} at {formatCurrency(s.gpuHourlyUsd)}/GPU-hour.
            </p>
            {s.breakEven.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-muted">
                {s.breakEven.map((be) => (
                  <li key={be.targetId}>
                    Against {be.label}: {be.monthlyTokens === null ? be.note : <>cheaper above <strong className="text-text">{compact.format(Number(be.monthlyTokens))} tokens a month</strong> ({be.note}).</>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

export function Sources({ run }: { run: WhatIfRun }) {
  return (
    <section className="rounded-lg border border-border bg-panel p-4 text-sm" aria-label="Sources and assumptions">
      <h3 className="mb-2 text-sm font-semibold">Where the numbers come from</h3>
      <ul className="space-y-1">
        {run.sources.map((s, i) => (
          <li key={i}><span className="font-medium">{s.label}</span> <span className="text-muted">— {s.detail}</span></li>
        ))}
        <li>
          <span className="font-medium">Scaling</span>{' '}
          <span className="text-muted">— the period&apos;s totals × 30.4375 ÷ {run.baseline.days} days; {Math.round(run.share * 100)}% of the traffic moved; growth {run.growthMonthlyPct}% a month; prices in force on {run.scenario.priceDate}.</span>
        </li>
      </ul>
    </section>
  );
}
