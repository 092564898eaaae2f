import type { ExplorerRow } from '@/db/queries/get-usage-explorer';
import { D, toDecimalString } from '@/lib/money';
import { sumPriced } from '@/lib/usage/priced';
import type { ReportSeriesChart, ReportTable } from './types';

/** Shared pieces of the usage-based snapshots, computed from the explorer's exact per-day rows. */

export const MONTHLY_COLUMNS: ReportTable['columns'] = [
  { key: 'month', label: 'Month', unit: 'text' },
  { key: 'spend', label: 'Spend', unit: 'usd' },
  { key: 'requests', label: 'Requests', unit: 'integer' },
  { key: 'input', label: 'Input tokens', unit: 'integer' },
  { key: 'output', label: 'Output tokens', unit: 'integer' },
];

/** One row per calendar month (YYYY-MM), money summed exactly, in month order. */
export function monthlyTable(days: ExplorerRow[]): ReportTable {
  const by = new Map<string, { spend: (string | null)[]; requests: number; input: number; output: number }>();
  for (const d of [...days].sort((a, b) => a.key.localeCompare(b.key))) {
    const m = d.key.slice(0, 7);
    const acc = by.get(m) ?? { spend: [], requests: 0, input: 0, output: 0 };
    acc.spend.push(d.spend);
    acc.requests += d.requests;
    acc.input += d.input;
    acc.output += d.output;
    by.set(m, acc);
  }
  return {
    name: 'monthly', title: 'Spend by month', columns: MONTHLY_COLUMNS,
    rows: [...by.entries()].map(([month, v]) => ({ month, spend: sumPriced(v.spend, 2), requests: v.requests, input: v.input, output: v.output })),
  };
}

/** Running total of spend over the days given (each x a day), as decimal strings; unpriced days add nothing. */
export function cumulativeByDay(days: ExplorerRow[], title: string, series: string): ReportSeriesChart {
  let run = new D(0);
  const points = [...days].sort((a, b) => a.key.localeCompare(b.key)).map((d) => {
    run = run.plus(d.spend ?? 0);
    return { x: d.key, values: { [series]: toDecimalString(run, 2) } };
  });
  return { title, xLabel: 'Day', unit: 'usd', series: [series], points };
}

/** The spend of the list, null when none of it is priced (unpriced is never $0). */
export function sumSpend(list: { spend: string | null }[]): string | null {
  return sumPriced(list.map((r) => r.spend), 2);
}

export const iso = (d: Date) => d.toISOString().slice(0, 10);

/** First and last day of the month `offset` months from the one holding `day`. */
export function monthBounds(day: string, offset = 0): { from: string; to: string } {
  const a = new Date(`${day}T00:00:00Z`);
  return { from: iso(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + offset, 1))), to: iso(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + offset + 1, 0))) };
}

export function pctChange(now: string, before: string): string | null {
  const b = new D(before);
  if (b.isZero()) return null;
  return toDecimalString(new D(now).minus(b).div(b), 4);
}

export const GLOSSARY = [
  { term: 'Spend', meaning: 'What the usage cost at the price in force on each day (your negotiated prices and discounts applied), in US dollars.' },
  { term: 'Elo', meaning: 'A quality rating from head-to-head comparisons (Chatbot Arena or your own judgments); 100 points apart means the higher model wins about 64% of the time.' },
  { term: 'Win rate', meaning: 'How often one model’s answer is preferred over another’s, expected from their Elo difference.' },
  { term: 'Tokens', meaning: 'The units providers bill by; about three quarters of an English word each.' },
];
