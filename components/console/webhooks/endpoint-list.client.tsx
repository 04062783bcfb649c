'use client';

import { useState } from 'react';

import type { WebhookApiContext } from '@/lib/console/webhooks/api';
import type { WebhookEndpoint } from '@/lib/console/webhooks/types';

import { EndpointForm } from './endpoint-form.client';
import { EndpointItem, type EndpointAction } from './endpoint-item.client';

/**
 * The app's endpoints with their controls, and the form that registers one.
 * @param props.endpoints newest first; props.error why the list could not be read; props.reload re-reads it
 */
export function EndpointList({
  ctx,
  endpoints,
  error,
  reload,
}: {
  ctx: WebhookApiContext;
  endpoints: readonly WebhookEndpoint[];
  error: string | undefined;
  reload: () => Promise<void>;
}) {
  const [outcome, setOutcome] = useState<{ error: boolean; text: string }>();
  const act: EndpointAction = (done, action) => async () => {
    try {
      await action();
      setOutcome({ error: false, text: done });
      await reload();
    } catch (problem) {
      setOutcome({ error: true, text: (problem as Error).message });
    }
  };
  return (
    <section aria-labelledby="webhook-endpoints-title" className="space-y-2">
      <h3 id="webhook-endpoints-title" className="text-base font-semibold">
        Endpoints
      </h3>
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Endpoints could not be read: {error}
        </p>
      ) : null}
      {endpoints.length === 0 && !error ? (
        <p className="text-zinc-700 dark:text-zinc-300">
          None yet. Deliveries still reach the inbox below and <code>sandbox:listen</code>; register a public URL to
          have the sandbox post them there too.
        </p>
      ) : endpoints.length === 0 ? null : (
        <ul className="space-y-2">
          {endpoints.map((endpoint) => (
            <EndpointItem key={endpoint.id} ctx={ctx} endpoint={endpoint} act={act} />
          ))}
        </ul>
      )}
      <p role="status" className={outcome?.error ? 'font-medium text-red-700 dark:text-red-300' : ''}>
        {outcome?.text ?? ''}
      </p>
      <EndpointForm ctx={ctx} onCreated={reload} />
    </section>
  );
}
