'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_actions/auth';
import { createWorkspaceAction } from '@/app/_actions/auth';
import { changePasswordAction, deleteWorkspaceAction } from './actions';

const input = 'rounded-md border border-border bg-panel-2 px-3 py-1.5 text-sm';
const button = 'rounded-md border border-border bg-panel-2 px-3 py-1.5 text-sm font-medium hover:bg-accent-soft disabled:opacity-60';

export function CreateWorkspaceForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createWorkspaceAction, {});
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="mb-1 block">Name</span>
        <input name="name" required maxLength={80} className={input} />
      </label>
      <button type="submit" disabled={pending} className={button}>{pending ? 'Creating…' : 'Create workspace'}</button>
      {state.error && <p role="alert" className="w-full text-sm text-bad">{state.error}</p>}
    </form>
  );
}

export function DeleteWorkspaceForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteWorkspaceAction, {});
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="mb-1 block">Type <span className="font-mono">{slug}</span> to confirm</span>
        <input name="confirm" required autoComplete="off" className={input} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-bad px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
        {pending ? 'Deleting…' : 'Delete workspace'}
      </button>
      {state.error && <p role="alert" className="w-full text-sm text-bad">{state.error}</p>}
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, {});
  const field = (name: string, label: string, autoComplete: string) => (
    <label className="text-sm">
      <span className="mb-1 block">{label}</span>
      <input name={name} type="password" required minLength={name === 'current' ? undefined : 10} autoComplete={autoComplete} className={input} />
    </label>
  );
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
      {field('current', 'Current password', 'current-password')}
      {field('next', 'New password', 'new-password')}
      {field('confirm', 'New password again', 'new-password')}
      <button type="submit" disabled={pending} className={button}>{pending ? 'Changing…' : 'Change password'}</button>
      {state.error && <p role="alert" className="w-full text-sm text-bad">{state.error}</p>}
      {state.ok && <p role="status" className="w-full text-sm text-good">{state.ok}</p>}
    </form>
  );
}
