import { useSyncExternalStore } from 'react';

const never = () => () => undefined;

/**
 * The portal's origin as the reader reached it: `window.location.origin` in the browser, `serverOrigin` (PORTAL_URL)
 * on the server and during hydration, so the server HTML and the first render agree and the real one follows.
 */
export function usePortalOrigin(serverOrigin: string): string {
  return useSyncExternalStore(
    never,
    () => window.location.origin,
    () => serverOrigin,
  );
}
