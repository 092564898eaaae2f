import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { originIsOurs, trustProxy } from '@/lib/auth/origin';

/**
 * Not the access check (every page and route checks access itself): it passes the path on for the login
 * redirect's `next`, sends visitors without a session cookie straight to /login, and is where server actions get
 * their CSRF check.
 */
const PUBLIC = [/^\/login/, /^\/welcome/, /^\/setup/, /^\/invite\//, /^\/r\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/icon/, /\.(png|svg|ico|txt)$/];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function proxy(req: NextRequest) {
  // A POST to a page is a server action. Next lets one without an Origin through and compares Origin with a
  // client's own X-Forwarded-Host; ours must carry an Origin naming this host (X-Forwarded-Host only behind a
  // trusted proxy). /api is not matched here: its guard checks Origin on cookie-authenticated mutations.
  if (!SAFE_METHODS.has(req.method) && !originIsOurs(req.headers)) {
    return new NextResponse('Cross-site request refused.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }
  const { pathname, search } = req.nextUrl;
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-frontier-path', pathname + search);
  // Nothing downstream (Next's own action check among it) should read a forwarded host no proxy of ours wrote.
  if (!trustProxy()) requestHeaders.delete('x-forwarded-host');
  if (!PUBLIC.some((re) => re.test(pathname)) && !req.cookies.get('frontier_session')) {
    const url = req.nextUrl.clone();
    url.pathname = '/login';
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

// Never /api: when the proxy runs, Next buffers the request body (10 MB by default) and would cut large uploads short.
export const config = { matcher: ['/((?!api/|_next/static|_next/image).*)'] };
