import type { ScenarioSpec, TargetSpec } from './spec';

/**
 * The builder's side of a scenario: the starting point offered for a workspace, and the compact form the URL
 * carries so that a link reproduces the scenario. Pure (runs in the browser and in tests).
 */

export type OptionsForDefaults = {
  workloads: { models: { id: string; family: string | null; tokens: number }[] };
  targets: { id: string; providers: { providerId: string }[]; selfHostable: boolean }[];
};

/**
 * The motivating case when the data allows it: today's GPT-3.5 traffic (else the busiest model) against Llama 3
 * 70B and 8B on their cheapest hosted provider and Llama 3 70B on rented GPUs.
 */
export function defaultScenario(o: OptionsForDefaults): ScenarioSpec {
  const gpt35 = o.workloads.models.some((m) => m.family === 'gpt-3.5');
  const top = o.workloads.models[0];
  const targets: TargetSpec[] = [];
  const hosted = (id: string) => o.targets.find((t) => t.id === id && t.providers.length > 0);
  for (const [model, fallback] of [['llama-3-70b-instruct', 'llama-3.1-70b-instruct'], ['llama-3-8b-instruct', 'llama-3.1-8b-instruct']] as const) {
    const t = hosted(model) ?? hosted(fallback);
    if (t) targets.push({ id: `t${targets.length + 1}`, kind: 'api', model: t.id, provider: t.providers[0]!.providerId });
  }
  const gpu = o.targets.find((t) => t.id === 'llama-3-70b-instruct' && t.selfHostable) ?? o.targets.find((t) => t.selfHostable);
  if (gpu) targets.push({ id: `t${targets.length + 1}`, kind: 'self_hosted', model: gpu.id });
  if (targets.length === 0) {
    const any = o.targets.find((t) => t.providers.length > 0);
    if (any) targets.push({ id: 't1', kind: 'api', model: any.id, provider: any.providers[0]!.providerId });
  }
  return {
    workloads: { models: gpt35 ? ['gpt-3.5'] : top ? [top.id] : [] },
    share: 1,
    growthMonthlyPct: 0,
    horizonMonths: 12,
    targets,
  };
}

/** base64url of the JSON, so the whole scenario fits one query parameter. */
export function encodeScenario(spec: ScenarioSpec): string {
  const json = JSON.stringify(spec);
  const b64 = typeof btoa === 'function' ? btoa(unescape(encodeURIComponent(json))) : Buffer.from(json, 'utf8').toString('base64');
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeScenario(s: string | null | undefined): unknown {
  if (!s) return null;
  try {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    const json = typeof atob === 'function' ? decodeURIComponent(escape(atob(b64))) : Buffer.from(b64, 'base64').toString('utf8');
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** A fresh id for a new target in the builder. */
export function nextTargetId(targets: readonly { id: string }[]): string {
  let n = targets.length + 1;
  while (targets.some((t) => t.id === `t${n}`)) n++;
  return `t${n}`;
}
