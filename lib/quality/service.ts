import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { audit } from '@/db/queries/audit';
import type { AuditActor } from '@/db/queries/audit';
import { getCatalog } from '@/db/queries/get-catalog';
import { saveQualitySnapshot } from '@/db/queries/save-quality-snapshot';
import { judgments as judgmentsTable, workspaceAliases } from '@/db/schema';
import { BadRequestError } from '@/lib/api/errors';
import { createResolver } from '@/lib/catalog/resolve';
import { sha256 } from '@/lib/hash';
import { parseArenaCatalogJson, parseArenaCsv } from './arena';
import type { ArenaSnapshot } from './arena';
import type { Rating } from './bradley-terry';
import { fitByCategory } from './bradley-terry';
import { parseJudgments } from './judgments';
import { parseLeaderboardTable } from './leaderboard-table';
import { today } from '@/lib/clock';

/** Quality data in: Arena leaderboards (reference or a workspace's) and a team's own judgments fitted to Elo. */

async function resolverFor(h: Pick<DbHandle, 'db'>, workspaceId: string | null) {
  const catalog = await getCatalog(h.db, workspaceId);
  const own = workspaceId
    ? await h.db.select({ pattern: workspaceAliases.rawModel, modelId: workspaceAliases.modelId }).from(workspaceAliases).where(eq(workspaceAliases.workspaceId, workspaceId))
    : [];
  return createResolver([...catalog.aliases, ...own.map((a) => ({ ...a, rank: 0 }))]);
}

export type OwnEloResult = { judgments: number; categories: Record<string, Rating[]>; snapshots: { category: string; snapshotId: string; mapped: number; scores: number }[] };

/**
 * Fits the team's pairwise judgments to Elo (Bradley–Terry, bootstrap CIs, per category) and keeps each category
 * as a quality snapshot of the workspace, beside Arena's. Any unreadable row refuses the whole file.
 */
export async function importJudgments(
  h: Pick<DbHandle, 'db'>,
  input: { workspaceId: string; filename: string; text: string; anchor?: { model: string; elo: number }; rounds?: number; asOf?: string; actor: AuditActor },
): Promise<OwnEloResult> {
  let parsed;
  try {
    parsed = parseJudgments(input.text);
  } catch (e) {
    throw new BadRequestError((e as Error).message);
  }
  if (parsed.rejects.length) {
    const first = parsed.rejects.slice(0, 5).map((r) => `line ${r.line}: ${r.reason}`).join('; ');
    throw new BadRequestError(`${parsed.rejects.length} judgment rows cannot be read, so nothing was imported: ${first}${parsed.rejects.length > 5 ? '; …' : ''}`);
  }
  let categories: Record<string, Rating[]>;
  try {
    categories = fitByCategory(parsed.judgments, { anchor: input.anchor, rounds: input.rounds ?? 100, seed: 0 });
  } catch (e) {
    throw new BadRequestError((e as Error).message);
  }
  const resolve = await resolverFor(h, input.workspaceId);
  const asOf = input.asOf ?? today();
  const hash = sha256(`${JSON.stringify(input.anchor ?? null)}\n${input.rounds ?? 100}\n${input.text}`);
  const out: OwnEloResult = { judgments: parsed.judgments.length, categories, snapshots: [] };
  for (const [category, ratings] of Object.entries(categories)) {
    const snapshot: ArenaSnapshot = {
      category,
      scores: ratings.map((r, i) => ({ rawName: r.model, elo: r.elo, ciLower: r.ciLower, ciUpper: r.ciUpper, votes: r.battles, rank: i + 1 })),
    };
    const saved = await saveQualitySnapshot(h.db, {
      workspaceId: input.workspaceId, source: 'own_judgments', name: `Own judgments: ${input.filename}`, asOf, sha256: hash, snapshot, resolve,
    });
    out.snapshots.push({ category, snapshotId: saved.snapshotId, mapped: saved.mapped, scores: saved.scores });
    if (category === 'overall' || Object.keys(categories).length === 1) {
      await h.db.delete(judgmentsTable).where(eq(judgmentsTable.snapshotId, saved.snapshotId));
      const rowsToKeep = parsed.judgments.map((j, i) => ({ workspaceId: input.workspaceId, snapshotId: saved.snapshotId, line: i + 1, modelA: j.modelA, modelB: j.modelB, winner: j.winner, category: j.category }));
      for (let i = 0; i < rowsToKeep.length; i += 1000) await h.db.insert(judgmentsTable).values(rowsToKeep.slice(i, i + 1000));
    }
  }
  await audit(h.db, input.workspaceId, input.actor, 'quality.judgments_imported', input.filename, { judgments: parsed.judgments.length, categories: Object.keys(categories).length });
  return out;
}

/**
 * An Arena leaderboard as displayed (CSV), LMArena's catalog JSON (one snapshot per category) or an LMSYS
 * leaderboard_table CSV (metadata; only the 2023 layout carries Elo). Without a workspace it becomes reference data.
 */
export async function importArenaFile(
  h: Pick<DbHandle, 'db'>,
  input: { workspaceId: string | null; filename: string; text: string; asOf: string; actor: AuditActor },
) {
  const trimmed = input.text.trimStart();
  let snapshots: ArenaSnapshot[];
  let metadataOnly: number | null = null;
  try {
    if (trimmed.startsWith('{')) snapshots = parseArenaCatalogJson(JSON.parse(input.text));
    else if (/^key,|^model,mt-bench/i.test(trimmed)) {
      const t = parseLeaderboardTable(input.text);
      const withElo = t.rows.filter((r) => r.arenaElo !== null);
      if (withElo.length === 0) { metadataOnly = t.rows.length; snapshots = []; }
      else snapshots = [{ category: 'overall', scores: withElo.map((r) => ({ rawName: r.key ?? r.model, elo: r.arenaElo!, ciLower: null, ciUpper: null, votes: null, rank: null })) }];
    } else snapshots = [parseArenaCsv(input.text)];
  } catch (e) {
    throw new BadRequestError((e as Error).message);
  }
  if (metadataOnly !== null) return { snapshots: [], metadataOnly, message: `${metadataOnly} models of metadata (MMLU, MT-bench, license, organization) and no Elo: nothing to chart` };
  const resolve = await resolverFor(h, input.workspaceId);
  const hash = sha256(input.text);
  const saved = [];
  for (const s of snapshots) {
    const r = await saveQualitySnapshot(h.db, { workspaceId: input.workspaceId, source: 'arena', name: `${input.filename} (${input.asOf})`, asOf: input.asOf, sha256: hash, snapshot: s, resolve });
    saved.push({ category: s.category, ...r });
  }
  if (input.workspaceId) await audit(h.db, input.workspaceId, input.actor, 'quality.arena_imported', input.filename, { snapshots: saved.length });
  return { snapshots: saved, metadataOnly: null, message: null };
}
