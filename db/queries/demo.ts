import type { Db } from '@/db/client';
import { rawClientOf } from '@/db/client';
import { generateDemoUsage, isoDay } from '@/lib/demo/generate';
import { ingestUpload } from '@/lib/ingest/pipeline';
import { now } from '@/lib/clock';

const HEADER = 'day,provider,model,project,api_key,requests,input_tokens,cached_input_tokens,output_tokens';

/**
 * Fills a workspace with the demo's sample usage. It goes in the way a user's file does: a CSV through the real
 * ingestion path (generic CSV with a column mapping), costed with the reference prices, rolled up.
 */
export async function loadDemoUsage(db: Db, workspaceId: string, endDay = isoDay(new Date(now().getTime() - 86_400_000))): Promise<{ rows: number }> {
  const rows = generateDemoUsage(endDay);
  const csv = [HEADER, ...rows.map((r) => [r.day, r.providerId, r.rawModel, r.project, r.apiKey, r.requests, r.inputTokens, r.cachedInputTokens, r.outputTokens].join(','))].join('\n');
  const summary = await ingestUpload({ db, raw: rawClientOf(db) }, {
    workspaceId,
    filename: `demo-usage-${endDay}.csv`,
    chunks: (async function* () { yield new TextEncoder().encode(csv); })(),
    format: 'generic-csv',
    mapping: {
      time: 'day', model: 'model', provider: 'provider', project: 'project', apiKey: 'api_key', requests: 'requests',
      inputTokens: 'input_tokens', cachedInputTokens: 'cached_input_tokens', outputTokens: 'output_tokens', granularity: 'day',
    },
    actor: { label: 'demo generator' },
  });
  if (summary.status !== 'ingested') throw new Error(`demo usage did not load: ${summary.error}`);
  return { rows: summary.rowsIngested };
}
