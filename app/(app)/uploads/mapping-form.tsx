'use client';

import { useState } from 'react';
import type { CsvMapping } from '@/lib/ingest/formats/generic-csv';
import { MAPPING_FIELDS } from '@/lib/ingest/formats/generic-csv';

const PROVIDERS = ['', 'openai', 'anthropic', 'azure', 'bedrock', 'google', 'vertex_ai', 'together_ai', 'groq', 'fireworks_ai', 'deepinfra', 'mistral', 'openrouter', 'cohere'];

/** The generic-CSV step: which column is which. Remembered for this header in the workspace once used. */
export function MappingForm({ seen, onSubmit }: { seen: { header: string[]; suggestion: Partial<CsvMapping> }; onSubmit: (m: CsvMapping) => void }) {
  const [m, setM] = useState<Partial<CsvMapping>>(seen.suggestion ?? {});
  const ready = Boolean(m.time && m.model);
  return (
    <form
      className="mt-4 rounded-md border border-border bg-panel-2 p-4 text-sm"
      aria-label="Column mapping"
      onSubmit={(e) => { e.preventDefault(); if (ready) onSubmit(m as CsvMapping); }}
    >
      <p className="font-medium">Map the columns</p>
      <p className="mt-1 text-muted">Frontier does not recognise this export. Say which column holds what; it will remember this for files with the same header.</p>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
        {MAPPING_FIELDS.map((f) => (
          <label key={f.key} className="flex flex-col gap-1">
            <span>{f.label}{f.required ? ' *' : ''}</span>
            <select aria-label={f.required ? `${f.label} *` : f.label} className="rounded border border-border bg-panel px-2 py-1" value={m[f.key] ?? ''} onChange={(e) => setM({ ...m, [f.key]: e.target.value || undefined })}>
              <option value="">{f.required ? 'Choose a column' : '(none)'}</option>
              {seen.header.map((h) => <option key={h} value={h}>{h}</option>)}
            </select>
          </label>
        ))}
        <label className="flex flex-col gap-1">
          <span>Provider (when no column)</span>
          <select className="rounded border border-border bg-panel px-2 py-1" value={m.defaultProvider ?? ''} onChange={(e) => setM({ ...m, defaultProvider: e.target.value || undefined })}>
            {PROVIDERS.map((p) => <option key={p} value={p}>{p || '(unknown)'}</option>)}
          </select>
        </label>
      </div>
      <button type="submit" disabled={!ready} className="mt-4 rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-50">Ingest with this mapping</button>
    </form>
  );
}
