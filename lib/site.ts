/**
 * The portal's public origin, used for absolute URLs in metadata, sitemaps and Open Graph tags.
 * @returns `PORTAL_URL` from the environment without a trailing slash, else `http://localhost:3000`.
 */
export function siteUrl(): string {
  return (process.env.PORTAL_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/**
 * How guides (content/*.mdx) write the portal's own origin. The site shows the real one instead: PORTAL_URL in the
 * server HTML, the page's `window.location.origin` after hydration (lib/content/plugins.ts `portalOrigin` for prose,
 * the origin sentinel of lib/snippets/fill.ts for code blocks).
 */
export const AUTHORED_ORIGIN = 'http://localhost:3000';
