'use client';

import { useActionState, useState, useTransition } from 'react';
import { KEY_ROLES } from '@/lib/auth/roles';
import type { KeyState } from '../actions';
import { createKeyAction, revokeKeyAction } from '../actions';
import { CopyField } from '../copy-field';

export function CreateKeyForm() {
  const [state, action, pending] = useActionState<KeyState, FormData>(createKeyAction, {});
  return (
    <form action={action} className="mt-3">
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">Name</span>
          <input name="name" required maxLength={80} placeholder="e.g. nightly-export" className="w-64 rounded-md border border-border bg-panel-2 px-3 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block">Role</span>
          <select name="role" defaultValue="viewer" className="rounded-md border border-border bg-panel-2 px-2 py-1.5">
            {KEY_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </div>
      {state.error && <p role="alert" className="mt-2 text-sm text-bad">{state.error}</p>}
      {state.ok && <p role="status" className="mt-2 text-sm text-good">{state.ok}</p>}
      {state.key && <CopyField label="New API key" value={state.key} />}
    </form>
  );
}

export function RevokeButton({ id, name }: { id: string; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | undefined>();
  return (
    <>
      <button type="button" disabled={pending} className="text-bad hover:underline disabled:opacity-60"
        onClick={() => { if (confirm(`Revoke "${name}"? Scripts using it stop working at once.`)) start(async () => setError((await revokeKeyAction(id)).error)); }}>
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {error && <span role="alert" className="block text-xs text-bad">{error}</span>}
    </>
  );
}
