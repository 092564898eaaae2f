'use client';

import type { WhatIfOptions } from '@/lib/whatif/options';
import type { TargetSpec } from '@/lib/whatif/spec';
import { formatCurrency } from '@/lib/format-currency';
import { NumberField, SelectField, inputClass } from './fields';

const KIND_LABEL: Record<TargetSpec['kind'], string> = { api: 'Hosted API', self_hosted: 'Self-hosted GPUs', fine_tuned: 'Fine-tuned' };

/** One target of the scenario: a hosted model, a model on rented GPUs, or a fine-tuned model. */
export function TargetEditor(props: {
  target: TargetSpec;
  index: number;
  color: string;
  options: WhatIfOptions;
  onChange: (t: TargetSpec) => void;
  onRemove: () => void;
}) {
  const { target: t, options: o } = props;
  const set = (patch: Partial<TargetSpec>) => props.onChange({ ...t, ...patch } as TargetSpec);
  const candidates = t.kind === 'self_hosted' ? o.targets.filter((m) => m.selfHostable) : o.targets.filter((m) => m.providers.length > 0);
  const model = o.targets.find((m) => m.id === t.model);
  const modelOptions = candidates.map((m) => ({ value: m.id, label: `${m.name}${m.openWeights ? '' : ' (closed)'}` }));
  if (!model && t.model) modelOptions.unshift({ value: t.model, label: t.model });
  const providerOptions = (model?.providers ?? []).map((p) => ({ value: p.providerId, label: `${p.providerName} — ${formatCurrency(p.input)} / ${formatCurrency(p.output)}` }));
  const gpuOptions = [...new Set(o.gpus.prices.map((g) => g.gpu))].map((g) => {
    const cheapest = o.gpus.prices.find((p) => p.gpu === g)!;
    return { value: g, label: `${g} — ${formatCurrency(cheapest.hourly_usd)}/h` };
  });

  return (
    <fieldset className="rounded-lg border border-border bg-panel p-3" data-testid={`target-${props.index}`}>
      <legend className="flex items-center gap-2 px-1 text-sm font-medium">
        <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: props.color }} />
        Option {props.index + 1}: {KIND_LABEL[t.kind]}
      </legend>
      <div className="grid grid-cols-2 gap-2">
        <label className="col-span-2 flex flex-col gap-1 text-xs text-muted">
          <span>Label (optional)</span>
          <input className={inputClass} value={t.label ?? ''} maxLength={120} placeholder="e.g. Llama 3 70B on Groq" onChange={(e) => set({ label: e.target.value || undefined })} />
        </label>
        <div className="col-span-2">
          <SelectField
            label={t.kind === 'fine_tuned' ? 'Base model' : 'Model'}
            value={t.model}
            testId={`target-${props.index}-model`}
            options={modelOptions}
            onChange={(v) => {
              const m = o.targets.find((x) => x.id === v);
              if (t.kind === 'api') set({ model: v, provider: m?.providers[0]?.providerId ?? '' });
              else if (t.kind === 'fine_tuned') set({ model: v, provider: m?.providers[0]?.providerId });
              else set({ model: v });
            }}
          />
        </div>
        {t.kind !== 'self_hosted' && (
          <div className="col-span-2">
            {providerOptions.length > 0 ? (
              <SelectField label="Provider (price in force)" value={t.provider ?? ''} testId={`target-${props.index}-provider`} options={providerOptions} onChange={(v) => set({ provider: v })} />
            ) : (
              <p className="text-xs text-warn">No provider prices this model on {o.priceDate}{t.kind === 'fine_tuned' ? '; enter serving prices below.' : '.'}</p>
            )}
          </div>
        )}
        {t.kind === 'self_hosted' && (
          <>
            <SelectField label="GPU" value={t.gpu ?? ''} options={[{ value: '', label: 'Cheapest published setup' }, ...gpuOptions]} onChange={(v) => set({ gpu: v || undefined })} />
            <NumberField label="$ per GPU-hour" value={t.gpuHourlyUsd === undefined ? undefined : Number(t.gpuHourlyUsd)} placeholder="from GPU table" min={0} onChange={(v) => set({ gpuHourlyUsd: v === undefined ? undefined : String(v) })} />
            <NumberField label="GPUs per replica" value={t.gpusPerReplica} placeholder="published" min={1} max={64} onChange={(v) => set({ gpusPerReplica: v === undefined ? undefined : Math.round(v) })} />
            <NumberField label="Min replicas always on" value={t.minReplicas} placeholder="1" min={0} max={1000} onChange={(v) => set({ minReplicas: v === undefined ? undefined : Math.round(v) })} />
            <NumberField label="Output tokens/s per replica" value={t.outputTokensPerSecond} placeholder="published" min={1} onChange={(v) => set({ outputTokensPerSecond: v })} />
            <NumberField label="Input tokens/s per replica" value={t.inputTokensPerSecond} placeholder="10× output" min={1} onChange={(v) => set({ inputTokensPerSecond: v })} />
            <NumberField label="Utilisation" value={t.utilization} placeholder="60" scale={100} suffix="%" min={1} max={100} testId={`target-${props.index}-utilization`} onChange={(v) => set({ utilization: v })} />
          </>
        )}
        {t.kind === 'fine_tuned' && (
          <>
            <NumberField label="Training tokens" value={t.trainingTokens} min={0} onChange={(v) => set({ trainingTokens: Math.round(v ?? 0) })} />
            <NumberField label="Epochs" value={t.epochs} placeholder="1" min={1} max={100} onChange={(v) => set({ epochs: v === undefined ? undefined : Math.round(v) })} />
            <NumberField label="Training $ per 1M tokens" value={Number(t.trainingPricePerMtok)} min={0} onChange={(v) => set({ trainingPricePerMtok: String(v ?? 0) })} />
            <NumberField label="Prompt reduction" value={t.promptReduction} placeholder="0" scale={100} suffix="%" min={0} max={95} onChange={(v) => set({ promptReduction: v })} />
            <NumberField label="Serving $ in / 1M" value={t.inputPricePerMtok === undefined ? undefined : Number(t.inputPricePerMtok)} placeholder="base price" min={0} onChange={(v) => set({ inputPricePerMtok: v === undefined ? undefined : String(v) })} />
            <NumberField label="Serving $ out / 1M" value={t.outputPricePerMtok === undefined ? undefined : Number(t.outputPricePerMtok)} placeholder="base price" min={0} onChange={(v) => set({ outputPricePerMtok: v === undefined ? undefined : String(v) })} />
            <NumberField label="Elo (typed in)" value={t.elo} placeholder="base model's" min={0} max={4000} onChange={(v) => set({ elo: v })} />
            {o.snapshots.some((x) => x.own) && (
              <>
                <SelectField label="Or Elo from your judgments" value={t.ownSnapshot ?? ''}
                  options={[{ value: '', label: 'No' }, ...o.snapshots.filter((x) => x.own).map((x) => ({ value: x.id, label: `${x.name} (${x.asOf})` }))]}
                  onChange={(v) => set({ ownSnapshot: v || undefined })} />
                <label className="flex flex-col gap-1 text-xs text-muted">
                  <span>Its name in the judgments</span>
                  <input className={inputClass} value={t.ownModel ?? ''} placeholder="base model" disabled={!t.ownSnapshot} onChange={(e) => set({ ownModel: e.target.value || undefined })} />
                </label>
              </>
            )}
          </>
        )}
        <NumberField label="Input token ratio" value={t.inputTokenRatio} placeholder="scenario's" min={0.01} max={10} hint="target ÷ today's tokens" onChange={(v) => set({ inputTokenRatio: v })} />
        <NumberField label="Output token ratio" value={t.outputTokenRatio} placeholder="scenario's" min={0.01} max={10} onChange={(v) => set({ outputTokenRatio: v })} />
      </div>
      <button type="button" onClick={props.onRemove} className="mt-2 text-xs text-bad hover:underline">Remove option {props.index + 1}</button>
    </fieldset>
  );
}

export function newTarget(kind: TargetSpec['kind'], id: string, o: WhatIfOptions): TargetSpec {
  const hosted = o.targets.find((m) => m.id === 'llama-3-70b-instruct' && m.providers.length) ?? o.targets.find((m) => m.openWeights && m.providers.length) ?? o.targets.find((m) => m.providers.length);
  if (kind === 'api') return { id, kind, model: hosted?.id ?? '', provider: hosted?.providers[0]?.providerId ?? '' };
  if (kind === 'self_hosted') return { id, kind, model: o.targets.find((m) => m.selfHostable)?.id ?? 'llama-3-70b-instruct' };
  const small = o.targets.find((m) => m.id === 'llama-3-8b-instruct' && m.providers.length) ?? o.targets.find((m) => m.id === 'llama-3.1-8b-instruct' && m.providers.length) ?? hosted;
  return { id, kind, model: small?.id ?? '', provider: small?.providers[0]?.providerId, trainingTokens: 20_000_000, epochs: 3, trainingPricePerMtok: '3', promptReduction: 0.3 };
}
