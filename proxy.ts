import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';

/**
 * Not a security boundary (every page and route checks access itself): it passes the path on for the login
 * redirect's `next`, and sends visitors without a session cookie straight to /login.
 */
const PUBLIC = [/^\/login/, /^\/welcome/, /^\/setup/, /^\/invite\//, /^\/r\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/icon/, /\.(png|svg|ico|txt)$/];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-frontier-path', pathname + search);
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
