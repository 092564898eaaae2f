import { formatCurrency } from '@/lib/money';
import type { ReportCell, ReportUnit } from './types';

/**
 * How a snapshot cell reads to a person: one function for the report page, the share page and the PDF, so all
 * three say the same thing. Money keeps its cents (`exact`), fractions of a cent keep 4 significant digits.
 */
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export function formatCell(value: ReportCell, unit: ReportUnit): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  switch (unit) {
    case 'usd': {
      const n = Number(value);
      if (!Number.isFinite(n)) return String(value);
      return formatCurrency(String(value), { exact: Math.abs(n) >= 0.01 || n === 0 });
    }
    case 'percent': {
      const n = Number(value);
      return Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : String(value);
    }
    case 'integer': return Number.isFinite(Number(value)) ? int.format(Number(value)) : String(value);
    case 'number': return Number.isFinite(Number(value)) ? num.format(Number(value)) : String(value);
    case 'elo': return Number.isFinite(Number(value)) ? String(Math.round(Number(value))) : String(value);
    case 'months': return Number.isFinite(Number(value)) ? `${Number(value).toFixed(1)} months` : String(value);
    default: return String(value);
  }
}

/** `2026-10-20T14:03:00.000Z` → `20 Oct 2026, 14:03 UTC`: the same on the server and in any browser. */
export function formatAsOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

export const KIND_LABELS = { overview: 'Overview', usage: 'Usage', whatif: 'What-if' } as const;
