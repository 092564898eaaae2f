import type { NavProps } from './nav-body';
import { Brand, NavBody } from './nav-body';

/**
 * The wide screen's navigation. Below 900 px it is not rendered at all (display: none, so it leaves the
 * accessibility tree too) and the top bar's drawer (mobile-nav.tsx) holds the same body.
 * Sticky at the viewport's height so the switcher and sign-out stay in reach on a long page.
 */
export function Sidebar(props: NavProps) {
  return (
    <nav aria-label="Main" className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col overflow-y-auto border-r border-border bg-panel px-3 py-4 min-[900px]:flex">
      <div className="mb-4"><Brand /></div>
      <NavBody {...props} />
    </nav>
  );
}
