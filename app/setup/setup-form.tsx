'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_actions/auth';
import { setupAction } from '@/app/_actions/auth';
import { Field, FormError, SubmitButton } from '../_components/auth-card';

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  return (
    <form action={action}>
      <FormError message={state.error} />
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.values?.name} required={false} autoFocus />
      <Field label="Email" name="email" type="email" autoComplete="username" defaultValue={state.values?.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" minLength={10} hint="At least 10 characters." />
      <Field label="Workspace name" name="workspaceName" defaultValue={state.values?.workspaceName ?? 'My team'} hint="Usually your team or company." />
      <SubmitButton pending={pending}>Create account and workspace</SubmitButton>
    </form>
  );
}
