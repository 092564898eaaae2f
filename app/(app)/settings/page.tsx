import { requirePageAccess } from '@/lib/auth/page';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { ChangePasswordForm, CreateWorkspaceForm, DeleteWorkspaceForm } from './workspace-forms';

export const metadata = { title: 'Settings' };

export default async function WorkspaceSettingsPage() {
  const access = await requirePageAccess();
  const ws = access.workspace;
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-lg border border-border bg-panel p-5">
        <h2 className="font-medium">This workspace</h2>
        <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
          <dt className="text-muted">Name</dt><dd>{ws.name}</dd>
          <dt className="text-muted">Slug</dt><dd className="font-mono">{ws.slug}</dd>
          <dt className="text-muted">Your role</dt><dd>{ROLE_LABELS[access.role]}</dd>
          {ws.isDemo && (<><dt className="text-muted">Data</dt><dd>Sample usage generated for the demo. Delete the workspace when you no longer need it.</dd></>)}
        </dl>
      </section>
      <section className="rounded-lg border border-border bg-panel p-5">
        <h2 className="font-medium">New workspace</h2>
        <p className="mt-1 text-sm text-muted">A separate space for another team or client: its own usage, prices, members and keys. You will be its owner.</p>
        <CreateWorkspaceForm />
      </section>
      {access.caller.kind === 'user' && (
        <section className="rounded-lg border border-border bg-panel p-5">
          <h2 className="font-medium">Your password</h2>
          <p className="mt-1 text-sm text-muted">For {access.caller.email}, in every workspace. Changing it signs out your other sessions.</p>
          <ChangePasswordForm />
        </section>
      )}
      {access.role === 'owner' && (
        <section className="rounded-lg border border-bad/40 bg-panel p-5">
          <h2 className="font-medium text-bad">Delete this workspace</h2>
          <p className="mt-1 text-sm text-muted">Deletes its usage, uploads, keys, members and audit log. This cannot be undone.</p>
          <DeleteWorkspaceForm slug={ws.slug} />
        </section>
      )}
    </div>
  );
}
