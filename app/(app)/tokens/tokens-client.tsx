'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { CompareResult } from '@/lib/tokens/compare';
import type { TokenizerId } from '@/lib/tokens/ids';
import { TOKENIZER_IDS, TOKENIZER_INFO } from '@/lib/tokens/ids';
import type { CompareInput, CompareProgress } from './compare-request';
import { requestCompare } from './compare-request';
import { formatBytes, int } from './format';
import { ProfileList, SaveProfile } from './profiles';
import { Results } from './results';

const field = 'rounded-md border border-border bg-panel-2 px-2 py-1';

const EXAMPLE = [
  { messages: [{ role: 'system', content: 'You are a helpful support agent.' }, { role: 'user', content: 'My invoice INV-2026-0042 shows 1,250.00 EUR but I expected 1,150.00.' }, { role: 'assistant', content: 'Sorry about that. The difference is the 100.00 EUR onboarding fee on line 3.' }] },
  { messages: [{ role: 'user', content: 'नमस्ते, मेरा ऑर्डर अभी तक नहीं आया है।' }, { role: 'assistant', content: 'असुविधा के लिए क्षमा करें। आपका ऑर्डर कल तक पहुँच जाएगा।' }] },
  { messages: [{ role: 'user', content: 'Καλησπέρα, μπορώ να αλλάξω τη διεύθυνση αποστολής;' }, { role: 'assistant', content: 'Βεβαίως, στείλτε μας τη νέα διεύθυνση.' }] },
  { messages: [{ role: 'user', content: 'Write a Python function that reverses a string.' }, { role: 'assistant', content: 'def reverse(s: str) -> str:\n    return s[::-1]' }] },
].map((m) => JSON.stringify(m)).join('\n');

export function TokensClient({ workspace, canEdit, initial }: { workspace: string; canEdit: boolean; initial: { from: TokenizerId; to: TokenizerId; tokenizers: TokenizerId[] } }) {
  const router = useRouter();
  const pathname = usePathname();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [picked, setPicked] = useState<TokenizerId[]>(initial.tokenizers);
  const [source, setSource] = useState<'paste' | 'file'>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<CompareProgress | null>(null);
  const [result, setResult] = useState<CompareResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<(() => void) | null>(null);

  // The tokenizer choice lives in the URL, so a comparison setup can be shared or bookmarked.
  const sync = (next: { from?: TokenizerId; to?: TokenizerId; tokenizers?: TokenizerId[] }) => {
    const f = next.from ?? from;
    const t = next.to ?? to;
    const tk = next.tokenizers ?? picked;
    const qs = new URLSearchParams({ from: f, to: t, tok: TOKENIZER_IDS.filter((id) => tk.includes(id)).join(',') });
    router.replace(`${pathname}?${qs}`, { scroll: false });
  };
  const togglePicked = (id: TokenizerId, on: boolean) => {
    const next = on ? [...picked, id] : picked.filter((x) => x !== id);
    setPicked(next);
    sync({ tokenizers: next });
  };

  const busy = progress !== null;
  const run = async () => {
    setError(null);
    if (from === to) { setError('Pick two different tokenizers for source and target.'); return; }
    const input: CompareInput | null = source === 'file' ? (file ? { file } : null) : text.trim() ? { text } : null;
    if (!input) { setError(source === 'file' ? 'Choose a file of samples first.' : 'Paste some samples first: one per line, blocks separated by blank lines, or chat JSONL.'); return; }
    const tokenizers = TOKENIZER_IDS.filter((id) => picked.includes(id) && id !== from && id !== to);
    setProgress({ phase: 'sending', bytesSent: 0, bytesTotal: 'file' in input ? input.file.size : text.length, samples: 0 });
    const req = requestCompare(input, { from, to, tokenizers }, setProgress);
    abort.current = req.abort;
    try {
      setResult(await req.promise);
    } catch (e) {
      if ((e as Error).message !== 'cancelled') setError((e as Error).message);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Tokens</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          How many tokens the same text takes on another model, measured on your own prompts with the real tokenizers (run here, offline).
          Tokenizers differ most on non-Latin scripts, digits and code: Llama 3 needs about as many tokens as GPT-3.5 for English, about half for Hindi or Greek.
        </p>
      </header>

      <form className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 text-sm" aria-label="Compare tokenizers" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <fieldset className="flex flex-wrap items-center gap-4">
          <legend className="mb-1 font-medium">Samples</legend>
          <label className="flex items-center gap-1.5"><input type="radio" name="source" checked={source === 'paste'} onChange={() => setSource('paste')} /> Paste</label>
          <label className="flex items-center gap-1.5"><input type="radio" name="source" checked={source === 'file'} onChange={() => setSource('file')} /> Upload a file</label>
        </fieldset>
        {source === 'paste' ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="samples-text" className="sr-only">Samples to compare</label>
            <textarea id="samples-text" value={text} onChange={(e) => setText(e.target.value)} rows={8} spellCheck={false}
              placeholder={'One sample per line, or blocks separated by a blank line, or chat JSONL:\n{"messages":[{"role":"user","content":"…"},{"role":"assistant","content":"…"}]}'}
              className={`${field} w-full font-mono text-xs`} aria-describedby="samples-help" />
            <p id="samples-help" className="text-xs text-muted">
              Chat JSONL: input = system + user, output = assistant. Plain text has no roles (all input). Up to 5 MB pasted; upload larger files.{' '}
              <button type="button" className="text-accent underline" onClick={() => setText(EXAMPLE)}>Insert an example</button>
            </p>
          </div>
        ) : (
          <label className="flex flex-col gap-1">File (plain text, chat JSONL, optionally gzip; up to 100 MB)
            <input type="file" accept=".txt,.jsonl,.json,.md,.gz,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            {file && <span className="text-xs text-muted">{file.name} · {formatBytes(file.size)}</span>}
          </label>
        )}
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium">Tokenizers to count</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-1">
            {TOKENIZER_IDS.map((id) => (
              <label key={id} className="flex items-center gap-1.5" title={TOKENIZER_INFO[id].models}>
                <input type="checkbox" checked={picked.includes(id) || id === from || id === to} disabled={id === from || id === to} onChange={(e) => togglePicked(id, e.target.checked)} />
                {TOKENIZER_INFO[id].label} <span className="text-xs text-muted">{TOKENIZER_INFO[id].models}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex max-w-full flex-col gap-1">Source (today&apos;s model)
            <select className={`${field} max-w-full`} value={from} onChange={(e) => { const v = e.target.value as TokenizerId; setFrom(v); sync({ from: v }); }}>
              {TOKENIZER_IDS.map((id) => <option key={id} value={id}>{TOKENIZER_INFO[id].label} ({TOKENIZER_INFO[id].models})</option>)}
            </select>
          </label>
          <label className="flex max-w-full flex-col gap-1">Target (the model you would move to)
            <select className={`${field} max-w-full`} value={to} onChange={(e) => { const v = e.target.value as TokenizerId; setTo(v); sync({ to: v }); }}>
              {TOKENIZER_IDS.map((id) => <option key={id} value={id}>{TOKENIZER_INFO[id].label} ({TOKENIZER_INFO[id].models})</option>)}
            </select>
          </label>
          <button type="submit" disabled={busy} className="rounded-md bg-accent px-4 py-1.5 font-medium text-white disabled:opacity-60">{busy ? 'Counting…' : 'Compare'}</button>
          {busy && <button type="button" className="rounded-md border border-border px-3 py-1.5" onClick={() => abort.current?.()}>Cancel</button>}
        </div>
        {progress && (
          <div role="status" aria-live="polite" className="flex flex-col gap-1">
            <progress className="h-2 w-full max-w-md accent-[var(--accent)]" max={progress.bytesTotal || 1} value={progress.phase === 'sending' ? progress.bytesSent : progress.bytesTotal || 1} />
            <span className="text-xs text-muted">
              {progress.phase === 'sending' ? `Sending ${formatBytes(progress.bytesSent)} of ${formatBytes(progress.bytesTotal)}…` : `Counting… ${int(progress.samples)} samples so far`}
            </span>
          </div>
        )}
        {error && <p role="alert" className="text-bad">{error}</p>}
      </form>

      {result ? (
        <>
          <Results r={result} />
          {canEdit && <SaveProfile key={`${result.from}-${result.to}-${result.samples}-${result.all.toTokens}`} workspace={workspace} result={result} />}
        </>
      ) : !busy && (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted">
          Paste or upload samples and press Compare: you get tokens per tokenizer, the target ÷ source ratio with its 95% range (input and output apart for chat files), the spread over samples, and the samples that differ most.
        </p>
      )}
      <ProfileList workspace={workspace} canEdit={canEdit} />
    </div>
  );
}
