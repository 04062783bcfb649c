'use client';

import { useState } from 'react';

import { AuthClientCredentials } from './auth-client-credentials.client';
import { AuthCode } from './auth-code.client';
import { AuthPat } from './auth-pat.client';
import { AuthSandboxApp } from './auth-sandbox-app.client';
import { TokenStatus } from './token-status.client';
import { Panel } from './ui';

const methods = [
  { id: 'app', label: 'Sandbox app' },
  { id: 'cc', label: 'Client credentials' },
  { id: 'code', label: 'Authorization code + PKCE' },
  { id: 'pat', label: 'Personal access token' },
] as const;

/** Authentication: the document's security schemes as four ways to get a token, plus the token's status. */
export function AuthPanel() {
  const [method, setMethod] = useState<(typeof methods)[number]['id']>('app');
  return (
    <Panel id="auth" title="Authentication">
      <fieldset>
        <legend className="sr-only">How to authenticate</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {methods.map((m) => (
            <label key={m.id} className="flex items-center gap-1.5 text-sm">
              <input type="radio" name="auth-method" checked={method === m.id} onChange={() => setMethod(m.id)} />
              {m.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-3">
        {method === 'app' ? <AuthSandboxApp /> : null}
        {method === 'cc' ? <AuthClientCredentials /> : null}
        {method === 'code' ? <AuthCode /> : null}
        {method === 'pat' ? <AuthPat /> : null}
      </div>
      <TokenStatus
        onRenew={(grant) =>
          setMethod(grant === 'authorization_code' ? 'code' : grant === 'personal_access_token' ? 'pat' : 'cc')
        }
      />
    </Panel>
  );
}
