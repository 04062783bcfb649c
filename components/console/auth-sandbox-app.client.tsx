'use client';

import { useState } from 'react';

import { createSandboxApp, forgetSandboxApp } from '@/lib/console/actions';
import { hasSandboxTools } from '@/lib/console/target';

import { PlainField, SecretField } from './secret-field.client';
import { buttonClass, secondaryButtonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

/**
 * One click creates a sandbox app (tenant), gets an access token with every scope and makes it the active
 * credential; the app's credentials show masked and copyable, with Forget.
 */
export function AuthSandboxApp() {
  const { data, store } = useConsole();
  const app = useConsoleState((s) => s.app);
  const target = useConsoleState((s) => s.target);
  const [busy, setBusy] = useState(false);
  if (!hasSandboxTools(target))
    return (
      <p className="text-sm">
        Sandbox apps exist only in the sandbox: choose the sandbox or a custom sandbox URL as target.
      </p>
    );
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A sandbox app is an isolated tenant with 60 sample projects, an OAuth client, a personal access token and a
        webhook signing secret. Creating one also gets an access token with every scope, so your next Send works.
      </p>
      <button
        type="button"
        className={buttonClass}
        aria-disabled={busy}
        onClick={async () => {
          if (busy) return;
          setBusy(true);
          await createSandboxApp(store, data);
          setBusy(false);
        }}
      >
        {busy ? 'Creating…' : app ? 'Create another sandbox app' : 'Create sandbox app'}
      </button>
      {app ? (
        <div className="space-y-1.5 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900">
          <PlainField label="Tenant ID" value={app.tenant_id} />
          <PlainField label="Client ID" value={app.client_id} />
          <SecretField label="Client secret" value={app.client_secret} />
          <SecretField label="Personal access token" value={app.personal_access_token} />
          <SecretField label="Webhook secret" value={app.webhook_secret} />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Rate limit {app.rate_limit.limit} requests / {app.rate_limit.window_seconds} s · expires{' '}
            {new Date(app.expires_at).toLocaleString()} · kept for this tab only (sessionStorage), and filled into every
            code sample on the site.
          </p>
          <button type="button" className={secondaryButtonClass} onClick={() => forgetSandboxApp(store)}>
            Forget this app
          </button>
        </div>
      ) : null}
    </div>
  );
}
