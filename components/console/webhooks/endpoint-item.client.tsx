'use client';

import { deleteEndpoint, rotateSecret, updateEndpoint, type WebhookApiContext } from '@/lib/console/webhooks/api';
import type { WebhookEndpoint } from '@/lib/console/webhooks/types';

import { SecretField } from '../secret-field.client';
import { secondaryButtonClass } from '../ui';

/** Runs an endpoint action and reports `done` (or the problem in words) where the list announces it. */
export type EndpointAction = (done: string, action: () => Promise<unknown>) => () => Promise<void>;

/**
 * One endpoint: URL, subscribed events, enabled or disabled (with the sandbox's reason), its signing secret (masked,
 * reveal and copy), and enable/disable, rotate and delete.
 * @param props.act runs an action through the list (which announces its outcome and re-reads the endpoints)
 */
export function EndpointItem({
  ctx,
  endpoint,
  act,
}: {
  ctx: WebhookApiContext;
  endpoint: WebhookEndpoint;
  act: EndpointAction;
}) {
  const label = `endpoint ${endpoint.url}`;
  return (
    <li className="space-y-1.5 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
      <p className="font-mono break-all">{endpoint.url}</p>
      <p>
        <span
          className={
            endpoint.enabled
              ? 'font-medium text-emerald-800 dark:text-emerald-300'
              : 'font-medium text-red-700 dark:text-red-300'
          }
        >
          {endpoint.enabled ? 'Enabled' : 'Disabled'}
        </span>
        {endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : null}
        <span className="text-zinc-700 dark:text-zinc-300"> · {endpoint.events.join(', ')}</span>
      </p>
      <SecretField label="Signing secret" value={endpoint.secret} />
      {endpoint.previous_secret_expires_at ? (
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          The previous secret also signs (two signatures per delivery) until{' '}
          {new Date(endpoint.previous_secret_expires_at).toLocaleString()}.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={act(endpoint.enabled ? 'Endpoint disabled.' : 'Endpoint enabled.', () =>
            updateEndpoint(ctx, endpoint.id, { enabled: !endpoint.enabled }),
          )}
        >
          {endpoint.enabled ? 'Disable' : 'Enable'} <span className="sr-only">{label}</span>
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={act('Secret rotated: the old one keeps signing alongside during the grace period.', () =>
            rotateSecret(ctx, endpoint.id),
          )}
        >
          Rotate secret <span className="sr-only">of {label}</span>
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={act('Endpoint deleted; its pending deliveries are cancelled.', () =>
            deleteEndpoint(ctx, endpoint.id),
          )}
        >
          Delete <span className="sr-only">{label}</span>
        </button>
      </div>
    </li>
  );
}
