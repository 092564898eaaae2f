import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { qualityScores, qualitySnapshots } from '@/db/schema';
import type { ArenaSnapshot } from '@/lib/quality/arena';

export type SaveSnapshotInput = {
  workspaceId: string | null;
  source: 'arena' | 'own_judgments' | 'custom';
  name: string;
  asOf: string;
  sha256: string;
  snapshot: ArenaSnapshot;
  resolve: (raw: string) => { modelId: string } | null;
};

/** One snapshot per (file, category), idempotent by sha256: importing the same file again replaces its scores. */
export async function saveQualitySnapshot(db: Db, input: SaveSnapshotInput): Promise<{ snapshotId: string; scores: number; mapped: number }> {
  return db.transaction(async (tx) => {
    const wsCond = input.workspaceId ? eq(qualitySnapshots.workspaceId, input.workspaceId) : isNull(qualitySnapshots.workspaceId);
    const existing = await tx.select({ id: qualitySnapshots.id }).from(qualitySnapshots)
      .where(and(wsCond, eq(qualitySnapshots.sha256, input.sha256), eq(qualitySnapshots.category, input.snapshot.category)));
    let snapshotId: string;
    if (existing[0]) {
      snapshotId = existing[0].id;
      await tx.update(qualitySnapshots).set({ name: input.name, asOf: input.asOf }).where(eq(qualitySnapshots.id, snapshotId));
      await tx.delete(qualityScores).where(eq(qualityScores.snapshotId, snapshotId));
    } else {
      const [row] = await tx.insert(qualitySnapshots).values({
        workspaceId: input.workspaceId, source: input.source, name: input.name, category: input.snapshot.category,
        asOf: input.asOf, sha256: input.sha256,
      }).returning({ id: qualitySnapshots.id });
      snapshotId = row!.id;
    }
    // A leaderboard can list the same display name twice (re-runs); keep the entry with the most votes.
    const byName = new Map<string, (typeof input.snapshot.scores)[number]>();
    for (const s of input.snapshot.scores) {
      const prev = byName.get(s.rawName);
      if (!prev || (s.votes ?? 0) > (prev.votes ?? 0)) byName.set(s.rawName, s);
    }
    const values = [...byName.values()].map((s) => ({
      snapshotId, rawName: s.rawName, modelId: input.resolve(s.rawName)?.modelId ?? null,
      elo: s.elo, ciLower: s.ciLower, ciUpper: s.ciUpper, votes: s.votes, rank: s.rank,
    }));
    for (let i = 0; i < values.length; i += 500) await tx.insert(qualityScores).values(values.slice(i, i + 500));
    return { snapshotId, scores: values.length, mapped: values.filter((v) => v.modelId).length };
  });
}
