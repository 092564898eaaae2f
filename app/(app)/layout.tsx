import { requirePageAccess } from '@/lib/auth/page';
import { Sidebar } from '../_components/sidebar';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const access = await requirePageAccess();
  const user = access.caller.kind === 'user' ? { email: access.caller.email, name: access.caller.name } : { email: '', name: '' };
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:px-3 focus:py-2">Skip to content</a>
      <Sidebar
        user={user}
        current={{ slug: access.workspace.slug, name: access.workspace.name, role: access.role, isDemo: access.workspace.isDemo }}
        workspaces={access.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role }))}
      />
      <main id="main" className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
