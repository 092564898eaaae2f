'use client';

import Link from 'next/link';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { apiError, callApi, getJson } from '@/app/_components/api-client';
import { SaveReport } from '@/app/_components/save-report';
import { ExploreDemo } from '@/app/_components/explore-demo';
import { decodeScenario, defaultScenario, encodeScenario, nextTargetId } from '@/lib/whatif/draft';
import type { WhatIfOptions } from '@/lib/whatif/options';
import type { WhatIfRun } from '@/lib/whatif/service';
import type { ScenarioSpec, TargetSpec } from '@/lib/whatif/spec';
import { scenarioSchema } from '@/lib/whatif/spec';
import { CheckList, NumberField, SelectField, inputClass } from './fields';
import { ComparisonTable, CostQualityChart, CumulativeChart, SelfHostedDetails, Sensitivity, Sources } from './results';
import { optionColor } from '@/lib/models/colors';
import { TargetEditor, newTarget } from './target-editor';

type Saved = { id: string; name: string; spec: ScenarioSpec; updatedAt: string };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function WhatIfClient({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const options = useQuery({ queryKey: ['whatif-options', workspaceId], queryFn: () => getJson<WhatIfOptions>('/api/v1/whatif/options') });
  const saved = useQuery({ queryKey: ['whatif-scenarios', workspaceId], queryFn: async () => (await getJson<{ scenarios: Saved[] }>('/api/v1/whatif/scenarios')).scenarios });

  // The scenario lives in the URL (`?s=` compact JSON, `&id=` when it is a saved one): a link reproduces it.
  const [spec, setSpec] = useState<ScenarioSpec | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (spec || !options.data) return;
    const url = new URLSearchParams(window.location.search);
    const parsed = scenarioSchema.safeParse(decodeScenario(url.get('s')));
    setSpec(parsed.success ? parsed.data : defaultScenario(options.data));
    setSavedId(url.get('id'));
    setName(parsed.success ? parsed.data.name ?? '' : '');
  }, [options.data, spec]);
  useEffect(() => {
    if (!spec) return;
    const qs = new URLSearchParams({ s: encodeScenario(spec) });
    if (savedId) qs.set('id', savedId);
    window.history.replaceState(null, '', `${window.location.pathname}?${qs}`);
  }, [spec, savedId]);

  const runSpec = useDebounced(spec, 250);
  const run = useQuery({
    queryKey: ['whatif-run', workspaceId, runSpec],
    queryFn: () => getJson<WhatIfRun>('/api/v1/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(runSpec) }),
    enabled: !!runSpec && runSpec.targets.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });

  const o = options.data;
  const update = (patch: Partial<ScenarioSpec>) => setSpec((s) => (s ? { ...s, ...patch } : s));
  const setWorkloads = (patch: Partial<NonNullable<ScenarioSpec['workloads']>>) => setSpec((s) => (s ? { ...s, workloads: { ...s.workloads, ...patch } } : s));
  const setTarget = (i: number, t: TargetSpec) => setSpec((s) => (s ? { ...s, targets: s.targets.map((x, j) => (j === i ? t : x)) } : s));

  const modelOptions = useMemo(() => {
    if (!o) return [];
    const families = new Map<string, number>();
    for (const m of o.workloads.models) if (m.family) families.set(m.family, (families.get(m.family) ?? 0) + m.tokens);
    return [
      ...[...families].map(([f, tokens]) => ({ value: f, label: `${f} (family)`, note: compact.format(tokens) })),
      ...o.workloads.models.map((m) => ({ value: m.id, label: m.name, note: compact.format(m.tokens) })),
    ];
  }, [o]);

  if (options.isPending) return <PageSkeleton />;
  if (options.error) return <ErrorState message={options.error.message} retry={() => options.refetch()} />;
  if (!o) return null;
  if (!o.latestUsageDay) {
    return (
      <div className="flex flex-col gap-4">
        <Header />
        <div className="rounded-lg border border-dashed border-border bg-panel p-8 text-center" data-testid="whatif-empty">
          <p className="text-lg font-medium">No usage to move yet</p>
          <p className="mt-1 text-sm text-muted">A what-if replays your own traffic under another model&apos;s prices. Upload a usage export first.</p>
          <div className="mt-4 flex flex-wrap justify-center gap-3">
            <Link href="/uploads" className="inline-flex items-center rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white">Upload an export</Link>
            <ExploreDemo />
          </div>
        </div>
      </div>
    );
  }
  if (!spec) return <PageSkeleton />;

  const save = async (asNew: boolean) => {
    const body = JSON.stringify({ name: name.trim() || 'Untitled scenario', spec: { ...spec, name: name.trim() || undefined } });
    const r = asNew || !savedId
      ? await callApi('/api/v1/whatif/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      : await callApi(`/api/v1/whatif/scenarios/${savedId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    if (!r.ok) return setNotice({ kind: 'error', text: apiError(r) });
    setSavedId(r.body.id as string);
    setNotice({ kind: 'ok', text: asNew && savedId ? 'Saved as a new scenario.' : 'Scenario saved.' });
    await qc.invalidateQueries({ queryKey: ['whatif-scenarios', workspaceId] });
  };
  const remove = async () => {
    if (!savedId || !window.confirm('Delete this saved scenario?')) return;
    const r = await callApi(`/api/v1/whatif/scenarios/${savedId}`, { method: 'DELETE' });
    if (!r.ok && r.status !== 204) return setNotice({ kind: 'error', text: apiError(r) });
    setSavedId(null);
    setNotice({ kind: 'ok', text: 'Scenario deleted.' });
    await qc.invalidateQueries({ queryKey: ['whatif-scenarios', workspaceId] });
  };
  const load = (id: string) => {
    const s = saved.data?.find((x) => x.id === id);
    if (!s) return;
    const parsed = scenarioSchema.safeParse(s.spec);
    if (!parsed.success) return setNotice({ kind: 'error', text: 'That saved scenario no longer reads as a valid scenario.' });
    setSpec(parsed.data);
    setSavedId(s.id);
    setName(s.name);
    setNotice(null);
  };

  const data = run.data;
  const share = spec.share ?? 1;
  return (
    <div className="flex flex-col gap-5">
      <Header />

      <div className="flex flex-wrap items-end gap-2 rounded-lg border border-border bg-panel p-3 text-sm" role="group" aria-label="Saved scenarios">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs text-muted">
          Scenario name
          <input className={inputClass} value={name} maxLength={120} placeholder="e.g. Support bot to Llama 3 70B" onChange={(e) => setName(e.target.value)} data-testid="scenario-name" />
        </label>
        {canEdit && (
          <>
            <button type="button" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white" onClick={() => save(false)}>{savedId ? 'Save' : 'Save scenario'}</button>
            {savedId && <button type="button" className="rounded-md border border-border px-3 py-1.5 hover:bg-panel-2" onClick={() => save(true)}>Duplicate</button>}
            {savedId && <button type="button" className="rounded-md border border-border px-3 py-1.5 text-bad hover:bg-panel-2" onClick={remove}>Delete</button>}
          </>
        )}
        <label className="flex flex-col gap-1 text-xs text-muted">
          Open a saved scenario
          <select className={inputClass} value={savedId ?? ''} onChange={(e) => load(e.target.value)} data-testid="saved-scenarios">
            <option value="">{saved.data?.length ? 'Choose…' : 'None saved yet'}</option>
            {saved.data?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        {canEdit && <SaveReport source={{ kind: 'whatif', spec: { ...spec, name: name.trim() || undefined }, scenarioId: savedId ?? undefined }} defaultTitle={name.trim() || 'What-if: moving workloads to open models'} />}
        {(saved.data?.length ?? 0) > 1 && <Link href="/what-if/compare" className="rounded-md border border-border px-3 py-1.5 hover:bg-panel-2">Compare saved</Link>}
        <button type="button" className="rounded-md border border-border px-3 py-1.5 hover:bg-panel-2" onClick={() => { setSpec(defaultScenario(o)); setSavedId(null); setName(''); }}>
          Start over
        </button>
        {notice && <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`w-full text-xs ${notice.kind === 'error' ? 'text-bad' : 'text-good'}`}>{notice.text}</p>}
      </div>

      <div className="grid gap-5 lg:grid-cols-[360px_minmax(0,1fr)]">
        <form className="flex flex-col gap-4" onSubmit={(e) => e.preventDefault()} aria-label="Scenario">
          <section className="flex flex-col gap-2 rounded-lg border border-border bg-panel p-3">
            <h2 className="text-sm font-semibold">1. Workloads to move</h2>
            <div className="grid grid-cols-2 gap-2">
              <label className="flex flex-col gap-1 text-xs text-muted">
                From
                <input type="date" className={inputClass} value={spec.baseline?.from ?? o.defaultPeriod?.from ?? ''} onChange={(e) => update({ baseline: { ...spec.baseline, from: e.target.value || undefined } })} />
              </label>
              <label className="flex flex-col gap-1 text-xs text-muted">
                To
                <input type="date" className={inputClass} value={spec.baseline?.to ?? o.defaultPeriod?.to ?? ''} onChange={(e) => update({ baseline: { ...spec.baseline, to: e.target.value || undefined } })} />
              </label>
            </div>
            <CheckList legend="Models" options={modelOptions} selected={spec.workloads?.models ?? []} onChange={(v) => setWorkloads({ models: v })} />
            <CheckList legend="Providers" options={o.workloads.providers.map((p) => ({ value: p, label: p || '(none)' }))} selected={spec.workloads?.providers ?? []} onChange={(v) => setWorkloads({ providers: v })} />
            <CheckList legend="Projects" options={o.workloads.projects.map((p) => ({ value: p, label: p }))} selected={spec.workloads?.projects ?? []} onChange={(v) => setWorkloads({ projects: v })} />
            <CheckList legend="API keys" options={o.workloads.apiKeys.map((p) => ({ value: p, label: p }))} selected={spec.workloads?.apiKeys ?? []} onChange={(v) => setWorkloads({ apiKeys: v })} />
            <label className="mt-1 flex flex-col gap-1 text-xs text-muted">
              <span className="flex justify-between"><span>Share of this traffic to move</span><output className="font-semibold text-text tabular" data-testid="share-value">{Math.round(share * 100)}%</output></span>
              <input type="range" min={0} max={100} step={5} value={Math.round(share * 100)} aria-label="Share of traffic to move, percent" data-testid="share-slider"
                onChange={(e) => update({ share: Number(e.target.value) / 100 })} />
            </label>
            <div className="grid grid-cols-2 gap-2">
              <NumberField label="Growth a month" value={spec.growthMonthlyPct} placeholder="0" suffix="%" min={-50} max={200} onChange={(v) => update({ growthMonthlyPct: v })} />
              <NumberField label="Horizon" value={spec.horizonMonths} placeholder="12" suffix="months" min={1} max={60} onChange={(v) => update({ horizonMonths: v === undefined ? undefined : Math.round(v) })} />
            </div>
          </section>

          <section className="flex flex-col gap-2 rounded-lg border border-border bg-panel p-3">
            <h2 className="text-sm font-semibold">2. Tokens and quality</h2>
            <SelectField
              label="Token profile (measured ratios)"
              value={spec.adjustments?.tokenProfileId ?? ''}
              options={[{ value: '', label: o.tokenProfiles.length ? 'None: use the ratios below' : 'None saved (Tokens page)' }, ...o.tokenProfiles.map((p) => ({ value: p.id, label: `${p.name}: in ×${Number(p.inputRatio)}, out ×${Number(p.outputRatio)}` }))]}
              onChange={(v) => update({ adjustments: { ...spec.adjustments, tokenProfileId: v || undefined } })}
            />
            <div className="grid grid-cols-2 gap-2">
              <NumberField label="Input token ratio" value={spec.adjustments?.inputTokenRatio} placeholder="1" min={0.01} max={10} onChange={(v) => update({ adjustments: { ...spec.adjustments, inputTokenRatio: v } })} />
              <NumberField label="Output token ratio" value={spec.adjustments?.outputTokenRatio} placeholder="1" min={0.01} max={10} onChange={(v) => update({ adjustments: { ...spec.adjustments, outputTokenRatio: v } })} />
            </div>
            <SelectField
              label="Elo snapshot"
              value={spec.quality?.snapshot ?? ''}
              options={[{ value: '', label: 'Automatic: the one rating most of these models' }, ...o.snapshots.map((s) => ({ value: s.id, label: `${s.name} (${s.asOf})${s.own ? ' — yours' : ''}` }))]}
              onChange={(v) => update({ quality: { ...spec.quality, snapshot: v || undefined } })}
            />
            <NumberField label="Quality floor: minimum win rate against today" value={spec.quality?.minWinRate} placeholder="none" scale={100} suffix="%" min={0} max={100}
              onChange={(v) => update({ quality: { ...spec.quality, minWinRate: v } })} />
          </section>

          <section className="flex flex-col gap-3">
            <h2 className="text-sm font-semibold">3. Options to compare</h2>
            {spec.targets.map((t, i) => (
              <TargetEditor key={t.id} index={i} target={t} options={o} color={optionColor(i)} onChange={(x) => setTarget(i, x)}
                onRemove={() => update({ targets: spec.targets.filter((_, j) => j !== i) })} />
            ))}
            {spec.targets.length < 8 && (
              <div className="flex flex-wrap gap-2 text-sm">
                {(['api', 'self_hosted', 'fine_tuned'] as const).map((k) => (
                  <button key={k} type="button" className="rounded-md border border-border bg-panel px-3 py-1.5 hover:bg-panel-2"
                    onClick={() => update({ targets: [...spec.targets, newTarget(k, nextTargetId(spec.targets), o)] })}>
                    + {k === 'api' ? 'Hosted model' : k === 'self_hosted' ? 'Self-hosted' : 'Fine-tuned'}
                  </button>
                ))}
              </div>
            )}
          </section>
        </form>

        <div className="flex min-w-0 flex-col gap-4" aria-live="polite" aria-busy={run.isFetching}>
          {spec.targets.length === 0 && <p className="rounded-lg border border-dashed border-border bg-panel p-6 text-sm text-muted">Add an option to compare.</p>}
          {run.error && <ErrorState message={run.error.message} retry={() => run.refetch()} />}
          {!data && run.isFetching && <ResultsSkeleton />}
          {data && (
            <div className={`flex flex-col gap-4 transition-opacity ${run.isFetching ? 'opacity-70' : ''}`}>
              <p className="rounded-lg border border-border bg-panel p-4 text-sm leading-relaxed" data-testid="whatif-summary">{data.summary}</p>
              {data.warnings.length > 0 && (
                <ul className="rounded-lg border border-warn/40 bg-warn/10 p-3 text-xs" aria-label="Warnings">
                  {data.warnings.map((w) => <li key={w}>{w}</li>)}
                </ul>
              )}
              <p className="text-xs text-muted tabular">
                Today: {compact.format(Number(data.baseline.inputTokens))} input and {compact.format(Number(data.baseline.outputTokens))} output tokens, {compact.format(Number(data.baseline.requests))} requests a month
                ({data.baseline.from} to {data.baseline.to}); {Math.round(data.share * 100)}% moved.
              </p>
              <ComparisonTable run={data} />
              <div className="grid gap-4 xl:grid-cols-2">
                <CumulativeChart run={data} />
                <CostQualityChart run={data} />
              </div>
              <SelfHostedDetails run={data} />
              <Sensitivity run={data} />
              <Sources run={data} />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function Header() {
  return (
    <header>
      <h1 className="text-2xl font-semibold tracking-tight">What-if</h1>
      <p className="mt-1 max-w-3xl text-sm text-muted">
        Replay your own traffic under other models&apos; prices, hosted, on your own GPUs or fine-tuned, and see the savings, the payback and
        the expected quality side by side. Every number comes from your usage, the price book and an Elo snapshot.
      </p>
    </header>
  );
}

function ErrorState({ message, retry }: { message: string; retry: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-bad/40 bg-bad/10 p-4 text-sm">
      <p className="font-medium text-bad">{message}</p>
      <button type="button" className="mt-2 rounded-md border border-border bg-panel px-3 py-1 text-xs" onClick={retry}>Try again</button>
    </div>
  );
}

function ResultsSkeleton() {
  return (
    <div className="flex animate-pulse flex-col gap-4" aria-label="Loading results">
      <div className="h-16 rounded-lg bg-panel-2" />
      <div className="h-48 rounded-lg bg-panel-2" />
      <div className="h-64 rounded-lg bg-panel-2" />
    </div>
  );
}

function PageSkeleton() {
  return (
    <div className="flex flex-col gap-5" aria-label="Loading">
      <Header />
      <div className="grid animate-pulse gap-5 lg:grid-cols-[360px_minmax(0,1fr)]">
        <div className="h-96 rounded-lg bg-panel-2" />
        <ResultsSkeleton />
      </div>
    </div>
  );
}
