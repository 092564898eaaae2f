/** Where sign-in lands when `next` is missing or would leave the site. */
export const DEFAULT_NEXT = '/models';

/**
 * The path to send a person to after sign-in, or DEFAULT_NEXT. Prefix checks are not enough: the URL parser a
 * browser runs drops tabs and newlines and reads `\` as `/` (`/\t/evil.example` and `/\evil.example` are
 * `//evil.example`), and resolving dot segments can leave a path starting `//` (`/.//evil.example`). So `next` is
 * parsed against the app's origin, must stay on it, and what is handed back is the parser's own normalised path
 * (no control characters, no backslashes), which is itself checked not to start with `//`.
 */
export function safeNext(raw: unknown, origin: string): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.length > 4096) return DEFAULT_NEXT;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== base.origin) return DEFAULT_NEXT;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('/') && !path.startsWith('//') ? path : DEFAULT_NEXT;
}
