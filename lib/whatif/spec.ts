import { z } from 'zod';
import { isoDay } from '@/lib/api/params';

/**
 * A what-if scenario as people and programs write it (`POST /api/v1/whatif`, the CLI's scenario file, the
 * builder's saved state). Everything but `targets` is optional; defaults are filled by `withDefaults`.
 */
const day = isoDay('a date as YYYY-MM-DD');
const ratio = z.number().positive().max(10);
const label = z.string().trim().min(1).max(120);
const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const list = z.array(z.string().trim().min(1).max(200)).max(200);
/** A quality snapshot by id, as-of date (YYYY-MM-DD) or name; resolved against the workspace's when the scenario runs. */
const snapshotRef = z.string().trim().min(1).max(200);

const common = {
  id,
  label: label.optional(),
  /** Tokenizers differ: tokens on the target per token on today's model (a token profile's ratios, or typed). */
  inputTokenRatio: ratio.optional(),
  outputTokenRatio: ratio.optional(),
};

export const apiTargetSchema = z.object({
  ...common,
  kind: z.literal('api'),
  model: z.string().min(1),
  /** A LiteLLM provider id (`together_ai`) or a common name (`together`, `Fireworks`, `aws`), case-insensitive. */
  provider: z.string().min(1),
});

export const selfHostedTargetSchema = z.object({
  ...common,
  kind: z.literal('self_hosted'),
  model: z.string().min(1),
  gpu: z.string().min(1).max(80).optional(),
  /** $ per GPU-hour, a decimal string or number. */
  gpuHourlyUsd: z.union([z.string(), z.number()]).optional(),
  gpusPerReplica: z.number().int().min(1).max(64).optional(),
  inputTokensPerSecond: z.number().positive().max(1e7).optional(),
  outputTokensPerSecond: z.number().positive().max(1e7).optional(),
  /** Share of GPU time doing useful work, (0, 1]. */
  utilization: z.number().gt(0).max(1).optional(),
  minReplicas: z.number().int().min(0).max(1000).optional(),
});

export const fineTunedTargetSchema = z.object({
  ...common,
  kind: z.literal('fine_tuned'),
  /** The base model fine-tuned, and the provider that trains and serves it. */
  model: z.string().min(1),
  provider: z.string().min(1).optional(),
  trainingTokens: z.number().int().min(0).max(1e13),
  epochs: z.number().int().min(1).max(100).optional(),
  trainingPricePerMtok: z.union([z.string(), z.number()]),
  /** Serving prices of the fine-tuned model; default: the base model's price on the provider. */
  inputPricePerMtok: z.union([z.string(), z.number()]).optional(),
  outputPricePerMtok: z.union([z.string(), z.number()]).optional(),
  /** Fine-tuned models need shorter prompts: the share of input tokens saved, [0, 0.95]. */
  promptReduction: z.number().min(0).max(0.95).optional(),
  /** Quality: an Elo typed in, else the model's Elo in one of the team's own snapshots, else the base model's Arena Elo. */
  elo: z.number().min(0).max(4000).optional(),
  /** A workspace snapshot fitted from the team's own judgments (anchor it to an Arena model so the scales agree). */
  ownSnapshot: snapshotRef.optional(),
  /** The name the model has in that snapshot (e.g. "support-ft-v3"); default: the base model. */
  ownModel: z.string().min(1).max(200).optional(),
  eloLower: z.number().min(0).max(4000).optional(),
  eloUpper: z.number().min(0).max(4000).optional(),
});

export const targetSchema = z.discriminatedUnion('kind', [apiTargetSchema, selfHostedTargetSchema, fineTunedTargetSchema]);

export const scenarioSchema = z
  .object({
    name: z.string().trim().max(120).optional(),
    baseline: z.object({ from: day.optional(), to: day.optional() }).optional(),
    workloads: z
      .object({
        /** Catalog model ids, raw model strings or model families (`gpt-3.5`). */
        models: list.optional(),
        providers: list.optional(),
        projects: list.optional(),
        apiKeys: list.optional(),
      })
      .optional(),
    /** Fraction of the selected traffic moved, 0..1 (0.5 = 50%). */
    share: z.number().min(0, 'share is a fraction between 0 and 1').max(1, 'share is a fraction between 0 and 1 (0.5 = 50%)').optional(),
    growthMonthlyPct: z.number().min(-50).max(200).optional(),
    horizonMonths: z.number().int().min(1).max(60).optional(),
    /** Prices in force on this day; default: the baseline's last day. */
    priceDate: day.optional(),
    adjustments: z
      .object({ inputTokenRatio: ratio.optional(), outputTokenRatio: ratio.optional(), tokenProfileId: z.string().uuid().optional() })
      .optional(),
    quality: z.object({ snapshot: snapshotRef.optional(), minWinRate: z.number().min(0).max(1).optional() }).optional(),
    targets: z.array(targetSchema).min(1, 'at least one target').max(8),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.targets.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `duplicate target id "${t.id}"` });
      seen.add(t.id);
    });
    if (s.baseline?.from && s.baseline.to && s.baseline.from > s.baseline.to) {
      ctx.addIssue({ code: 'custom', path: ['baseline', 'from'], message: 'from is after to' });
    }
  });

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type TargetSpec = z.infer<typeof targetSchema>;
export type ApiTargetSpec = z.infer<typeof apiTargetSchema>;
export type SelfHostedTargetSpec = z.infer<typeof selfHostedTargetSchema>;
export type FineTunedTargetSpec = z.infer<typeof fineTunedTargetSchema>;
