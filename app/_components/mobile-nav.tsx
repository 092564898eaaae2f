'use client';

import { useEffect, useRef, useState } from 'react';
import type { NavProps } from './nav-body';
import { Brand, NavBody } from './nav-body';

const FOCUSABLE = 'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Below 900 px: a top bar whose menu button opens the navigation as a drawer. A modal <dialog> makes the page
 * behind inert for pointer, keyboard and screen reader alike and closes on Escape; Tab is wrapped by hand
 * because a modal dialog still lets focus leave to the browser's own toolbar.
 */
export function MobileNav(props: NavProps) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => setOpen(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d || !open) return;
    d.showModal();
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // The page behind must not scroll under a finger dragging the drawer.
    document.documentElement.style.overflow = 'hidden';
    // Widening the window past the breakpoint shows the sidebar: a modal drawer over it would trap the page.
    const wide = window.matchMedia('(min-width: 900px)');
    const onWide = () => wide.matches && setOpen(false);
    wide.addEventListener('change', onWide);
    return () => {
      wide.removeEventListener('change', onWide);
      document.documentElement.style.overflow = '';
      if (d.open) d.close();
      button.current?.focus();
    };
  }, [open]);

  return (
    <>
      <header className="no-print sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-panel px-2 min-[900px]:hidden">
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls="nav-drawer"
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
          className="rounded-md p-2 text-text hover:bg-panel-2"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
            <path d="M3 5h14M3 10h14M3 15h14" />
          </svg>
          <span className="sr-only">Menu</span>
        </button>
        <Brand />
        <span className="ml-auto min-w-0 truncate pr-2 text-sm text-muted" title={props.current.name}>
          {props.current.name}
        </span>
      </header>
      <dialog
        id="nav-drawer"
        ref={dialog}
        aria-label="Menu"
        onClose={close}
        // The dialog box itself is filled by the nav: a click that lands on the dialog is on its backdrop.
        onClick={(e) => e.target === e.currentTarget && close()}
        onKeyDown={trapTab}
        className="no-print fixed inset-y-0 left-0 right-auto m-0 h-dvh max-h-none w-72 max-w-[85vw] border-r border-border bg-panel p-0 text-text shadow-xl backdrop:bg-black/40 starting:-translate-x-full motion-safe:transition-transform motion-safe:duration-200"
      >
        {open && (
          <nav aria-label="Main" className="flex h-full flex-col overflow-y-auto px-3 py-4">
            <div className="mb-4 flex items-center justify-between">
              <Brand onNavigate={close} />
              <button type="button" data-autofocus onClick={close} className="rounded-md p-2 text-muted hover:bg-panel-2 hover:text-text">
                <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
                  <path d="M5 5l10 10M15 5L5 15" />
                </svg>
                <span className="sr-only">Close menu</span>
              </button>
            </div>
            <NavBody {...props} onNavigate={close} />
          </nav>
        )}
      </dialog>
    </>
  );
}

function trapTab(e: React.KeyboardEvent<HTMLDialogElement>) {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
