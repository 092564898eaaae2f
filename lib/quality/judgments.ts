import { parseCsv } from '@/lib/csv';

/**
 * Pairwise judgments ("A or B is better") from the team's own evals, in the shape LMSYS/FastChat battles
 * have: model_a, model_b, winner, and an optional category. Read from CSV/TSV (header required, any column
 * order) or JSONL (one object a line; a JSON array of the same objects is accepted too).
 */
export type Winner = 'a' | 'b' | 'tie';
export type Judgment = { modelA: string; modelB: string; winner: Winner; category: string };
export type JudgmentReject = { line: number; reason: string };
export type ParsedJudgments = { judgments: Judgment[]; rejects: JudgmentReject[] };

export const DEFAULT_CATEGORY = 'overall';

/**
 * Both-bad ties count as ties, as in FastChat's rating code (it only separates them for display). Spaces,
 * dashes and case are normalised so `Tie (BothBad)`, `tie_bothbad` and `tie-bothbad` read alike.
 */
const WINNERS: Record<string, Winner> = {
  model_a: 'a', a: 'a',
  model_b: 'b', b: 'b',
  tie: 'tie', 'tie (bothbad)': 'tie', 'tie(bothbad)': 'tie', tie_bothbad: 'tie', 'tie bothbad': 'tie',
};

export function parseWinner(raw: string): Winner | undefined {
  return WINNERS[raw.trim().toLowerCase().replace(/-/g, '_').replace(/\s+/g, ' ')];
}

/** Reads a judgments file; throws when nothing usable is left (no valid row, or fewer than two models). */
export function parseJudgments(text: string): ParsedJudgments {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = src.trimStart()[0];
  const named = new Set<string>();
  const parsed = first === '{' ? parseJsonl(src, named) : first === '[' ? parseJsonArray(src, named) : parseCsvJudgments(src, named);
  assertUsable(parsed, named);
  return parsed;
}

type RawJudgment = { modelA: unknown; modelB: unknown; winner: unknown; category: unknown };

/** One row's checks, shared by every format, so CSV and JSONL reject the same things with the same words. */
function toJudgment(raw: RawJudgment, named: Set<string>): Judgment | string {
  const modelA = asText(raw.modelA);
  const modelB = asText(raw.modelB);
  if (modelA) named.add(modelA);
  if (modelB) named.add(modelB);
  const winnerText = asText(raw.winner);
  if (!modelA && !modelB) return 'missing model_a and model_b';
  if (!modelA) return 'missing model_a';
  if (!modelB) return 'missing model_b';
  if (!winnerText) return 'missing winner';
  const winner = parseWinner(winnerText);
  if (!winner) return `unknown winner "${winnerText}" (expected model_a, model_b, tie or tie (bothbad))`;
  // A model judged against itself says nothing about its rating; FastChat drops these battles too.
  if (modelA === modelB) return `self-battle: ${modelA} against itself`;
  return { modelA, modelB, winner, category: asText(raw.category) || DEFAULT_CATEGORY };
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function parseCsvJudgments(text: string, named: Set<string>): ParsedJudgments {
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) throw new Error('the judgments file is empty');
  const keys = header.fields.map((h) => h.trim().toLowerCase());
  const col = (name: string) => keys.indexOf(name);
  const [ia, ib, iw, ic] = [col('model_a'), col('model_b'), col('winner'), col('category')];
  const missing = [['model_a', ia], ['model_b', ib], ['winner', iw]].filter(([, i]) => i === -1).map(([k]) => k);
  if (missing.length > 0) {
    throw new Error(`not a judgments CSV: the header (line ${header.line}) lacks ${missing.join(', ')}; expected model_a, model_b, winner and optionally category`);
  }
  const out: ParsedJudgments = { judgments: [], rejects: [] };
  for (const row of rows) {
    const f = row.fields;
    const j = toJudgment({ modelA: f[ia], modelB: f[ib], winner: f[iw], category: ic === -1 ? undefined : f[ic] }, named);
    if (typeof j === 'string') out.rejects.push({ line: row.line, reason: j });
    else out.judgments.push(j);
  }
  return out;
}

function parseJsonl(text: string, named: Set<string>): ParsedJudgments {
  const out: ParsedJudgments = { judgments: [], rejects: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      out.rejects.push({ line: i + 1, reason: 'not valid JSON' });
      continue;
    }
    addObject(out, value, i + 1, named);
  }
  return out;
}

/** FastChat's own dumps (`clean_battle_*.json`) are one JSON array; rows are numbered by position (1-based). */
function parseJsonArray(text: string, named: Set<string>): ParsedJudgments {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`the judgments file starts with "[" but is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new Error('the judgments JSON is not an array of objects');
  const out: ParsedJudgments = { judgments: [], rejects: [] };
  value.forEach((v, i) => addObject(out, v, i + 1, named));
  return out;
}

function addObject(out: ParsedJudgments, value: unknown, line: number, named: Set<string>) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.rejects.push({ line, reason: 'not a JSON object' });
    return;
  }
  const o = value as Record<string, unknown>;
  const j = toJudgment({ modelA: o.model_a, modelB: o.model_b, winner: o.winner, category: o.category }, named);
  if (typeof j === 'string') out.rejects.push({ line, reason: j });
  else out.judgments.push(j);
}

/**
 * `named` holds every model any row names, rejected rows included: a file of nothing but gpt-4o-vs-gpt-4o
 * rows deserves "only one model", not a bare "no valid judgment".
 */
function assertUsable({ judgments, rejects }: ParsedJudgments, named: Set<string>) {
  if (named.size === 1) {
    throw new Error(`the judgments name only one model (${[...named][0]}): a rating needs at least two`);
  }
  if (judgments.length === 0) {
    const first = rejects[0];
    const why = first ? ` (${rejects.length} rejected; first: line ${first.line}: ${first.reason})` : '';
    throw new Error(`no valid judgment in the file${why}`);
  }
}
