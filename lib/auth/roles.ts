/** Workspace roles, weakest first. Shared by server and client (no db import). */
export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];
/** API keys act for scripts: never as owner (owners manage members and keys, which a leaked key must not). */
export const KEY_ROLES = ['viewer', 'editor'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner: members, API keys, delete the workspace, and everything an editor can',
  editor: 'Editor: upload usage, change prices, build scenarios and reports, share',
  viewer: 'Viewer: read and export',
};
