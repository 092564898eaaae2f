/**
 * Money for people, exactly, without decimal.js: the browser's pages format decimal strings with this (decimal.js is
 * 12 KB of gzipped JavaScript on every page that shows a dollar). Digits are BigInt, rounding is half away from zero.
 * `lib/money.test.ts` checks it against decimal.js over thousands of generated values.
 */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Parts = { neg: boolean; int: bigint; scale: number };

function parts(value: string | number): Parts {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (!m[2] && !m[3])) throw new Error(`not a number: ${JSON.stringify(value)}`);
  let digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  let scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  if (scale < 0) { digits += '0'.repeat(-scale); scale = 0; }
  return { neg: m[1] === '-', int: BigInt(digits || '0'), scale };
}

/** The magnitude rounded half up to `dp` decimal places, as an integer count of 10^-dp. */
function roundTo(p: Parts, dp: number): bigint {
  if (p.scale <= dp) return p.int * 10n ** BigInt(dp - p.scale);
  const div = 10n ** BigInt(p.scale - dp);
  const q = p.int / div;
  return (p.int % div) * 2n >= div ? q + 1n : q;
}

/** An integer count of 10^-dp as plain decimal text, trailing zeros dropped. */
function plain(n: bigint, dp: number): string {
  if (dp <= 0) return (n * 10n ** BigInt(-dp)).toString();
  const s = n.toString().padStart(dp + 1, '0');
  const frac = s.slice(s.length - dp).replace(/0+$/, '');
  return frac ? `${s.slice(0, s.length - dp)}.${frac}` : s.slice(0, s.length - dp);
}

/** `$1,234.57` from one dollar up (and for zero), `$0.0575` (four significant digits, at least two decimals) below. */
export function formatCurrency(value: string | number | { toString(): string }, opts: { exact?: boolean } = {}): string {
  const p = parts(typeof value === 'string' || typeof value === 'number' ? value : value.toString());
  const zero = p.int === 0n;
  if (opts.exact || zero || p.int >= 10n ** BigInt(p.scale)) {
    const cents = roundTo(p, 2);
    // Intl formats a decimal string exactly (a browser without that reads it as a number: the same below $90 trillion).
    const text = `${p.neg && cents !== 0n ? '-' : ''}${plain(cents, 2)}`;
    return usd.format(text as unknown as number);
  }
  const dp = p.scale - p.int.toString().length + 4;
  let text = plain(roundTo(p, dp), dp);
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (decimals < 2) text = `${text}${decimals === 0 ? '.' : ''}${'0'.repeat(2 - decimals)}`;
  return `${p.neg ? '-' : ''}$${text}`;
}

/** `$0.50 / $1.50` for an input/output price pair per 1M tokens. */
export function formatPricePair(input: string, output: string): string {
  return `${formatCurrency(input)} / ${formatCurrency(output)}`;
}
