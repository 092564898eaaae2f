import type { Access } from '@/lib/auth/guard';

/** The user behind a request, for `created_by` (an API key has none). */
export const creatorOf = (access: Access): string | null => (access.caller.kind === 'user' ? access.caller.userId : null);
