import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildCsp, CSP_MANIFEST_FILE, hashesFor, type CspManifest } from './csp';

let manifest: CspManifest | undefined;

function loadManifest(): CspManifest {
  if (manifest) return manifest;
  const file = join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next', CSP_MANIFEST_FILE);
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as CspManifest;
  } catch {
    // No manifest (e.g. `next build` run without the postbuild step): a policy without hashes blocks inline
    // scripts, which the CSP e2e test reports loudly instead of silently serving a weaker policy.
    manifest = {};
  }
  return manifest;
}

/** Paths whose pages handle credentials: no Referer leaves them (OAuth 2.0 Security BCP, RFC 9700 §4.2.4). */
const credentialPages = [/^\/console(\/|$)/];

/**
 * Security headers for a page response (OWASP secure headers): CSP with the page's script hashes,
 * Referrer-Policy (`no-referrer` on the console and its OAuth callback), HSTS when served over HTTPS.
 * @param pathname the request path
 * @param forwardedProto `X-Forwarded-Proto` from the TLS-terminating proxy, if any
 * @returns header name/value pairs to set
 */
export function pageSecurityHeaders(pathname: string, forwardedProto: string | null): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', buildCsp(hashesFor(loadManifest(), pathname))],
    [
      'Referrer-Policy',
      credentialPages.some((re) => re.test(pathname)) ? 'no-referrer' : 'strict-origin-when-cross-origin',
    ],
  ];
  if (forwardedProto === 'https') headers.push(['Strict-Transport-Security', 'max-age=63072000; includeSubDomains']);
  return headers;
}
