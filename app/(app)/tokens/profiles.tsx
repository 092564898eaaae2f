'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError, callApi, getJson } from '@/app/_components/api-client';
import type { CompareResult } from '@/lib/tokens/compare';
import { isTokenizerId, TOKENIZER_INFO } from '@/lib/tokens/ids';
import type { TokenProfile } from '@/lib/tokens/profile';
import { int, ratio4 } from './format';
import { profilesKey } from './keys';

const label = (id: string) => (isTokenizerId(id) ? TOKENIZER_INFO[id].label : id);

/** Save the comparison on screen as a named token profile (editors). */
export function SaveProfile({ workspace, result }: { workspace: string; result: CompareResult }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const stat = (s: { ratio: string; ratioLower: string; ratioUpper: string }) => ({ ratio: s.ratio, lower: s.ratioLower, upper: s.ratioUpper });
      const r = await callApi('/api/v1/tokens/profiles', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name, sourceTokenizer: result.from, targetTokenizer: result.to, samples: result.samples,
          input: stat(result.input ?? result.all), output: result.output ? stat(result.output) : undefined,
          detail: { all: result.all, tokenizers: result.tokenizers.map((t) => ({ id: t.id, input: t.input, output: t.output })), format: result.format, rounds: result.rounds, seed: result.seed },
        }),
      });
      if (!r.ok) throw new Error(apiError(r));
      return r.body.profile as TokenProfile;
    },
    onSuccess: async (p) => { setMsg({ ok: true, text: `Saved “${p.name}”.` }); setName(''); await qc.invalidateQueries({ queryKey: profilesKey(workspace) }); },
    onError: (e) => setMsg({ ok: false, text: (e as Error).message }),
  });
  return (
    <form className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-panel p-4 text-sm" aria-label="Save as token profile"
      onSubmit={(e) => { e.preventDefault(); setMsg(null); save.mutate(); }}>
      <label className="flex flex-col gap-1">Save as a token profile
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} placeholder="Support bot, cl100k → Llama 3" className="w-72 rounded-md border border-border bg-panel-2 px-2 py-1" />
      </label>
      <button type="submit" disabled={save.isPending} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-60">{save.isPending ? 'Saving…' : 'Save profile'}</button>
      <p className="basis-full text-xs text-muted">What-if scenarios can use a profile&apos;s input and output ratios instead of a typed-in token ratio.</p>
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-good' : 'text-bad'}>{msg.text}</p>}
    </form>
  );
}

/** The workspace's saved profiles, newest first; editors can delete. */
export function ProfileList({ workspace, canEdit }: { workspace: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const { data, isPending, error } = useQuery({ queryKey: profilesKey(workspace), queryFn: () => getJson<{ profiles: TokenProfile[] }>('/api/v1/tokens/profiles') });
  const [err, setErr] = useState<string | null>(null);
  const del = useMutation({
    mutationFn: async (p: TokenProfile) => {
      const r = await callApi(`/api/v1/tokens/profiles/${p.id}`, { method: 'DELETE' });
      if (!r.ok && r.status !== 404) throw new Error(apiError(r));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: profilesKey(workspace) }),
    onError: (e) => setErr((e as Error).message),
  });
  const profiles = data?.profiles ?? [];
  return (
    <section aria-labelledby="profiles-h" className="rounded-lg border border-border bg-panel">
      <h2 id="profiles-h" className="border-b border-border px-4 py-2 font-medium">Saved token profiles</h2>
      {isPending ? <p className="px-4 py-3 text-sm text-muted" role="status">Loading profiles…</p>
        : error ? <p className="px-4 py-3 text-sm text-bad" role="alert">{(error as Error).message}</p>
          : profiles.length === 0 ? <p className="px-4 py-3 text-sm text-muted">No profiles yet. Compare your samples above, then save the result{canEdit ? '' : ' (editors can save)'}.</p>
            : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">Saved token profiles</caption>
                  <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
                    <tr><th scope="col" className="px-3 py-2">Name</th><th scope="col" className="px-3 py-2">Source → target</th><th scope="col" className="px-3 py-2 text-right">Samples</th><th scope="col" className="px-3 py-2 text-right">Input ratio (95%)</th><th scope="col" className="px-3 py-2 text-right">Output ratio (95%)</th><th scope="col" className="px-3 py-2">Saved</th>{canEdit && <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>}</tr>
                  </thead>
                  <tbody>
                    {profiles.map((p) => (
                      <tr key={p.id} className="border-b border-border last:border-0" data-testid="profile-row">
                        <th scope="row" className="px-3 py-1.5 text-left font-medium">{p.name}</th>
                        <td className="px-3 py-1.5">{label(p.sourceTokenizer)} → {label(p.targetTokenizer)}</td>
                        <td className="px-3 py-1.5 text-right tabular">{int(p.samples)}</td>
                        <td className="whitespace-nowrap px-3 py-1.5 text-right tabular">{ratio4(p.inputRatio)} <span className="text-muted">({ratio4(p.inputLower)}–{ratio4(p.inputUpper)})</span></td>
                        <td className="whitespace-nowrap px-3 py-1.5 text-right tabular">{p.detail.roles === false ? <span className="text-muted">same as input</span> : <>{ratio4(p.outputRatio)} <span className="text-muted">({ratio4(p.outputLower)}–{ratio4(p.outputUpper)})</span></>}</td>
                        <td className="whitespace-nowrap px-3 py-1.5 text-muted">{new Date(p.createdAt).toLocaleDateString('en-CA')}</td>
                        {canEdit && (
                          <td className="px-3 py-1.5 text-right">
                            <button type="button" className="rounded-md border border-border px-2 py-0.5 text-xs hover:border-bad hover:text-bad disabled:opacity-60" disabled={del.isPending}
                              aria-label={`Delete profile ${p.name}`} onClick={() => { if (confirm(`Delete the token profile “${p.name}”?`)) { setErr(null); del.mutate(p); } }}>Delete</button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
      {err && <p role="alert" className="px-4 py-2 text-sm text-bad">{err}</p>}
    </section>
  );
}
