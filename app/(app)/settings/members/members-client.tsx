'use client';

import { useActionState, useState, useTransition } from 'react';
import { ROLES } from '@/lib/auth/roles';
import type { InviteState } from '../actions';
import { changeRoleAction, inviteAction, removeMemberAction, revokeInviteAction } from '../actions';
import { CopyField } from '../copy-field';

export function InviteForm() {
  const [state, action, pending] = useActionState<InviteState, FormData>(inviteAction, {});
  return (
    <form action={action} className="mt-3">
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">Email</span>
          <input name="email" type="email" required className="w-72 rounded-md border border-border bg-panel-2 px-3 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block">Role</span>
          <select name="role" defaultValue="viewer" className="rounded-md border border-border bg-panel-2 px-2 py-1.5">
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
          {pending ? 'Inviting…' : 'Invite'}
        </button>
      </div>
      {state.error && <p role="alert" className="mt-2 text-sm text-bad">{state.error}</p>}
      {state.ok && <p role="status" className="mt-2 text-sm text-good">{state.ok}</p>}
      {state.link && <CopyField label="Invitation link" value={state.link} />}
    </form>
  );
}

type Member = { userId: string; email: string; name: string; role: string; joinedAt: string };

export function MemberRow({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ error?: string; ok?: string }>({});
  return (
    <tr className="border-b border-border last:border-0">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <span className="font-medium">{member.name || member.email}</span>
        {member.name && <span className="block text-xs text-muted">{member.email}</span>}
        {message.error && <span role="alert" className="block text-xs text-bad">{message.error}</span>}
      </th>
      <td className="px-3 py-2">
        <select
          aria-label={`Role of ${member.email}`} defaultValue={member.role} disabled={pending}
          className="rounded-md border border-border bg-panel-2 px-2 py-1"
          onChange={(e) => { const role = e.target.value; start(async () => setMessage(await changeRoleAction(member.userId, role))); }}
        >
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </td>
      <td className="px-3 py-2 text-muted">{member.joinedAt.slice(0, 10)}</td>
      <td className="px-3 py-2 text-right">
        {!isSelf && (
          <button
            type="button" disabled={pending} className="text-bad hover:underline disabled:opacity-60"
            onClick={() => { if (confirm(`Remove ${member.email} from this workspace?`)) start(async () => setMessage(await removeMemberAction(member.userId))); }}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

export function InviteRow({ invite }: { invite: { email: string; role: string; expiresAt: string } }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ error?: string; ok?: string }>({});
  return (
    <tr className="border-b border-border last:border-0">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <span className="font-medium">{invite.email}</span>
        {message.error && <span role="alert" className="block text-xs text-bad">{message.error}</span>}
      </th>
      <td className="px-3 py-2">{invite.role}</td>
      <td className="px-3 py-2 text-muted">{invite.expiresAt.slice(0, 10)}</td>
      <td className="px-3 py-2 text-right">
        <button
          type="button" disabled={pending} className="text-bad hover:underline disabled:opacity-60"
          onClick={() => start(async () => setMessage(await revokeInviteAction(invite.email)))}
        >
          Withdraw
        </button>
      </td>
    </tr>
  );
}
