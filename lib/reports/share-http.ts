/** Headers every answer under /r/ carries: never indexed, never leaks the token in a Referer, never cached shared. */
export const SHARE_HEADERS: Record<string, string> = {
  'x-robots-tag': 'noindex, nofollow, noarchive',
  'referrer-policy': 'no-referrer',
  'cache-control': 'private, no-store',
};
