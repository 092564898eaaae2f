import { requirePageAccess } from '@/lib/auth/page';
import { MobileNav } from '../_components/mobile-nav';
import { Sidebar } from '../_components/sidebar';
import { WorkspacesProvider } from '../_components/workspace-context';

export const dynamic = 'force-dynamic';

/**
 * Sidebar beside the page from 900 px, a top bar with a drawer below. `min-w-0` on main lets it shrink below its
 * content's width, so a wide table scrolls inside its own box and a chart's ResponsiveContainer gets a real width.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const access = await requirePageAccess();
  const nav = {
    user: access.caller.kind === 'user' ? { email: access.caller.email, name: access.caller.name } : { email: '', name: '' },
    current: { slug: access.workspace.slug, name: access.workspace.name, role: access.role, isDemo: access.workspace.isDemo },
    workspaces: access.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })),
  };
  const workspaces = {
    current: { slug: access.workspace.slug, name: access.workspace.name, isDemo: access.workspace.isDemo },
    memberships: access.memberships.map((m) => ({ slug: m.slug, name: m.name, isDemo: m.isDemo })),
  };
  return (
    <div className="min-h-screen min-[900px]:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:px-3 focus:py-2">Skip to content</a>
      <MobileNav {...nav} />
      <Sidebar {...nav} />
      <main id="main" className="min-w-0 flex-1 px-4 py-5 min-[900px]:px-8 min-[900px]:py-6">
        <WorkspacesProvider value={workspaces}>{children}</WorkspacesProvider>
      </main>
    </div>
  );
}
