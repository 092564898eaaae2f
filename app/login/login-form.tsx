'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_actions/auth';
import { signInAction } from '@/app/_actions/auth';
import { Field, FormError, SubmitButton } from '../_components/auth-card';

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} noValidate={false}>
      <FormError message={state.error} />
      <input type="hidden" name="next" value={next} />
      <Field label="Email" name="email" type="email" autoComplete="username" defaultValue={state.values?.email} autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
    </form>
  );
}
