import type { Metadata } from 'next';

import { PageMenu } from '@/components/page-menu';
import { ExplorerLoader } from '@/components/reference/explorer-loader.client';
import { apiModel } from '@/lib/openapi';
import { markdownAlternate, PAGE_META } from '@/lib/page-meta';
import { CONSOLE_CLIENT_ID } from '@/lib/sandbox/console-client';
import { PATHS } from '@/lib/urls';

export const metadata: Metadata = { ...PAGE_META.explorer, ...markdownAlternate(PATHS.explorer) };

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
        <PageMenu href={PATHS.explorer} className="mt-3" />
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
