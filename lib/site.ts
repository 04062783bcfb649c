/**
 * The portal's public origin, used for absolute URLs in metadata, sitemaps and Open Graph tags.
 * @returns `PORTAL_URL` from the environment without a trailing slash, else `http://localhost:3000`.
 */
export function siteUrl(): string {
  return (process.env.PORTAL_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}
