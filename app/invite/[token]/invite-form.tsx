'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_actions/auth';
import { acceptInviteAction } from '@/app/_actions/auth';
import { Field, FormError, SubmitButton } from '../../_components/auth-card';

export function InviteForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInviteAction, {});
  return (
    <form action={action}>
      <FormError message={state.error} />
      <input type="hidden" name="token" value={token} />
      <Field label="Your name" name="name" autoComplete="name" required={false} autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="new-password" minLength={10} hint="At least 10 characters." />
      <SubmitButton pending={pending}>Join workspace</SubmitButton>
    </form>
  );
}
