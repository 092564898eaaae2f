import type { Db } from '@/db/client';
import type { ReportSnapshot, ReportTable } from '@/lib/reports/types';
import type { WhatIfRun } from './service';
import { parseScenario, runScenario } from './service';
import { now } from '@/lib/clock';

/**
 * Runs a what-if scenario (a ScenarioSpec as JSON) for a workspace and freezes its results as a report snapshot:
 * the comparison, month by month, the charts' data, the assumptions and every source, so the report reads the
 * same next quarter whatever happens to prices or usage.
 */
export async function buildWhatIfSnapshot(db: Db, workspaceId: string, spec: unknown): Promise<ReportSnapshot> {
  const run = await runScenario(db, workspaceId, parseScenario(spec));
  return whatIfSnapshot(run, now());
}

const frac = (x: number | null) => (x === null ? null : String(x));

/** Pure: a what-if run as a report snapshot. */
export function whatIfSnapshot(run: WhatIfRun, asOf: Date): ReportSnapshot {
  const b = run.baseline;
  const comparison: ReportTable = {
    name: 'comparison',
    title: 'Options compared with today, per month',
    columns: [
      { key: 'option', label: 'Option', unit: 'text' },
      { key: 'monthlyCost', label: 'Monthly cost', unit: 'usd' },
      { key: 'savings', label: 'Savings a month', unit: 'usd' },
      { key: 'savingsPct', label: 'Savings', unit: 'percent' },
      { key: 'oneTime', label: 'One-time cost', unit: 'usd' },
      { key: 'payback', label: 'Payback (months)', unit: 'months' },
      { key: 'horizonSavings', label: `Savings over ${run.horizonMonths} months`, unit: 'usd' },
      { key: 'elo', label: 'Elo', unit: 'elo' },
      { key: 'eloLower', label: 'Elo low (95%)', unit: 'elo' },
      { key: 'eloUpper', label: 'Elo high (95%)', unit: 'elo' },
      { key: 'winRate', label: 'Win rate vs today', unit: 'percent' },
      { key: 'winRateRange', label: 'Win rate range', unit: 'text' },
      { key: 'meetsFloor', label: 'Meets quality floor', unit: 'text' },
    ],
    rows: [
      {
        option: 'Today', monthlyCost: b.monthlyCostUsd, savings: null, savingsPct: null, oneTime: null, payback: null, horizonSavings: null,
        elo: b.elo, eloLower: b.eloLower, eloUpper: b.eloUpper, winRate: '0.5', winRateRange: null, meetsFloor: null,
      },
      ...run.targets.map((t) => ({
        option: t.problem ? `${t.label} (${t.problem})` : t.label,
        monthlyCost: t.monthlyCostUsd,
        savings: t.savingsMonthlyUsd,
        savingsPct: t.savingsPct === null ? null : String(Number(t.savingsPct) / 100),
        oneTime: t.oneTimeUsd,
        payback: Number(t.oneTimeUsd) > 0 ? t.paybackMonths : null,
        horizonSavings: t.cumulativeSavingsUsd.at(-1) ?? null,
        elo: t.elo, eloLower: t.eloLower, eloUpper: t.eloUpper,
        winRate: frac(t.winRate),
        winRateRange: t.winRateLower === null ? null : `${Math.round(t.winRateLower * 100)}%–${Math.round((t.winRateUpper ?? t.winRateLower) * 100)}%`,
        meetsFloor: t.meetsFloor === null ? null : t.meetsFloor ? 'yes' : 'no',
      })),
    ],
  };
  const priced = run.targets.filter((t) => t.months.length > 0);
  const monthly: ReportTable = {
    name: 'monthly',
    title: 'Month by month',
    columns: [
      { key: 'month', label: 'Month', unit: 'integer' },
      { key: 'baseline', label: 'Today (with growth)', unit: 'usd' },
      ...priced.flatMap((t) => [
        { key: `${t.id}_projected`, label: `${t.label}: total cost`, unit: 'usd' as const },
        { key: `${t.id}_cumulative`, label: `${t.label}: cumulative savings`, unit: 'usd' as const },
      ]),
    ],
    rows: Array.from({ length: run.horizonMonths }, (_, i) => {
      const row: Record<string, string | number | null> = { month: i + 1, baseline: priced[0]?.months[i]?.baselineUsd ?? null };
      for (const t of priced) {
        row[`${t.id}_projected`] = t.months[i]?.projectedUsd ?? null;
        row[`${t.id}_cumulative`] = t.months[i]?.cumulativeSavingsUsd ?? null;
      }
      return row;
    }),
  };
  const best = run.targets.find((t) => t.id === run.recommendedTargetId) ?? null;
  const s = run.scenario;
  const filters = Object.entries(s.workloads ?? {}).filter(([, v]) => v && v.length).map(([k, v]) => `${k}: ${(v as string[]).join(', ')}`);
  return {
    schema: 1,
    kind: 'whatif',
    asOf: asOf.toISOString(),
    currency: 'USD',
    summary: run.summary,
    keyNumbers: [
      { label: 'Today, per month', value: b.monthlyCostUsd, unit: 'usd' },
      ...(best ? [
        { label: `With ${best.label}, per month`, value: best.monthlyCostUsd, unit: 'usd' as const },
        { label: 'Savings per month', value: best.savingsMonthlyUsd, unit: 'usd' as const },
        { label: `Savings over ${run.horizonMonths} months`, value: best.cumulativeSavingsUsd.at(-1) ?? null, unit: 'usd' as const },
        { label: 'Expected win rate vs today', value: frac(best.winRate), unit: 'percent' as const },
      ] : []),
    ],
    tables: [comparison, monthly],
    cumulative: {
      title: `Cumulative savings over ${run.horizonMonths} months`,
      xLabel: 'Month',
      unit: 'usd',
      series: priced.map((t) => t.label),
      options: priced.map((t) => run.targets.indexOf(t)),
      points: Array.from({ length: run.horizonMonths }, (_, i) => ({
        x: String(i + 1),
        values: Object.fromEntries(priced.map((t) => [t.label, t.months[i]?.cumulativeSavingsUsd ?? null])),
      })),
    },
    scatter: {
      title: 'Monthly cost against quality (Elo)',
      points: [
        { label: 'Today', monthlyCost: b.monthlyCostUsd, elo: b.elo, eloLower: b.eloLower, eloUpper: b.eloUpper, current: true },
        ...run.targets.map((t, option) => ({ t, option })).filter(({ t }) => t.monthlyCostUsd !== null)
          .map(({ t, option }) => ({ label: t.label, monthlyCost: t.monthlyCostUsd!, elo: t.elo, eloLower: t.eloLower, eloUpper: t.eloUpper, option })),
      ],
    },
    assumptions: [
      { label: 'Usage period', value: `${b.from} to ${b.to} (${b.days} days), scaled to an average month (× 30.4375 ÷ ${b.days})` },
      { label: 'Workloads', value: filters.length ? filters.join('; ') : 'all of the workspace\'s usage' },
      { label: 'Share moved', value: `${Math.round(run.share * 100)}%` },
      { label: 'Growth', value: `${run.growthMonthlyPct}% a month over ${run.horizonMonths} months` },
      { label: 'Prices in force on', value: s.priceDate },
      { label: 'Token ratios', value: run.tokenProfile ? `token profile "${run.tokenProfile.name}" (input ×${run.tokenProfile.inputRatio}, output ×${run.tokenProfile.outputRatio})` : `input ×${s.adjustments?.inputTokenRatio ?? 1}, output ×${s.adjustments?.outputTokenRatio ?? 1}` },
      { label: 'Elo snapshot', value: run.snapshot ? `${run.snapshot.name} (${run.snapshot.asOf})` : 'none' },
      { label: 'Quality floor', value: run.minWinRate === null ? 'none' : `win rate at least ${Math.round(run.minWinRate * 100)}%` },
      ...run.targets.filter((t) => t.selfHosted).map((t) => ({
        label: `${t.label}: GPUs`,
        value: `${t.selfHosted!.gpusPerReplica}× ${t.selfHosted!.gpu} at $${t.selfHosted!.gpuHourlyUsd}/GPU-hour; ${t.selfHosted!.gpuHoursBilled} GPU-hours billed a month${t.selfHosted!.floorBinding ? ' (the always-on minimum)' : ''}`,
      })),
      ...run.warnings.map((w) => ({ label: 'Note', value: w })),
    ],
    sources: run.sources.map((x) => ({ kind: x.kind, label: x.label, detail: x.detail })),
    glossary: [
      { term: 'Elo', meaning: 'A rating from head-to-head human preference votes (Chatbot Arena); 100 points apart means the higher model wins about 64% of comparisons.' },
      { term: 'Win rate', meaning: 'How often the new model\'s answer is expected to be preferred over today\'s, from the Elo difference: 1 / (1 + 10^((Elo today − Elo new) / 400)). 50% means equal quality.' },
      { term: 'Payback', meaning: 'Months until the savings cover a one-time cost such as fine-tuning.' },
    ],
  };
}
