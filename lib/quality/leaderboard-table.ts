import { parseCsv } from '@/lib/csv';

/**
 * LMSYS Chatbot Arena `leaderboard_table_YYYYMMDD.csv` (HF Space lmsys/chatbot-arena-leaderboard): per-model
 * metadata. Since 2024 it carries no Elo (that lives in the elo_results pickle, joined on `key`); the 2023
 * layout still had an `Arena Elo rating` column, returned when present. Three layouts are known:
 *   2023-06-19 … 2023-12-20: Model,MT-bench (score),Arena Elo rating,MMLU,License,Link
 *   2024-01-09:              key,Model,MT-bench (score),MMLU,License,Organization,Link
 *   2024-01-25 onward:       key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link
 * Anything else is refused rather than guessed at: a renamed column would silently come back as all-null.
 */

export type LeaderboardTableRow = {
  /** The pickle's model key (e.g. `llama-3-70b-instruct`); null in the 2023 layout, which has none. */
  key: string | null;
  /** Display name, e.g. `Llama-3-70b-Instruct`. */
  model: string;
  mtBench: number | null;
  /** A fraction (0.82), as the file writes it. */
  mmlu: number | null;
  /** As written, e.g. `2023/12` or `Online`. */
  knowledgeCutoff: string | null;
  license: string | null;
  organization: string | null;
  link: string | null;
  arenaElo: number | null;
};

export class LeaderboardTableFormatError extends Error {}

type Column = 'key' | 'model' | 'mtBench' | 'arenaElo' | 'mmlu' | 'knowledgeCutoff' | 'license' | 'organization' | 'link';

const HEADER_NAMES: Record<string, Column> = {
  key: 'key', model: 'model', 'mt-bench (score)': 'mtBench', 'arena elo rating': 'arenaElo', mmlu: 'mmlu',
  'knowledge cutoff date': 'knowledgeCutoff', license: 'license', organization: 'organization', link: 'link',
};

/** The known headers, newest first (see the file comment). */
const LAYOUTS = [
  'key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link',
  'key,Model,MT-bench (score),MMLU,License,Organization,Link',
  'Model,MT-bench (score),Arena Elo rating,MMLU,License,Link',
].map((h) => h.toLowerCase().split(',').map((n) => HEADER_NAMES[n]!));

/** `-` and an empty cell are how the file says "not known". */
function present(v: string | undefined): string | null {
  const s = (v ?? '').trim();
  return s === '' || s === '-' ? null : s;
}

function numberOrNull(v: string | undefined, line: number, label: string): number | null {
  const s = present(v);
  if (s === null) return null;
  const n = Number(s);
  // A value that is there but not a number means the columns are not what the header says: stop, don't chart it.
  if (!Number.isFinite(n)) throw new LeaderboardTableFormatError(`line ${line}: ${label} "${s}" is not a number`);
  return n;
}

export function parseLeaderboardTable(text: string): { rows: LeaderboardTableRow[] } {
  const rows = parseCsv(text, ',');
  const header = rows.shift();
  if (!header) throw new LeaderboardTableFormatError('empty leaderboard table: expected a header row');
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const columns = names.map((n) => HEADER_NAMES[n]);
  // Same columns in any order: the cells are read by name, so only the set of columns has to match.
  const known = LAYOUTS.some((l) => l.length === columns.length && l.every((c) => columns.includes(c)));
  if (!known || columns.some((c) => c === undefined)) {
    throw new LeaderboardTableFormatError(
      `not a known leaderboard_table layout: header "${header.fields.join(',')}"; expected the 2024 layout `
      + '"key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link" or an older one (2024-01-09 or 2023, see lib/quality/leaderboard-table.ts)',
    );
  }
  const at = (c: Column): number => columns.indexOf(c);

  const out: LeaderboardTableRow[] = [];
  for (const { line, fields } of rows) {
    if (fields.every((f) => f.trim() === '')) continue;
    const cell = (c: Column): string | undefined => (at(c) < 0 ? undefined : fields[at(c)]);
    const model = present(cell('model'));
    if (model === null) throw new LeaderboardTableFormatError(`line ${line}: no model name`);
    const cutoff = present(cell('knowledgeCutoff'));
    out.push({
      key: present(cell('key')),
      model,
      mtBench: numberOrNull(cell('mtBench'), line, 'MT-bench'),
      mmlu: numberOrNull(cell('mmlu'), line, 'MMLU'),
      // `Unknown` says the same as `-`; `Online` (a model with web access) is kept, it is an answer.
      knowledgeCutoff: cutoff !== null && cutoff.toLowerCase() === 'unknown' ? null : cutoff,
      license: present(cell('license')),
      organization: present(cell('organization')),
      link: present(cell('link')),
      arenaElo: numberOrNull(cell('arenaElo'), line, 'Arena Elo rating'),
    });
  }
  return { rows: out };
}
