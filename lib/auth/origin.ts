/**
 * Which host this request was addressed to, and whether the browser says it came from a page of that host. Kept
 * apart from the guard (no database imports) so proxy.ts can use it too.
 */

/**
 * Whether to believe the `x-forwarded-*` headers: only behind a reverse proxy that sets them (FRONTIER_TRUST_PROXY=1).
 * Without one a client writes them itself, and Next keeps a client's `x-forwarded-for` rather than the socket's.
 */
export function trustProxy(): boolean {
  return process.env.FRONTIER_TRUST_PROXY === '1';
}

/** The host the browser used: the proxy's `x-forwarded-host` (its first entry) when trusted, else `Host`. */
export function appHost(headers: Headers): string | null {
  const forwarded = trustProxy() ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : null;
  return forwarded || headers.get('host') || null;
}

/** This request's origin, e.g. the base a relative `next` path is resolved against. */
export function requestOrigin(headers: Headers): string {
  const proto = trustProxy() && headers.get('x-forwarded-proto')?.startsWith('https') ? 'https' : 'http';
  return `${proto}://${appHost(headers) ?? 'localhost'}`;
}

/** True when an `Origin` header is present and names this host (`null`, a look-alike or no header: false). */
export function originIsOurs(headers: Headers): boolean {
  const origin = headers.get('origin');
  const host = appHost(headers);
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
