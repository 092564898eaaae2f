import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';

export async function listSnapshots(db: Db, workspaceId: string) {
  return rows<{ id: string; name: string; source: string; category: string; as_of: string; models: number; mapped: number; scope: string }>(db, sql`
    select s.id, s.name, s.source, s.category, s.as_of::text as as_of, count(q.*)::int as models, count(q.model_id)::int as mapped,
      case when s.workspace_id is null then 'reference' else 'workspace' end as scope
    from quality_snapshots s left join quality_scores q on q.snapshot_id = s.id
    where s.workspace_id is null or s.workspace_id = ${workspaceId}
    group by s.id order by s.as_of desc, s.name, s.category`);
}

export async function getSnapshotScores(db: Db, workspaceId: string, snapshotId: string) {
  return rows<{ raw_name: string; model_id: string | null; model_name: string | null; elo: number; ci_lower: number | null; ci_upper: number | null; votes: number | null; rank: number | null }>(db, sql`
    select q.raw_name, q.model_id, m.name as model_name, q.elo::float8 as elo, q.ci_lower::float8 as ci_lower, q.ci_upper::float8 as ci_upper, q.votes, q.rank
    from quality_scores q join quality_snapshots s on s.id = q.snapshot_id left join models m on m.id = q.model_id
    where q.snapshot_id = ${snapshotId} and (s.workspace_id is null or s.workspace_id = ${workspaceId})
    order by q.elo desc`);
}

/** One catalog model's Elo in every snapshot that rates it (Elo compares only within a snapshot). */
export async function getEloHistory(db: Db, workspaceId: string, modelId: string) {
  return rows<{ snapshot: string; as_of: string; category: string; source: string; elo: number; ci_lower: number | null; ci_upper: number | null; rank: number | null; of: number }>(db, sql`
    select s.name as snapshot, s.as_of::text as as_of, s.category, s.source, q.elo::float8 as elo, q.ci_lower::float8 as ci_lower, q.ci_upper::float8 as ci_upper, q.rank,
      (select count(*) from quality_scores x where x.snapshot_id = s.id)::int as of
    from quality_scores q join quality_snapshots s on s.id = q.snapshot_id
    where q.model_id = ${modelId} and (s.workspace_id is null or s.workspace_id = ${workspaceId})
    order by s.as_of, s.name`);
}
