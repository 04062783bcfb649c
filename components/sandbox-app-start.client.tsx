'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';

import type { OAuthPaths } from '@/lib/console/oauth';
import { writeSandboxSession } from '@/lib/sandbox-session';
import { PATHS } from '@/lib/urls';

import { useSandboxSession } from './use-sandbox-session';

const button =
  'inline-flex items-center rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const link = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300';

/**
 * "Create sandbox app" outside the console (home page, quickstart): one click creates an app and its access token
 * (lib/console/sandbox-app.ts, loaded on click), kept for the tab, so every sample on the site runs as pasted.
 * @param props.sandboxPath the sandbox server's path on this origin (the document's sandbox server, `/sandbox`)
 * @param props.oauthPaths token and authorization endpoint paths from the document
 */
export function SandboxAppStart({ sandboxPath, oauthPaths }: { sandboxPath: string; oauthPaths: OAuthPaths }) {
  const session = useSandboxSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const root = useRef<HTMLDivElement>(null);
  // Marks hydration done (a click before it would be lost; tests wait for it).
  useEffect(() => root.current?.setAttribute('data-ready', 'true'), []);
  const create = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const { createSandboxSession } = await import('@/lib/console/sandbox-app');
      writeSandboxSession(await createSandboxSession(`${window.location.origin}${sandboxPath}`, oauthPaths));
    } catch (failure) {
      setError(`Could not create a sandbox app: ${(failure as Error).message}`);
    }
    setBusy(false);
  };
  return (
    <div
      ref={root}
      data-testid="sandbox-app-start"
      className="not-prose my-4 rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm dark:border-indigo-900 dark:bg-indigo-950/40"
    >
      {session ? (
        <p>
          Sandbox app <code className="font-mono">{session.app.tenant_id}</code> is ready, with an access token: every
          code sample on this site now uses it and runs as pasted.{' '}
          <Link href={PATHS.console} prefetch={false} className={link}>
            Open the console
          </Link>{' '}
          ·{' '}
          <button type="button" className={link} onClick={() => writeSandboxSession(undefined)}>
            Forget it
          </button>
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={button} aria-disabled={busy} onClick={create}>
            {busy ? 'Creating…' : 'Create sandbox app'}
          </button>
          <span className="text-zinc-700 dark:text-zinc-300">
            One click: your own tenant with 60 projects and an access token, filled into every sample.
          </span>
        </div>
      )}
      <p role="status" className="mt-1 text-red-700 empty:hidden dark:text-red-300">
        {error}
      </p>
    </div>
  );
}
