'use client';

import { usePortalOrigin } from './use-portal-origin';

/** The portal's origin as text: `serverOrigin` (PORTAL_URL) in server HTML, the page's own origin after hydration. */
export function PortalOriginText({ serverOrigin }: { serverOrigin: string }) {
  return usePortalOrigin(serverOrigin);
}
