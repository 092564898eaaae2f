import { z } from 'zod';

/** What a report was taken from, kept on the report so "refresh into a new version" can recompute it. */
export const REPORT_KINDS = ['overview', 'usage', 'whatif'] as const;

export const reportOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overview') }),
  z.object({ kind: z.literal('usage'), params: z.string().max(4000).default('') }),
  z.object({ kind: z.literal('whatif'), spec: z.unknown(), scenarioId: z.string().optional() }),
]);
export type ReportOrigin = z.infer<typeof reportOriginSchema>;
