import { consoleData } from '@/lib/console/data';

import { SandboxAppStart as Start } from './sandbox-app-start.client';

/** The one-click "Create sandbox app" block, with the sandbox path and OAuth endpoints read from the document. */
export function SandboxAppStart() {
  const { servers, oauthPaths } = consoleData();
  return <Start sandboxPath={servers.sandbox} oauthPaths={oauthPaths} />;
}
