import { useSyncExternalStore } from 'react';

import {
  readPlaceholderChoice,
  readSandboxSession,
  subscribeSandboxSession,
  type SandboxSession,
} from '@/lib/sandbox-session';

const none = () => undefined;
const no = () => false;

/**
 * The tab's sandbox session (lib/sandbox-session.ts), re-rendering when it changes. The server and the hydration
 * render see no session, so server HTML (placeholders) and the first client render agree; the app appears right after.
 */
export function useSandboxSession(): SandboxSession | undefined {
  return useSyncExternalStore(subscribeSandboxSession, readSandboxSession, none);
}

/** True while the reader chose placeholders in samples (see `writePlaceholderChoice`); false on the server. */
export function usePlaceholderChoice(): boolean {
  return useSyncExternalStore(subscribeSandboxSession, readPlaceholderChoice, no);
}
