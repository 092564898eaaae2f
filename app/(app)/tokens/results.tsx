'use client';

import type { CompareResult, DifferingSample } from '@/lib/tokens/compare';
import { TOKENIZER_INFO } from '@/lib/tokens/ids';
import type { RatioStat } from '@/lib/tokens/stats';
import { changeWords, formatBytes, int, ratio4 } from './format';
import { RatioChart } from './ratio-chart';

function RatioCard({ title, stat, sub }: { title: string; stat: RatioStat; sub: string }) {
  return (
    <div className="rounded-lg border border-border bg-panel p-4" data-testid={`ratio-${title.toLowerCase().split(' ')[0]}`}>
      <h3 className="text-xs font-medium uppercase tracking-wide text-muted">{title}</h3>
      <p className="mt-1 text-3xl font-semibold tabular" aria-label={`ratio ${ratio4(stat.ratio)}`}>{ratio4(stat.ratio)}<span className="text-lg text-muted">×</span></p>
      <p className="text-sm tabular">95% range <span data-testid="range">{ratio4(stat.ratioLower)}–{ratio4(stat.ratioUpper)}</span></p>
      <p className="mt-1 text-xs text-muted">{changeWords(stat.ratio)} · {int(stat.toTokens)} vs {int(stat.fromTokens)} tokens · {sub}</p>
    </div>
  );
}

function SampleList({ title, items, to, from }: { title: string; items: DifferingSample[]; to: string; from: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-panel">
      <h3 className="border-b border-border px-4 py-2 text-sm font-medium">{title}</h3>
      <ul>
        {items.map((s) => (
          <li key={s.line} className="border-b border-border px-4 py-2 text-sm last:border-0" data-testid="differing-sample">
            <div className="flex flex-wrap items-baseline gap-x-3 text-xs text-muted">
              <span>line {int(s.line)}</span>
              <span className="font-medium text-text tabular">{ratio4(s.ratio)}×</span>
              <span className="tabular">{int(s.toTokens)} {to} vs {int(s.fromTokens)} {from}</span>
              <span className="rounded bg-accent-soft px-1.5 py-0.5 text-text">{s.hint.label}</span>
            </div>
            <p className="mt-1 line-clamp-3 whitespace-pre-wrap break-words font-mono text-xs">{s.text}{s.truncated ? '…' : ''}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Results({ r }: { r: CompareResult }) {
  const from = TOKENIZER_INFO[r.from].label;
  const to = TOKENIZER_INFO[r.to].label;
  return (
    <section aria-labelledby="results-h" className="flex flex-col gap-4">
      <div>
        <h2 id="results-h" className="text-lg font-semibold">{to} against {from}</h2>
        <p className="text-sm text-muted">
          {int(r.samples)} samples ({r.format === 'jsonl' ? 'chat JSONL' : r.format === 'blocks' ? 'blocks separated by blank lines' : 'one per line'}{r.bytes ? `, ${formatBytes(r.bytes)}` : ''}) counted in {(r.millis / 1000).toFixed(1)} s.
          Ratio = Σ {to} tokens ÷ Σ {from} tokens; range: {int(r.rounds)} bootstrap resamples of the samples (seed {r.seed}).
        </p>
        {r.skipped > 0 && (
          <details className="mt-1 text-sm text-warn">
            <summary className="cursor-pointer">{int(r.skipped)} line{r.skipped === 1 ? '' : 's'} skipped</summary>
            <ul className="mt-1 list-disc pl-5 text-muted">{r.issues.slice(0, 20).map((i) => <li key={i.line}>line {int(i.line)}: {i.reason}</li>)}</ul>
          </details>
        )}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {r.input && r.output ? (
          <>
            <RatioCard title="Input tokens" stat={r.input} sub="system + user" />
            <RatioCard title="Output tokens" stat={r.output} sub="assistant" />
            <RatioCard title="All tokens" stat={r.all} sub="input + output" />
          </>
        ) : <RatioCard title="All tokens" stat={r.all} sub="no roles: all text is input" />}
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-sm">
          <caption className="sr-only">Tokens per tokenizer</caption>
          <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
            <tr><th scope="col" className="px-3 py-2">Tokenizer</th><th scope="col" className="px-3 py-2">Models</th><th scope="col" className="px-3 py-2 text-right">Input</th><th scope="col" className="px-3 py-2 text-right">Output</th><th scope="col" className="px-3 py-2 text-right">Total</th><th scope="col" className="px-3 py-2 text-right">÷ {from}</th></tr>
          </thead>
          <tbody>
            {r.tokenizers.map((t) => (
              <tr key={t.id} className="border-b border-border last:border-0" data-testid="tokenizer-row">
                <th scope="row" className="px-3 py-1.5 text-left font-medium">{t.label}{t.id === r.from ? <span className="ml-2 text-xs font-normal text-muted">source</span> : t.id === r.to ? <span className="ml-2 text-xs font-normal text-accent">target</span> : null}</th>
                <td className="px-3 py-1.5 text-muted">{t.models}</td>
                <td className="px-3 py-1.5 text-right tabular">{int(t.input)}</td>
                <td className="px-3 py-1.5 text-right tabular">{int(t.output)}</td>
                <td className="px-3 py-1.5 text-right font-medium tabular">{int(t.total)}</td>
                <td className="px-3 py-1.5 text-right tabular">{ratio4(t.ratio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.distribution && <RatioChart distribution={r.distribution} ratio={Number(r.all.ratio)} fromLabel={from} toLabel={to} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <SampleList title={`Fewest ${to} tokens per ${from} token`} items={r.lower} to={to} from={from} />
        <SampleList title={`Most ${to} tokens per ${from} token`} items={r.higher.filter((h) => !r.lower.some((l) => l.line === h.line))} to={to} from={from} />
      </div>
    </section>
  );
}
