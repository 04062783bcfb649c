'use client';

import { currentBaseUrl, renewSandboxToken } from '@/lib/console/actions';
import type { TokenRecord } from '@/lib/console/oauth';
import { formatCountdown, secondsLeft } from '@/lib/console/time';
import { isSandboxToken } from '@/lib/sandbox-session';

import { SecretField } from './secret-field.client';
import { secondaryButtonClass } from './ui';
import { useConsole, useConsoleState, useNow } from './use-console';

const grantNames: Record<TokenRecord['grant'], string> = {
  client_credentials: 'client credentials',
  authorization_code: 'authorization code + PKCE',
  personal_access_token: 'personal access token',
};

/**
 * The current token: masked value, grant, scopes, live expiry countdown; Renew (the sandbox app's token, one click)
 * or a way to get a new one.
 */
export function TokenStatus({ onRenew }: { onRenew: (grant: TokenRecord['grant']) => void }) {
  const { data, store } = useConsole();
  const token = useConsoleState((s) => s.token);
  const app = useConsoleState((s) => s.app);
  const base = useConsoleState((s) => {
    try {
      return currentBaseUrl(s, data);
    } catch {
      return undefined; // an unfinished custom URL
    }
  });
  const now = useNow();
  if (!token)
    return (
      <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
        No access token yet: requests go out without Authorization.
      </p>
    );
  const left = token.expiresAt === undefined ? undefined : secondsLeft(token.expiresAt, now);
  return (
    <div
      className="mt-4 space-y-1.5 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800"
      aria-label="Current token"
    >
      <SecretField label="Access token" value={token.accessToken} />
      <p>
        <span className="font-medium">Grant:</span> {grantNames[token.grant]} ·{' '}
        <span className="font-medium">Scopes:</span>{' '}
        {token.scopes.length ? (
          <span className="inline-flex flex-wrap gap-1 align-middle">
            {token.scopes.map((s) => (
              <code
                key={s}
                className="rounded bg-indigo-50 px-1 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
              >
                {s}
              </code>
            ))}
          </span>
        ) : (
          'as granted when the token was created'
        )}
      </p>
      {base !== undefined && base !== token.baseUrl ? (
        <p role="alert" className="font-medium text-amber-800 dark:text-amber-200">
          Issued by {token.baseUrl}: not sent to {base}. Get a token from this target.
        </p>
      ) : null}
      {left === undefined ? null : left > 0 ? (
        <p>
          Expires in <span className="font-mono">{formatCountdown(left)}</span>
        </p>
      ) : (
        <p role="alert" className="font-medium text-red-700 dark:text-red-300">
          This token has expired: requests will get 401.
        </p>
      )}
      <div className="flex gap-2">
        {app && isSandboxToken(app, token) ? (
          <button type="button" className={secondaryButtonClass} onClick={() => void renewSandboxToken(store, data)}>
            Renew
          </button>
        ) : (
          <button type="button" className={secondaryButtonClass} onClick={() => onRenew(token.grant)}>
            Get a new one
          </button>
        )}
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => store.setState((s) => ({ ...s, token: undefined }))}
        >
          Forget token
        </button>
      </div>
    </div>
  );
}
