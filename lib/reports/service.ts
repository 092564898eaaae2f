import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { reports, reportVersions, scenarios } from '@/db/schema';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { buildWhatIfSnapshot } from '@/lib/whatif/report';
import { buildOverviewSnapshot } from './build-overview';
import { buildUsageSnapshot } from './build-usage';
import type { ReportChange } from './diff';
import { diffSnapshots } from './diff';
import type { ReportOrigin } from './origin';
import { reportOriginSchema } from './origin';
import type { ReportSnapshot } from './types';

/**
 * Reports: a title over immutable versions. Creating one freezes a snapshot as version 1; a refresh recomputes the
 * snapshot from the report's origin into the next version and lists what changed. Versions are only ever inserted.
 */
export const createReportSchema = z.object({
  title: z.string().trim().min(1, 'give the report a title').max(200),
  note: z.string().max(2000).default(''),
  source: reportOriginSchema,
});
export type CreateReportInput = z.input<typeof createReportSchema>;

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Recomputes the numbers an origin stands for, now. */
export async function buildSnapshot(db: Db, workspaceId: string, origin: ReportOrigin): Promise<ReportSnapshot> {
  switch (origin.kind) {
    case 'overview': return buildOverviewSnapshot(db, workspaceId);
    case 'usage': return buildUsageSnapshot(db, workspaceId, origin.params);
    case 'whatif': {
      const { spec } = await withScenarioSpec(db, workspaceId, origin);
      try {
        return await buildWhatIfSnapshot(db, workspaceId, spec);
      } catch (e) {
        throw new BadRequestError(`The what-if scenario could not be evaluated: ${(e as Error).message}`);
      }
    }
  }
}

/** A what-if origin naming a saved scenario gets that scenario's spec copied in: a refresh reruns what was saved. */
async function withScenarioSpec(db: Db, workspaceId: string, origin: Extract<ReportOrigin, { kind: 'whatif' }>) {
  if (origin.spec !== undefined || !origin.scenarioId) return origin;
  if (!isUuid(origin.scenarioId)) throw new NotFoundError('No such saved scenario.');
  const [sc] = await db.select({ spec: scenarios.spec }).from(scenarios).where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, origin.scenarioId)));
  if (!sc) throw new NotFoundError('No such saved scenario.');
  return { ...origin, spec: sc.spec };
}

export async function createReport(db: Db, workspaceId: string, createdBy: string | null, input: CreateReportInput) {
  const parsed = createReportSchema.parse(input);
  const body = parsed.source.kind === 'whatif' ? { ...parsed, source: await withScenarioSpec(db, workspaceId, parsed.source) } : parsed;
  const snapshot = await buildSnapshot(db, workspaceId, body.source);
  return createReportFromSnapshot(db, workspaceId, { ...body, snapshot, createdBy });
}

/** Saves an already built snapshot as version 1 (the what-if page hands one over; tests use hand-made ones). */
export async function createReportFromSnapshot(
  db: Db, workspaceId: string,
  r: { title: string; note?: string; source: ReportOrigin; snapshot: ReportSnapshot; createdBy?: string | null },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(reports).values({ workspaceId, title: r.title, note: r.note ?? '', kind: r.source.kind, source: r.source, createdBy: r.createdBy ?? null }).returning();
    await tx.insert(reportVersions).values({ workspaceId, reportId: row!.id, version: 1, snapshot: r.snapshot, createdBy: r.createdBy ?? null });
    return { id: row!.id, title: row!.title, version: 1, asOf: r.snapshot.asOf };
  });
}

export type ReportListItem = { id: string; title: string; note: string; kind: string; createdAt: string; versions: number; latestAsOf: string | null; activeShares: number };

export async function listReports(db: Db, workspaceId: string): Promise<ReportListItem[]> {
  const list = await rows<{ id: string; title: string; note: string; kind: string; created_at: string | Date; versions: number; latest_as_of: string | null; active_shares: number }>(db, sql`
    select r.id::text as id, r.title, r.note, r.kind, r.created_at,
      (select count(*)::int from report_versions v where v.workspace_id = r.workspace_id and v.report_id = r.id) as versions,
      (select v.snapshot->>'asOf' from report_versions v where v.workspace_id = r.workspace_id and v.report_id = r.id order by v.version desc limit 1) as latest_as_of,
      (select count(*)::int from report_shares s where s.workspace_id = r.workspace_id and s.report_id = r.id and s.revoked_at is null and s.expires_at > now()) as active_shares
    from reports r where r.workspace_id = ${workspaceId} order by r.created_at desc limit 500`);
  return list.map((r) => ({ id: r.id, title: r.title, note: r.note, kind: r.kind, createdAt: new Date(r.created_at).toISOString(), versions: r.versions, latestAsOf: r.latest_as_of, activeShares: r.active_shares }));
}

export type ReportDetail = {
  id: string; title: string; note: string; kind: string; source: ReportOrigin; createdAt: string;
  version: number; latestVersion: number; snapshot: ReportSnapshot; versionCreatedAt: string;
  versions: { version: number; asOf: string; createdAt: string }[];
};

/** A report with one version (the newest unless asked); 404 for an id of another workspace or none at all. */
export async function getReport(db: Db, workspaceId: string, id: string, version?: number): Promise<ReportDetail> {
  if (!isUuid(id)) throw new NotFoundError('No such report.');
  const [r] = await db.select().from(reports).where(and(eq(reports.workspaceId, workspaceId), eq(reports.id, id)));
  if (!r) throw new NotFoundError('No such report.');
  const versions = await db.select({ version: reportVersions.version, createdAt: reportVersions.createdAt, asOf: sql<string>`${reportVersions.snapshot}->>'asOf'` })
    .from(reportVersions).where(and(eq(reportVersions.workspaceId, workspaceId), eq(reportVersions.reportId, id))).orderBy(desc(reportVersions.version));
  const latest = versions[0]?.version ?? 0;
  const want = version ?? latest;
  const [v] = await db.select().from(reportVersions).where(and(eq(reportVersions.workspaceId, workspaceId), eq(reportVersions.reportId, id), eq(reportVersions.version, want)));
  if (!v) throw new NotFoundError(`This report has no version ${want}.`);
  return {
    id: r.id, title: r.title, note: r.note, kind: r.kind, source: r.source as ReportOrigin, createdAt: r.createdAt.toISOString(),
    version: v.version, latestVersion: latest, snapshot: v.snapshot as ReportSnapshot, versionCreatedAt: v.createdAt.toISOString(),
    versions: versions.map((x) => ({ version: x.version, asOf: x.asOf, createdAt: x.createdAt.toISOString() })),
  };
}

/** Whether live data now differs from the newest version: recompute and compare (asOf aside). */
export async function checkLive(db: Db, workspaceId: string, id: string): Promise<{ differs: boolean; changes: ReportChange[]; version: number }> {
  const r = await getReport(db, workspaceId, id);
  const live = await buildSnapshot(db, workspaceId, r.source);
  const changes = diffSnapshots(r.snapshot, live);
  return { differs: changes.length > 0 || live.summary !== r.snapshot.summary, changes, version: r.version };
}

/** Recomputes into the next version; the versions before it stay as they were. */
export async function refreshReport(db: Db, workspaceId: string, id: string, createdBy: string | null) {
  const r = await getReport(db, workspaceId, id);
  const snapshot = await buildSnapshot(db, workspaceId, r.source);
  const version = r.latestVersion + 1;
  await db.insert(reportVersions).values({ workspaceId, reportId: id, version, snapshot, createdBy });
  return { id, version, asOf: snapshot.asOf, changes: diffSnapshots(r.snapshot, snapshot) };
}

/** The difference between two saved versions (default: the one before `to`). */
export async function diffVersions(db: Db, workspaceId: string, id: string, to: number, from = to - 1) {
  const [a, b] = await Promise.all([getReport(db, workspaceId, id, from), getReport(db, workspaceId, id, to)]);
  return { from, to, changes: diffSnapshots(a.snapshot, b.snapshot) };
}

export async function deleteReport(db: Db, workspaceId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError('No such report.');
  const gone = await db.delete(reports).where(and(eq(reports.workspaceId, workspaceId), eq(reports.id, id))).returning({ id: reports.id });
  if (!gone[0]) throw new NotFoundError('No such report.');
  await db.execute(sql`delete from report_shares where workspace_id = ${workspaceId} and report_id = ${id}`);
}
