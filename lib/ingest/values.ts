import { parseDecimal, toDecimalString } from '@/lib/money';
import type { RowOutcome, UsageRecord } from './types';

/**
 * Lenient, exact readers for the values exports write. Each throws a ValueError with a message fit to show a
 * person; parsers turn it into a rejection of that row.
 */
export class ValueError extends Error {}

const NULLS = new Set(['', '--', '-', 'null', 'none', 'n/a', 'na', 'nan', 'undefined']);

export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'string') return false;
  if (v === '') return true;
  // Hot path, no strings made: a value that starts with a visible ASCII character is a null word only if that is the
  // first letter of one (-, n, u) and, when longer than any null word, it ends in whitespace.
  const c0 = v.charCodeAt(0);
  if (c0 > 0x20 && c0 < 0x80) {
    const c = c0 | 0x20;
    if (c !== 0x2d && c !== 0x6e && c !== 0x75) return false;
    const last = v.charCodeAt(v.length - 1);
    if (v.length > 12 && last > 0x20 && last < 0x80) return false;
  }
  return NULLS.has(v.trim().toLowerCase());
}

/** `123` or `123.0` (what spreadsheets write) as a safe integer without a regex, or -1 for anything else. */
function plainCount(s: string): number {
  const n = s.length;
  if (n === 0 || n > 24) return -1;
  let i = 0;
  let value = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  if (i === 0 || i > 15) return -1;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || i === n - 1) return -1;
    for (let j = i + 1; j < n; j++) if (s.charCodeAt(j) !== 48) return -1;
  }
  return value;
}

/** A token or request count: `10`, `10.0`, `1,234`, 10 → integer ≥ 0. Fractions, negatives and text are refused. */
export function count(v: unknown, field: string): number {
  if (typeof v === 'string') {
    const fast = plainCount(v);
    if (fast >= 0) return fast;
  }
  if (isBlank(v)) return 0;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim().replace(/,/g, '');
    if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) throw new ValueError(`${field} is not a number: "${v}"`);
    n = Number(s);
  } else throw new ValueError(`${field} is not a number`);
  if (!Number.isFinite(n)) throw new ValueError(`${field} is not a finite number`);
  if (n < 0) throw new ValueError(`${field} is negative: ${v}`);
  if (!Number.isInteger(n)) throw new ValueError(`${field} is not a whole number: ${v}`);
  if (n > Number.MAX_SAFE_INTEGER) throw new ValueError(`${field} is too large: ${v}`);
  return n;
}

/** Money in dollars as an exact decimal string; `cents: true` divides by 100 (Anthropic's cost report). */
export function money(v: unknown, field: string, opts: { cents?: boolean } = {}): string | null {
  if (isBlank(v)) return null;
  if (typeof v !== 'number' && typeof v !== 'string') throw new ValueError(`${field} is not an amount`);
  let d;
  try {
    d = parseDecimal(typeof v === 'string' ? v.replace(/^\$/, '') : v);
  } catch {
    throw new ValueError(`${field} is not an amount: "${String(v)}"`);
  }
  if (opts.cents) d = d.div(100);
  return toDecimalString(d, 12);
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

export function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  // What exports write, as they write it: no string made.
  if (v === 'FALSE' || v === 'false') return false;
  if (v === 'TRUE' || v === 'true') return true;
  if (isBlank(v)) return false;
  const s = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  throw new ValueError(`not a yes/no value: "${String(v)}"`);
}

const EARLIEST = Date.UTC(2020, 0, 1);

/**
 * A point in time: unix seconds or milliseconds (number or digits), ISO 8601 with or without zone, `YYYY-MM-DD`,
 * `YYYY-MM-DD HH:MM[:SS[.fff]]` (taken as UTC). Refuses impossible dates (2024-02-30) and ones before 2020 or
 * more than a day in the future.
 */
export function time(v: unknown, field: string): Date {
  if (isBlank(v)) throw new ValueError(`${field} is missing`);
  let d: Date;
  if (typeof v === 'number' || (typeof v === 'string' && /^\d{9,13}(\.\d+)?$/.test(v.trim()))) {
    const n = Number(v);
    d = new Date(n > 1e11 ? n : n * 1000);
  } else if (typeof v === 'string') {
    const s = v.trim();
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s);
    if (!m) throw new ValueError(`${field} is not a date: "${s}"`);
    const [, y, mo, da, h = '00', mi = '00', se = '00', frac = '0', zone] = m;
    const ms = Number(`0.${frac}`) * 1000;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(se), Math.round(ms));
    const check = new Date(utc);
    if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(da) || Number(h) > 23 || Number(mi) > 59 || Number(se) > 60) {
      throw new ValueError(`${field} is not a real date: "${s}"`);
    }
    let offsetMin = 0;
    if (zone && zone !== 'Z') {
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
      offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
    }
    d = new Date(utc - offsetMin * 60_000);
  } else {
    throw new ValueError(`${field} is not a date`);
  }
  if (Number.isNaN(d.getTime())) throw new ValueError(`${field} is not a date: "${String(v)}"`);
  if (d.getTime() < EARLIEST || d.getTime() > Date.now() + 86_400_000) throw new ValueError(`${field} is out of range: ${d.toISOString()}`);
  return d;
}

/** Bucket width from start and end: 60 s → minute, 3600 s → hour, 86400 s → day, else request. */
export function granularityOf(start: Date, end: Date | null): UsageRecord['granularity'] {
  if (!end) return 'day';
  const s = (end.getTime() - start.getTime()) / 1000;
  if (s === 60) return 'minute';
  if (s === 3600) return 'hour';
  if (s === 86_400) return 'day';
  return s <= 0 ? 'request' : s < 3600 ? 'minute' : s < 86_400 ? 'hour' : 'day';
}

export function text(v: unknown): string {
  return isBlank(v) ? '' : String(v).trim();
}

/** Runs a row reader, turning ValueErrors into rejections (anything else is a bug and propagates). */
export function guard(fn: () => RowOutcome): RowOutcome {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValueError) return { kind: 'reject', reason: e.message };
    throw e;
  }
}

/** Index of each header name (lower-cased, trimmed); duplicate names are an error the pipeline reports. */
export function headerIndex(header: string[]): (name: string) => number {
  const map = new Map<string, number>();
  header.forEach((h, i) => { if (!map.has(h)) map.set(h, i); });
  return (name: string) => map.get(name) ?? -1;
}

export function record(p: Partial<UsageRecord> & Pick<UsageRecord, 'occurredAt' | 'rawModel'>): UsageRecord {
  // Written out field by field: this runs once per row on the ingest hot path.
  const r: UsageRecord = {
    occurredAt: p.occurredAt, granularity: p.granularity ?? 'day', providerId: p.providerId ?? null, rawModel: p.rawModel,
    project: p.project ?? '', apiKey: p.apiKey ?? '', userRef: p.userRef ?? '', requests: p.requests ?? 0, inputTokens: p.inputTokens ?? 0,
    cachedInputTokens: p.cachedInputTokens ?? 0, outputTokens: p.outputTokens ?? 0, batch: p.batch ?? false, reportedCostUsd: p.reportedCostUsd ?? null,
    keyExtra: p.keyExtra,
  };
  return r;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON object that may arrive as a string (a table dump) or an object (an API); unreadable means empty. */
export function jsonObject(v: unknown): Record<string, unknown> {
  if (isObject(v)) return v;
  if (typeof v !== 'string' || isBlank(v)) return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
