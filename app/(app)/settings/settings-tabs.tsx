'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/settings', label: 'Workspace' },
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/keys', label: 'API keys' },
  { href: '/settings/audit', label: 'Audit log' },
];

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mt-4 flex gap-1 overflow-x-auto overflow-y-hidden border-b border-border text-sm">
      {TABS.map((t) => {
        const active = pathname === t.href;
        return (
          <Link key={t.href} href={t.href} aria-current={active ? 'page' : undefined}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 ${active ? 'border-accent font-medium text-text' : 'border-transparent text-muted hover:text-text'}`}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
