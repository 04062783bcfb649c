import { NextResponse, type NextRequest } from 'next/server';

import { pageSecurityHeaders } from '@/lib/security/headers';

/** Adds the per-page security headers (CSP with build-time script hashes) to every page response. */
export function proxy(request: NextRequest) {
  if (process.env.NODE_ENV !== 'production') return NextResponse.next();
  const response = NextResponse.next();
  for (const [name, value] of pageSecurityHeaders(request.nextUrl.pathname, request.headers.get('x-forwarded-proto'))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Pages only. /sandbox is excluded: it sets its own headers, and a proxy on it would cut bodies at 10 MiB
  // and cost throughput. Static assets and machine-readable files need no CSP.
  matcher: [
    '/((?!sandbox|mcp|\\.well-known|healthz|_next/static|_next/image|icon.svg|favicon.ico|openapi\\.|robots.txt|sitemap.xml|llms).*)',
  ],
};
