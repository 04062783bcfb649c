import type { Metadata } from 'next';

import { ExplorerLoader } from '@/components/reference/explorer-loader.client';
import { apiModel } from '@/lib/openapi';
import { CONSOLE_CLIENT_ID } from '@/lib/sandbox/console-client';

export const metadata: Metadata = {
  title: 'API explorer',
  description: 'Explore and call every AeThex API operation interactively against the built-in sandbox.',
};

/** The interactive explorer (Scalar), the only route that loads it. */
export default function Page() {
  const { servers, oauth } = apiModel();
  return (
    <div className="w-full">
      <div className="mx-auto max-w-[90rem] px-4 pt-6">
        <h1 className="text-2xl font-bold tracking-tight">API explorer</h1>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Every operation of the OpenAPI document, callable against the sandbox. The server-rendered reference is
          lighter to read.
        </p>
      </div>
      <div data-third-party="scalar">
        <ExplorerLoader
          servers={servers.map((server) => ({ ...server }))}
          oauth={
            oauth && {
              schemeName: oauth.schemeName,
              flows: [...oauth.flows],
              ...(oauth.tokenPath ? { tokenPath: oauth.tokenPath } : {}),
              ...(oauth.authorizationPath ? { authorizationPath: oauth.authorizationPath } : {}),
            }
          }
          clientId={CONSOLE_CLIENT_ID}
        />
      </div>
    </div>
  );
}
