import { OwnerOnly } from '@/app/_components/owner-only';
import { getDb } from '@/db';
import { listAudit } from '@/db/queries/audit';
import { requirePageAccess } from '@/lib/auth/page';

export const metadata = { title: 'Audit log' };

const ACTIONS: Record<string, string> = {
  'user.signed_in': 'signed in',
  'workspace.created': 'created the workspace',
  'member.added': 'added a member',
  'member.invited': 'invited a member',
  'member.joined': 'joined',
  'member.role_changed': 'changed a role',
  'member.removed': 'removed a member',
  'api_key.created': 'created an API key',
  'api_key.revoked': 'revoked an API key',
};

export default async function AuditPage() {
  const access = await requirePageAccess();
  if (access.role !== 'owner') return <OwnerOnly role={access.role} what="the audit log" />;
  const rows = await listAudit(await getDb(), access.workspace.id, { limit: 200 });
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-border bg-panel p-6 text-sm text-muted">Nothing recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-panel">
      <table className="w-full text-sm">
        <caption className="sr-only">Audit log of {access.workspace.name}, newest first</caption>
        <thead className="border-b border-border bg-panel-2 text-left text-xs uppercase tracking-wide text-muted">
          <tr><th scope="col" className="px-3 py-2">When (UTC)</th><th scope="col" className="px-3 py-2">Who</th><th scope="col" className="px-3 py-2">What</th><th scope="col" className="px-3 py-2">Target</th><th scope="col" className="px-3 py-2">IP</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-border last:border-0">
              <td className="whitespace-nowrap px-3 py-2 text-muted tabular">{new Date(r.at).toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className="px-3 py-2">{r.actor}</td>
              <td className="px-3 py-2">
                {ACTIONS[r.action] ?? r.action}
                {Object.entries(r.details as Record<string, unknown>).map(([k, v]) => (
                  <span key={k} className="ml-2 rounded bg-panel-2 px-1.5 py-0.5 text-xs text-muted">{k}: {String(v)}</span>
                ))}
              </td>
              <td className="px-3 py-2">{r.target ?? ''}</td>
              <td className="px-3 py-2 font-mono text-xs text-muted">{r.ip ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
