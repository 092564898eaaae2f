import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { uploads, usage } from '@/db/schema';
import { getCatalog } from '@/db/queries/get-catalog';
import { createResolver } from '@/lib/catalog/resolve';
import { generateDemoUsage, isoDay } from '@/lib/demo/generate';
import { sha256 } from '@/lib/hash';
import { costUploadUsage } from './cost-usage';

/** Fills a workspace with the demo's sample usage (as one upload), costed with the reference prices. */
export async function loadDemoUsage(db: Db, workspaceId: string, endDay = isoDay(new Date(Date.now() - 86_400_000))): Promise<{ rows: number }> {
  const rows = generateDemoUsage(endDay);
  const resolve = createResolver((await getCatalog(db)).aliases);
  return db.transaction(async (tx) => {
    const [up] = await tx.insert(uploads).values({
      workspaceId, filename: 'demo-usage (generated)', format: 'demo', sha256: sha256(`demo:${endDay}`), status: 'processing', rowsRead: rows.length,
    }).returning({ id: uploads.id });
    const uploadId = up!.id;
    const values = rows.map((r) => ({
      workspaceId, uploadId, rowKey: sha256(`${r.day}|${r.providerId}|${r.rawModel}|${r.project}|${r.apiKey}`),
      occurredAt: new Date(`${r.day}T00:00:00Z`), day: r.day, granularity: 'day' as const, providerId: r.providerId,
      rawModel: r.rawModel, modelId: resolve(r.rawModel)?.modelId ?? null, project: r.project, apiKey: r.apiKey,
      requests: r.requests, inputTokens: r.inputTokens, cachedInputTokens: r.cachedInputTokens, outputTokens: r.outputTokens,
    }));
    for (let i = 0; i < values.length; i += 500) await tx.insert(usage).values(values.slice(i, i + 500));
    await costUploadUsage(tx as unknown as Db, workspaceId, uploadId);
    await tx.update(uploads).set({ status: 'done', rowsInserted: values.length, finishedAt: new Date() }).where(eq(uploads.id, uploadId));
    return { rows: values.length };
  });
}
