/** What a member without the owner role sees on an owner's screen. */
export function OwnerOnly({ role, what }: { role: string; what: string }) {
  return (
    <div className="rounded-lg border border-dashed border-border bg-panel p-6 text-sm">
      <p className="font-medium">Only owners manage {what}.</p>
      <p className="mt-1 text-muted">You are {role === 'editor' ? 'an editor' : `a ${role}`} in this workspace. Ask an owner if you need a change.</p>
    </div>
  );
}
