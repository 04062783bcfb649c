import { NextResponse, type NextRequest } from 'next/server';

import { markdownRoutePath, prefersMarkdown } from '@/lib/markdown/twin-route';
import { pageSecurityHeaders } from '@/lib/security/headers';

/** Files the matcher lets through that are not pages: they never turn into Markdown. */
const FILE = /\.(?:md|json|xml|txt|ya?ml|svg|ico|png|webmanifest)$/;

/**
 * A page requested with `Accept: text/markdown` (preferred over HTML) is answered with its Markdown twin, rewritten to
 * the static route app/md (a path that is not a page gets that route's 404). Every page response says
 * `Vary: Accept`, since the same URL has two representations. Page responses also get the per-page security headers
 * (CSP with build-time script hashes).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const negotiable = (request.method === 'GET' || request.method === 'HEAD') && !FILE.test(pathname);
  if (negotiable && prefersMarkdown(request.headers.get('accept'))) {
    const response = NextResponse.rewrite(new URL(markdownRoutePath(pathname), request.url));
    response.headers.set('Vary', 'Accept');
    return response;
  }
  const response = NextResponse.next();
  if (negotiable) response.headers.set('Vary', 'Accept');
  if (process.env.NODE_ENV !== 'production') return response;
  for (const [name, value] of pageSecurityHeaders(pathname, request.headers.get('x-forwarded-proto'))) {
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
