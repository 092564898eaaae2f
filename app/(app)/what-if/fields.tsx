'use client';

import { useEffect, useId, useState } from 'react';

export const inputClass = 'w-full rounded-md border border-border bg-panel-2 px-2 py-1 text-sm tabular';

/**
 * A number input that keeps what the person types (an empty box, "0.") and reports a number, or undefined when
 * empty. `scale` shows a fraction as a percentage (0.6 ↔ 60).
 */
export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number;
  scale?: number;
  suffix?: string;
  hint?: string;
  testId?: string;
}) {
  const id = useId();
  const scale = props.scale ?? 1;
  const shown = props.value === undefined ? '' : String(Math.round(props.value * scale * 1e6) / 1e6);
  const [text, setText] = useState(shown);
  useEffect(() => {
    // Follow outside changes (loading a saved scenario) without fighting the person typing.
    if (Number(text) !== Number(shown) || (text === '') !== (shown === '')) setText(shown);
  }, [shown]);
  const invalid = text !== '' && (!Number.isFinite(Number(text)) || (props.min !== undefined && Number(text) < props.min) || (props.max !== undefined && Number(text) > props.max));
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-xs text-muted">
      <span>{props.label}</span>
      <span className="flex items-center gap-1">
        <input
          id={id}
          data-testid={props.testId}
          inputMode="decimal"
          className={`${inputClass} ${invalid ? 'border-bad' : ''}`}
          value={text}
          placeholder={props.placeholder}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            const t = e.target.value;
            setText(t);
            if (t.trim() === '') props.onChange(undefined);
            else if (Number.isFinite(Number(t))) {
              const n = Number(t) / scale;
              if ((props.min === undefined || Number(t) >= props.min) && (props.max === undefined || Number(t) <= props.max)) props.onChange(n);
            }
          }}
        />
        {props.suffix && <span className="shrink-0 text-muted">{props.suffix}</span>}
      </span>
      {props.hint && <span className="text-[11px] text-muted/80">{props.hint}</span>}
    </label>
  );
}

export function SelectField(props: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; testId?: string }) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-xs text-muted">
      <span>{props.label}</span>
      <select id={id} data-testid={props.testId} className={inputClass} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

/** A compact multi-select as a list of checkboxes in a disclosure; empty means "all". */
export function CheckList(props: { legend: string; options: { value: string; label: string; note?: string }[]; selected: string[]; onChange: (v: string[]) => void }) {
  const { selected } = props;
  const summary = selected.length === 0 ? 'all' : selected.length <= 2 ? selected.map((s) => props.options.find((o) => o.value === s)?.label ?? s).join(', ') : `${selected.length} selected`;
  return (
    <details className="rounded-md border border-border bg-panel-2/50">
      <summary className="cursor-pointer px-2 py-1.5 text-xs">
        <span className="text-muted">{props.legend}: </span>
        <span className="font-medium">{summary}</span>
      </summary>
      <fieldset className="max-h-48 overflow-auto px-2 pb-2">
        <legend className="sr-only">{props.legend}</legend>
        {props.options.length === 0 && <p className="text-xs text-muted">None in this workspace.</p>}
        {props.options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 py-0.5 text-xs">
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) => props.onChange(e.target.checked ? [...selected, o.value] : selected.filter((s) => s !== o.value))}
            />
            <span className="truncate">{o.label}</span>
            {o.note && <span className="ml-auto shrink-0 text-muted tabular">{o.note}</span>}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
