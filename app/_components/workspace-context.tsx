'use client';

import { createContext, useContext } from 'react';

type Workspace = { slug: string; name: string; isDemo: boolean };
type Workspaces = { current: Workspace; memberships: Workspace[] };

const WorkspacesContext = createContext<Workspaces | null>(null);

/** The signed-in person's workspaces, from the app layout: an empty state can offer the demo without a fetch. */
export function WorkspacesProvider({ value, children }: { value: Workspaces; children: React.ReactNode }) {
  return <WorkspacesContext.Provider value={value}>{children}</WorkspacesContext.Provider>;
}

/** The demo workspace to point an empty one at (null when the person has none), and whether it is the one open. */
export function useDemoWorkspace(): { demo: Workspace | null; inDemo: boolean } {
  const ws = useContext(WorkspacesContext);
  return { demo: ws?.memberships.find((m) => m.isDemo) ?? null, inDemo: ws?.current.isDemo ?? false };
}
