import Link from 'next/link';

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

export function EmptyUsage({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-border bg-panel p-6">
      <p className="font-medium">{title}</p>
      <p className="mt-2 text-sm text-muted">{children ?? 'Upload an export from OpenAI, Anthropic, OpenRouter, LiteLLM and others, and this page shows where the money goes.'}</p>
      <Link className="mt-4 inline-block rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white" href="/uploads">Upload usage</Link>
    </div>
  );
}
