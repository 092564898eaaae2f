'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_actions/auth';
import { acceptInviteAction, acceptInviteSignedInAction, signOutAction } from '@/app/_actions/auth';
import { Field, FormError, SubmitButton } from '../../_components/auth-card';

export function InviteForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInviteAction, {});
  return (
    <form action={action}>
      <FormError message={state.error} />
      <input type="hidden" name="token" value={token} />
      <Field label="Your name" name="name" autoComplete="name" required={false} autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="new-password" minLength={10} hint="At least 10 characters, not only spaces." />
      <SubmitButton pending={pending}>Join workspace</SubmitButton>
    </form>
  );
}

export function AcceptAsUserForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInviteSignedInAction, {});
  return (
    <form action={action}>
      <FormError message={state.error} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>Join workspace</SubmitButton>
    </form>
  );
}

export function SignOutToSwitch() {
  return (
    <form action={signOutAction}>
      <p className="mb-4 text-sm text-muted">Sign out, then open this link again to join with the invited account.</p>
      <SubmitButton pending={false}>Sign out</SubmitButton>
    </form>
  );
}
