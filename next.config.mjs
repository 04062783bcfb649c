import { readFileSync } from 'node:fs';

// The headers every response gets live in one file: the request guard (lib/security/request-guard.ts) sends them
// on the answers it writes before Next runs, which this config never sees.
const commonHeaders = JSON.parse(readFileSync(new URL('./lib/security/common-headers.json', import.meta.url), 'utf8'));

/**
 * Next.js configuration for the AeThex Developer Portal.
 * `NEXT_DIST_DIR` lets several builds (CI, benchmarks, parallel work) live side by side.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native addon: must be required at run time, not bundled.
  serverExternalPackages: ['better-sqlite3'],
  // Markdown twins of every page: <page>.md (/index.md for home) is served by the static route app/md/[...slug]
  // (lib/markdown/pages.ts); a path that is not a page's twin is a 404 there.
  async rewrites() {
    return [
      { source: '/:path(.+)\\.md', destination: '/md/:path' },
      // RFC 8414 §3.1: metadata of the issuer <origin>/sandbox lives at /.well-known/oauth-authorization-server/sandbox.
      {
        source: '/.well-known/oauth-authorization-server/sandbox',
        destination: '/sandbox/.well-known/oauth-authorization-server',
      },
    ];
  },
  // Headers every response gets (OWASP secure headers, listed in lib/security/common-headers.json). The per-page CSP
  // and Referrer-Policy come from proxy.ts, which knows each static page's inline-script hashes.
  async headers() {
    return [
      {
        // '(.*)' rather than ':path*': Next matches this on every request, and a repeated named parameter is split
        // and decoded segment by segment.
        source: '/(.*)',
        headers: commonHeaders,
      },
    ];
  },
};

export default nextConfig;
