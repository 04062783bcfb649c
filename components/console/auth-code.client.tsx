'use client';

import { useState } from 'react';

import { beginAuthorization } from '@/lib/console/actions';

import { ScopePicker } from './scope-picker';
import { buttonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';
import { useGrantableScopes } from './use-grantable-scopes';

/** Authorization code + PKCE as the public client: opens the hosted consent screen (popup or this tab). */
export function AuthCode() {
  const { data, store } = useConsole();
  const app = useConsoleState((s) => s.app);
  const grantable = useGrantableScopes();
  const [scopes, setScopes] = useState<string[]>(grantable.map((s) => s.name));
  const [popup, setPopup] = useState(true);
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {app ? (
          <>
            You will grant the console access to sandbox app <code>{app.tenant_id}</code>: the console proves the app to
            the consent screen with a single-use login ticket, so you only choose Allow.
          </>
        ) : (
          "Without a sandbox app in this console, the consent screen asks for the app's personal access token."
        )}{' '}
        The PKCE verifier and state stay in this tab&apos;s sessionStorage only until the code is exchanged.
      </p>
      <ScopePicker scopes={grantable} selected={scopes} onChange={setScopes} name="code-scope" />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={popup} onChange={(e) => setPopup(e.target.checked)} />
        Open the consent screen in a popup (keeps this page as it is)
      </label>
      <button type="button" className={buttonClass} onClick={() => void beginAuthorization(store, data, scopes, popup)}>
        Authorize with the consent screen
      </button>
    </div>
  );
}
