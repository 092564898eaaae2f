/**
 * Why a sample's token count differs between tokenizers: the scripts it is written in, whether it is code, how
 * much of it is digits. Tokenizers differ most on non-Latin scripts (vocabulary coverage), then on digits
 * (cl100k/o200k group up to 3 digits, Llama 2 splits every digit) and whitespace-heavy code.
 */
const SCRIPTS: [string, RegExp][] = [
  ['Devanagari (Hindi, Marathi, Nepali)', /\p{Script=Devanagari}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Chinese (Han)', /\p{Script=Han}/u],
  ['Japanese kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Korean (Hangul)', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Latin', /\p{Script=Latin}/u],
];

const CODE = /[{};]|=>|\b(function|const|let|def|return|import|class|public|select|from|where)\b|^\s{2,}\S/m;

export type Hint = { script: string; share: number; code: boolean; digits: number; label: string };

/** The dominant script (share of letters), code-likeness and digit share of a text (first 20k characters). */
export function describeText(text: string): Hint {
  const t = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const counts = new Map<string, number>();
  let letters = 0;
  let digits = 0;
  let visible = 0;
  for (const ch of t) {
    if (/\s/.test(ch)) continue;
    visible++;
    if (ch >= '0' && ch <= '9') { digits++; continue; }
    if (!/\p{L}|\p{M}/u.test(ch)) continue;
    letters++;
    const s = SCRIPTS.find(([, re]) => re.test(ch));
    const name = s ? s[0] : 'other script';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let script = 'none';
  let best = 0;
  for (const [k, v] of counts) if (v > best) { script = k; best = v; }
  const share = letters ? best / letters : 0;
  const codeLines = t.split('\n').filter((l) => CODE.test(l)).length;
  const code = codeLines >= 2 || (codeLines === 1 && /[{};]/.test(t) && /[=(]/.test(t));
  const digitShare = visible ? digits / visible : 0;
  const parts: string[] = [];
  if (script !== 'none' && script !== 'Latin') parts.push(`${script} script${share < 0.9 ? ` (${Math.round(share * 100)}% of letters)` : ''}`);
  else if (script === 'Latin' && share < 0.7) parts.push(`mixed scripts (${Math.round(share * 100)}% Latin)`);
  if (code) parts.push('code');
  if (digitShare >= 0.2) parts.push(`digits ${Math.round(digitShare * 100)}%`);
  if (parts.length === 0) parts.push(script === 'Latin' ? 'Latin-script prose' : 'symbols and punctuation');
  return { script, share, code, digits: digitShare, label: parts.join(', ') };
}
