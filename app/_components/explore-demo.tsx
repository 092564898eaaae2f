'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { switchWorkspaceAction } from '@/app/_actions/auth';
import { useDemoWorkspace } from './workspace-context';

const secondary = 'inline-flex items-center rounded-md border border-border bg-panel px-3 py-1.5 text-sm font-medium hover:bg-panel-2 disabled:opacity-60';

/**
 * The second way on from an empty workspace: open the demo's Overview. Without a demo workspace (deleted, or
 * never made) the Models view is the one screen that shows something before any upload; inside the demo itself
 * (a page it has no data for) the upload is the only step worth offering.
 */
export function ExploreDemo() {
  const { demo, inDemo } = useDemoWorkspace();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  if (inDemo) return null;
  if (!demo) return <Link className={secondary} href="/models">Compare models by price and quality</Link>;
  return (
    <button
      type="button"
      className={secondary}
      disabled={pending}
      onClick={() => start(async () => {
        // Setting the workspace cookie re-renders the current page; from anywhere else, go to the Overview.
        await switchWorkspaceAction(demo.slug);
        if (pathname !== '/overview') router.push('/overview');
      })}
    >
      {pending ? 'Opening the demo…' : 'Explore the demo workspace'}
    </button>
  );
}
