/** The frame of the sign-in, setup and invitation pages. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden className="inline-block h-5 w-5 rounded bg-accent" /> Frontier
        </div>
        <div className="rounded-xl border border-border bg-panel p-6 shadow-sm">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-muted">{subtitle}</p>}
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </main>
  );
}

export function Field(props: { label: string; name: string; type?: string; autoComplete?: string; defaultValue?: string; required?: boolean; hint?: string; minLength?: number; autoFocus?: boolean }) {
  return (
    <label className="mb-4 block text-sm">
      <span className="mb-1 block font-medium">{props.label}</span>
      <input
        className="w-full rounded-md border border-border bg-panel-2 px-3 py-2 outline-none focus:border-accent"
        name={props.name} type={props.type ?? 'text'} autoComplete={props.autoComplete} defaultValue={props.defaultValue}
        required={props.required ?? true} minLength={props.minLength} autoFocus={props.autoFocus}
      />
      {props.hint && <span className="mt-1 block text-xs text-muted">{props.hint}</span>}
    </label>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <p role="alert" className="mb-4 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad">{message}</p>;
}

export function SubmitButton({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  return (
    <button type="submit" disabled={pending} className="w-full rounded-md bg-accent px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
      {pending ? 'Working…' : children}
    </button>
  );
}
