import { PortalOriginText } from '@/components/portal-origin.client';
import { siteUrl } from '@/lib/site';

/**
 * `<PortalOrigin />`: the portal's origin where a guide wrote `http://localhost:3000` (lib/content/plugins.ts
 * `portalOrigin` inserts it): PORTAL_URL on the server, the reader's own origin once the page runs.
 */
export function PortalOrigin() {
  return <PortalOriginText serverOrigin={siteUrl()} />;
}
