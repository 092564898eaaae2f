'use client';

import { useState } from 'react';

/** A secret or link shown once, with a copy button. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3 flex items-center gap-2">
      <label className="flex-1 text-sm">
        <span className="sr-only">{label}</span>
        <input readOnly value={value} aria-label={label} data-testid="secret" onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-md border border-border bg-panel-2 px-3 py-1.5 font-mono text-xs" />
      </label>
      <button type="button" className="rounded-md border border-border px-3 py-1.5 text-sm"
        onClick={async () => { await navigator.clipboard?.writeText(value).catch(() => {}); setCopied(true); }}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
