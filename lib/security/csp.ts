/**
 * Content-Security-Policy for the portal's pages (W3C CSP Level 3).
 *
 * Pages are statically generated, so per-request nonces are not an option (they force dynamic rendering).
 * Instead a post-build step (scripts/csp-hashes.ts) hashes every inline `<script>` of every prerendered page
 * and the proxy sends `script-src 'self' <those hashes>` for that page: no 'unsafe-inline', no 'unsafe-eval'.
 */

/** Inline-script hashes per page path, written by scripts/csp-hashes.ts: `{ "/": ["sha256-…"], … }`. */
export type CspManifest = Record<string, string[]>;

/** File name of the manifest inside the Next dist folder. */
export const CSP_MANIFEST_FILE = 'csp-manifest.json';

/** API origins the console may call besides its own origin: production, plus loopback for local sandboxes. */
export function connectSources(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.CONSOLE_TARGETS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^https?:\/\/[^\s;,']+$/.test(s));
  return ["'self'", 'https://api.aethex.dev', 'http://localhost:*', 'http://127.0.0.1:*', ...extra];
}

/**
 * The CSP header value for one page.
 * @param scriptHashes `sha256-…` sources of the page's inline scripts (without quotes)
 * @param connect allowed `connect-src` sources (see {@link connectSources})
 * @returns the policy; `style-src` keeps 'unsafe-inline' because next-themes and the Scalar explorer set
 *   inline styles (script execution is what the policy locks down)
 */
export function buildCsp(scriptHashes: readonly string[], connect: readonly string[] = connectSources()): string {
  const scripts = ["'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' ');
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self' http://localhost:* http://127.0.0.1:*",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The manifest key for a request path: trailing slash and `.html` removed, `/` kept.
 * @param pathname URL path, e.g. `/docs/quickstart/`
 */
export function pageKey(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '').replace(/\.html$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * Hashes for a path; unknown paths are served the 404 page, so they get its hashes.
 * @returns `sha256-…` strings, or `[]` when the manifest lacks both
 */
export function hashesFor(manifest: CspManifest, pathname: string): string[] {
  return manifest[pageKey(pathname)] ?? manifest['/_not-found'] ?? [];
}
