import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import { reportShares } from '@/db/schema';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { getReport } from './service';
import { shareView } from './share-view';
import type { ReportSnapshot } from './types';

/**
 * Read-only links to a report. The token is 32 random bytes (base64url), shown once and stored as its sha256;
 * the link dies at its expiry or when revoked.
 */
export const DEFAULT_SHARE_DAYS = 30;

export function shareMaxDays(): number {
  const parsed = z.coerce.number().int().min(1).max(3650).safeParse(process.env.FRONTIER_SHARE_MAX_DAYS || 90);
  return parsed.success ? parsed.data : 90;
}

export const createShareSchema = z.object({
  expiresInDays: z.number().int().min(1).optional(),
  /** Pin one version; unset shows the newest. */
  version: z.number().int().min(1).nullable().optional(),
});

export const shareTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createShare(db: Db, workspaceId: string, reportId: string, createdBy: string | null, opts: z.infer<typeof createShareSchema> = {}) {
  const r = await getReport(db, workspaceId, reportId);
  const days = opts.expiresInDays ?? DEFAULT_SHARE_DAYS;
  const max = shareMaxDays();
  if (days > max) throw new BadRequestError(`A share link lasts at most ${max} days.`);
  if (opts.version && !r.versions.some((v) => v.version === opts.version)) throw new NotFoundError(`This report has no version ${opts.version}.`);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const [row] = await db.insert(reportShares).values({ workspaceId, reportId, tokenHash: shareTokenHash(token), version: opts.version ?? null, expiresAt, createdBy }).returning();
  return { id: row!.id, token, path: `/r/${token}`, expiresAt: expiresAt.toISOString(), version: row!.version };
}

export type ShareRow = { id: string; version: number | null; expiresAt: string; revokedAt: string | null; viewCount: number; lastViewedAt: string | null; createdAt: string; state: 'active' | 'expired' | 'revoked' };

export async function listShares(db: Db, workspaceId: string, reportId: string): Promise<ShareRow[]> {
  await getReport(db, workspaceId, reportId);
  const list = await db.select().from(reportShares).where(and(eq(reportShares.workspaceId, workspaceId), eq(reportShares.reportId, reportId))).orderBy(desc(reportShares.createdAt));
  const now = Date.now();
  return list.map((s) => ({
    id: s.id, version: s.version, expiresAt: s.expiresAt.toISOString(), revokedAt: s.revokedAt?.toISOString() ?? null, viewCount: s.viewCount,
    lastViewedAt: s.lastViewedAt?.toISOString() ?? null, createdAt: s.createdAt.toISOString(),
    state: s.revokedAt ? 'revoked' : s.expiresAt.getTime() <= now ? 'expired' : 'active',
  }));
}

export async function revokeShare(db: Db, workspaceId: string, reportId: string, shareId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(shareId)) throw new NotFoundError('No such share link.');
  const done = await db.update(reportShares).set({ revokedAt: new Date() })
    .where(and(eq(reportShares.workspaceId, workspaceId), eq(reportShares.reportId, reportId), eq(reportShares.id, shareId), isNull(reportShares.revokedAt)))
    .returning({ id: reportShares.id });
  if (!done[0]) {
    const [exists] = await db.select({ id: reportShares.id }).from(reportShares).where(and(eq(reportShares.workspaceId, workspaceId), eq(reportShares.reportId, reportId), eq(reportShares.id, shareId)));
    if (!exists) throw new NotFoundError('No such share link.');
  }
}

/** `snapshot` is already the share reader's view of the version (share-view.ts): no upload names, ids or discount sizes. */
export type SharedReport = { shareId: string; reportId: string; title: string; note: string; version: number; snapshot: ReportSnapshot };
/** Why a known link shows nothing: turned off by a member, past its date, or its pinned version is no longer there. */
export type GoneReason = 'revoked' | 'expired' | 'unavailable';
export type ShareLookup = { status: 'ok'; report: SharedReport } | { status: 'gone'; reason: GoneReason } | { status: 'missing' };

/**
 * One indexed query by the token's hash answers every case (valid, expired, revoked, unknown), so the time taken
 * does not tell an unknown token from a dead one; a malformed token is hashed and looked up like any other.
 */
export async function resolveShare(db: Db, token: string, opts: { countView?: boolean } = {}): Promise<ShareLookup> {
  const [s] = await rows<{ id: string; report_id: string; live: boolean; revoked: boolean; expired: boolean; title: string; note: string; version: number | null; snapshot: ReportSnapshot | null }>(db, sql`
    select s.id::text as id, s.report_id::text as report_id, (s.revoked_at is null and s.expires_at > now()) as live,
      s.revoked_at is not null as revoked, s.expires_at <= now() as expired, r.title, r.note, v.version, v.snapshot
    from report_shares s
    join reports r on r.workspace_id = s.workspace_id and r.id = s.report_id
    left join lateral (
      select x.version, x.snapshot from report_versions x
      where x.workspace_id = s.workspace_id and x.report_id = s.report_id and (s.version is null or x.version = s.version)
        and s.revoked_at is null and s.expires_at > now()
      order by x.version desc limit 1
    ) v on true
    where s.token_hash = ${shareTokenHash(token)}`);
  if (!s) return { status: 'missing' };
  if (!s.live || !s.snapshot || s.version === null) return { status: 'gone', reason: s.revoked ? 'revoked' : s.expired ? 'expired' : 'unavailable' };
  if (opts.countView) await db.execute(sql`update report_shares set view_count = view_count + 1, last_viewed_at = now() where id = ${s.id}`);
  const snapshot = typeof s.snapshot === 'string' ? (JSON.parse(s.snapshot) as ReportSnapshot) : s.snapshot;
  return { status: 'ok', report: { shareId: s.id, reportId: s.report_id, title: s.title, note: s.note, version: s.version, snapshot: shareView(snapshot) } };
}
