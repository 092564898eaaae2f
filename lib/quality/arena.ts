import { parseCsvRecords } from '@/lib/csv';

/**
 * Importers for Chatbot Arena / LMArena leaderboards. Elo is only comparable within one snapshot: every
 * import is its own snapshot, and nothing here mixes two.
 */
export type ArenaScore = {
  rawName: string;
  elo: number;
  ciLower: number | null;
  ciUpper: number | null;
  votes: number | null;
  rank: number | null;
};

export type ArenaSnapshot = { category: string; scores: ArenaScore[] };

export class ArenaFormatError extends Error {}

/**
 * The leaderboard as displayed (`rank,model,arena_elo|arena_score,95_pct_ci,votes,…`), CI written `+3/-4`.
 * Both the 2024 Chatbot Arena scrape and the 2025 LMArena one (with `rank_stylectrl`) read the same way.
 */
export function parseArenaCsv(text: string): ArenaSnapshot {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new ArenaFormatError('empty leaderboard file');
  const first = records[0]!.record;
  const eloKey = ['arena_elo', 'arena_score', 'elo', 'score', 'rating'].find((k) => k in first);
  if (!('model' in first) || !eloKey) {
    throw new ArenaFormatError('not an Arena leaderboard CSV: expected columns "model" and "arena_elo" or "arena_score"');
  }
  const scores: ArenaScore[] = [];
  for (const { line, record } of records) {
    const elo = Number(record[eloKey]);
    if (!record.model || !Number.isFinite(elo)) throw new ArenaFormatError(`line ${line}: no model or Elo`);
    const ci = parseCi(record['95_pct_ci'] ?? record.ci ?? '');
    scores.push({
      rawName: record.model,
      elo,
      ciLower: ci ? elo - ci.minus : null,
      ciUpper: ci ? elo + ci.plus : null,
      votes: intOrNull(record.votes),
      rank: intOrNull(record.rank),
    });
  }
  return { category: 'overall', scores };
}

/** `+3/-4` → { plus: 3, minus: 4 }; `±0` or `+0/-0` for the anchor model. */
export function parseCi(raw: string): { plus: number; minus: number } | null {
  const s = raw.trim();
  const m = /^\+?\s*(\d+(?:\.\d+)?)\s*\/\s*-\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (m) return { plus: Number(m[1]), minus: Number(m[2]) };
  const pm = /^±\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (pm) return { plus: Number(pm[1]), minus: Number(pm[1]) };
  return null;
}

function intOrNull(v: string | undefined): number | null {
  if (!v) return null;
  const n = Number(v.replace(/,/g, ''));
  return Number.isInteger(n) ? n : null;
}

/**
 * LMArena's arena-catalog `leaderboard-text.json`: `{ category: { model_key: { rating, rating_q975, rating_q025 } } }`.
 * Returns one snapshot per category; ranks are the CI-aware "rank UB" LMArena shows (1 + models whose lower
 * bound is above this one's upper bound).
 */
export function parseArenaCatalogJson(json: unknown): ArenaSnapshot[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ArenaFormatError('not an LMArena catalog: expected an object of categories');
  const out: ArenaSnapshot[] = [];
  for (const [category, models] of Object.entries(json as Record<string, unknown>)) {
    if (!models || typeof models !== 'object') continue;
    const scores: ArenaScore[] = [];
    for (const [rawName, v] of Object.entries(models as Record<string, unknown>)) {
      const r = v as Record<string, unknown>;
      if (typeof r?.rating !== 'number') throw new ArenaFormatError(`category ${category}, model ${rawName}: no numeric rating`);
      scores.push({
        rawName, elo: r.rating,
        ciLower: typeof r.rating_q025 === 'number' ? r.rating_q025 : null,
        ciUpper: typeof r.rating_q975 === 'number' ? r.rating_q975 : null,
        votes: typeof r.num_battles === 'number' ? r.num_battles : null, rank: null,
      });
    }
    for (const s of scores) {
      s.rank = 1 + scores.filter((o) => o.ciLower !== null && s.ciUpper !== null && o.ciLower > s.ciUpper).length;
    }
    out.push({ category: category === 'full' ? 'overall' : category, scores });
  }
  if (out.length === 0) throw new ArenaFormatError('LMArena catalog has no categories');
  return out;
}
