'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { signOutAction, switchWorkspaceAction } from '@/app/_actions/auth';
import { NAV } from './nav';

export type NavProps = {
  user: { email: string; name: string };
  current: { slug: string; name: string; role: string; isDemo: boolean };
  workspaces: { slug: string; name: string; role: string }[];
};

/** What the sidebar and the narrow screen's drawer both hold: the workspace switcher, the screens, who is signed in. */
export function NavBody({ user, current, workspaces, onNavigate }: NavProps & { onNavigate?: () => void }) {
  const pathname = usePathname();
  const router = useRouter();
  const [switching, startSwitch] = useTransition();
  return (
    <>
      <label className="mb-4 block px-2 text-xs text-muted">
        <span className="mb-1 block">Workspace</span>
        <select
          aria-label="Workspace"
          className="w-full rounded-md border border-border bg-panel-2 px-2 py-1.5 text-sm text-text"
          value={current.slug}
          disabled={switching}
          onChange={(e) => {
            const slug = e.target.value;
            startSwitch(async () => {
              await switchWorkspaceAction(slug);
              router.refresh();
              onNavigate?.();
            });
          }}
        >
          {workspaces.map((w) => <option key={w.slug} value={w.slug}>{w.name}</option>)}
        </select>
        <span className="mt-1 block">
          {current.role}{current.isDemo ? ' · demo data' : ''}
        </span>
      </label>
      <ul className="flex flex-col gap-0.5">
        {NAV.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={`flex items-center justify-between rounded-md px-2 py-1.5 text-sm ${
                  active ? 'bg-accent-soft font-medium text-text' : 'text-muted hover:bg-panel-2 hover:text-text'
                }`}
              >
                {item.label}
                {!item.ready && <span className="text-[10px] uppercase tracking-wide text-muted/70">soon</span>}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-auto border-t border-border px-2 pt-3 text-xs text-muted">
        <p className="truncate" title={user.email}>{user.name || user.email}</p>
        <form action={signOutAction}>
          <button type="submit" className="mt-1 text-accent hover:underline">Sign out</button>
        </form>
      </div>
    </>
  );
}

export function Brand({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <Link href="/overview" onClick={onNavigate} className="flex items-center gap-2 px-2 text-lg font-semibold tracking-tight">
      <span aria-hidden className="inline-block h-5 w-5 rounded bg-accent" />
      Frontier
    </Link>
  );
}
