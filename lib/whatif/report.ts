import type { Db } from '@/db/client';
import type { ReportSnapshot } from '@/lib/reports/types';

/**
 * Runs a what-if scenario (a ScenarioSpec as JSON) for a workspace and freezes its results as a report snapshot.
 * Placeholder until the what-if engine lands; the reports module calls this for kind `whatif`.
 */
export async function buildWhatIfSnapshot(_db: Db, _workspaceId: string, _spec: unknown): Promise<ReportSnapshot> {
  throw new Error('The what-if engine is not available yet.');
}
