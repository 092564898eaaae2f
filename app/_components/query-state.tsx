import Link from 'next/link';
import { ExploreDemo } from './explore-demo';

/** One look for loading, error and empty across the dashboards. */
export function Skeleton({ className = '', label = 'Loading' }: { className?: string; label?: string }) {
  return <div role="status" aria-busy="true" aria-label={label} className={`animate-pulse rounded-lg border border-border bg-panel-2 ${className}`} />;
}

export function QueryError({ title, error, onRetry }: { title: string; error: Error; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-bad/40 bg-panel p-4 text-sm">
      <p className="font-medium text-bad">{title}</p>
      <p className="mt-1 text-muted">{error.message}</p>
      {onRetry && <button type="button" className="mt-3 rounded-md border border-border px-3 py-1 hover:bg-panel-2" onClick={onRetry}>Retry</button>}
    </div>
  );
}

/** An empty workspace's page: what it will show, and the two ways on (your own export, or the demo's data). */
export function EmptyUsage({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section aria-label="Get started" className="rounded-lg border border-dashed border-border bg-panel p-6">
      <h2 className="font-medium">{title}</h2>
      <p className="mt-2 max-w-prose text-sm text-muted">{children ?? 'Upload an export from OpenAI, Anthropic, OpenRouter, LiteLLM and others, and this page shows where the money goes. Or look around the demo workspace first: a few months of sample usage.'}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        <Link className="inline-flex items-center rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white" href="/uploads">Upload an export</Link>
        <ExploreDemo />
      </div>
    </section>
  );
}
