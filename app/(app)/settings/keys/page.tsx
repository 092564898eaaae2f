import { OwnerOnly } from '@/app/_components/owner-only';
import { getDb } from '@/db';
import { listApiKeys } from '@/db/queries/api-keys';
import { requirePageAccess } from '@/lib/auth/page';
import { CreateKeyForm, RevokeButton } from './keys-client';

export const metadata = { title: 'API keys' };

function when(d: Date | string | null): string {
  return d ? new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

export default async function KeysPage() {
  const access = await requirePageAccess();
  if (access.role !== 'owner') return <OwnerOnly role={access.role} what="API keys" />;
  const keys = await listApiKeys(await getDb(), access.workspace.id);
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-lg border border-border bg-panel p-5">
        <h2 className="font-medium">Create a key</h2>
        <p className="mt-1 text-sm text-muted">
          For scripts and the CLI: send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> to any <code className="font-mono">/api/v1</code> route.
          A key acts in this workspace only, as an editor or a viewer.
        </p>
        <CreateKeyForm />
      </section>
      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-panel p-6 text-sm text-muted">No API keys yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-sm">
            <caption className="sr-only">API keys of {access.workspace.name}</caption>
            <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th><th scope="col" className="px-3 py-2">Key</th><th scope="col" className="px-3 py-2">Role</th>
                <th scope="col" className="px-3 py-2">Created</th><th scope="col" className="px-3 py-2">Last used</th><th scope="col" className="px-3 py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-b border-border last:border-0">
                  <th scope="row" className="px-3 py-2 text-left font-medium">{k.name}<span className="block text-xs font-normal text-muted">{k.createdBy ?? ''}</span></th>
                  <td className="px-3 py-2 font-mono text-xs">{k.prefix}…</td>
                  <td className="px-3 py-2">{k.role}</td>
                  <td className="px-3 py-2 text-muted">{when(k.createdAt)}</td>
                  <td className="px-3 py-2 text-muted">{when(k.lastUsedAt)}</td>
                  <td className="px-3 py-2">{k.revokedAt ? <span className="text-muted">revoked {when(k.revokedAt)}</span> : <RevokeButton id={k.id} name={k.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
