'use client';

import { useState } from 'react';

import { getClientCredentialsToken } from '@/lib/console/actions';

import { ScopePicker } from './scope-picker';
import { buttonClass, inputClass } from './ui';
import { useConsole, useConsoleState } from './use-console';
import { useGrantableScopes } from './use-grantable-scopes';

/** OAuth client credentials: client ID + secret (prefilled from the sandbox app) and scopes → POST /v1/auth/token. */
export function AuthClientCredentials() {
  const { data, store } = useConsole();
  const app = useConsoleState((s) => s.app);
  const [clientId, setClientId] = useState(app?.client_id ?? '');
  const [clientSecret, setClientSecret] = useState(app?.client_secret ?? '');
  const grantable = useGrantableScopes();
  const [scopes, setScopes] = useState<string[]>(grantable.map((s) => s.name));
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        setBusy(true);
        await getClientCredentialsToken(store, data, { clientId: clientId.trim(), clientSecret, scopes });
        setBusy(false);
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">Client ID</span>
        <input
          className={`${inputClass} mt-1 font-mono`}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          required
          autoComplete="off"
        />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Client secret</span>
        <input
          className={`${inputClass} mt-1 font-mono`}
          type="password"
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          required
          autoComplete="off"
        />
      </label>
      <ScopePicker scopes={grantable} selected={scopes} onChange={setScopes} name="cc-scope" />
      <button type="submit" className={buttonClass} aria-disabled={busy}>
        Get access token
      </button>
    </form>
  );
}
