'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV } from './nav';

export function Sidebar() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex w-56 shrink-0 flex-col border-r border-border bg-panel px-3 py-4">
      <Link href="/models" className="mb-6 flex items-center gap-2 px-2 text-lg font-semibold tracking-tight">
        <span aria-hidden className="inline-block h-5 w-5 rounded bg-accent" />
        Frontier
      </Link>
      <ul className="flex flex-col gap-0.5">
        {NAV.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
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
      <p className="mt-auto px-2 text-xs text-muted">Self-hosted LLM cost &amp; quality analytics</p>
    </nav>
  );
}
