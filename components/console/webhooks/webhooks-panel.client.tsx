'use client';

import { useMemo } from 'react';

import type { WebhookApiContext } from '@/lib/console/webhooks/api';
import { LISTEN_TARGET } from '@/lib/console/webhooks/types';

import { EndpointList } from './endpoint-list.client';
import { ForwardBlock } from './forward-block.client';
import { InboxView } from './inbox-view.client';
import { TriggerForm } from './trigger-form.client';
import { useApiContext, useEndpoints, useInbox, useWebhookAccess } from './use-webhooks';

/**
 * The console's Webhooks panel (sandbox-only routes, lib/sandbox/README.md): the app's endpoints, a trigger, the
 * command that forwards deliveries to the reader's machine, and the live inbox. Code-split: loaded when opened.
 */
export function WebhooksPanel() {
  const access = useWebhookAccess();
  const ctx = useApiContext(access);
  if (!access.ok || !ctx) return <p className="text-sm">{access.ok ? '' : access.reason}</p>;
  // A new app or credential starts a fresh inbox and endpoint list (the key resets their state).
  return <Workspace key={`${ctx.base} ${ctx.bearer}`} ctx={ctx} listenSecret={access.listenSecret} />;
}

function Workspace({ ctx, listenSecret }: { ctx: WebhookApiContext; listenSecret: string | undefined }) {
  const endpoints = useEndpoints(ctx);
  const [inbox, dispatch] = useInbox(ctx);
  // The secret that signed each delivery: its endpoint's, or the app's webhook secret for listen copies.
  const secrets = useMemo(() => {
    const map = new Map<string, string>(endpoints.endpoints.map((e) => [e.id, e.secret]));
    if (listenSecret) map.set(LISTEN_TARGET, listenSecret);
    return map;
  }, [endpoints.endpoints, listenSecret]);
  return (
    <div className="space-y-5 text-sm">
      <EndpointList ctx={ctx} {...endpoints} />
      <TriggerForm
        ctx={ctx}
        onDeliveries={(list) => list.forEach((delivery) => dispatch({ type: 'delivery', delivery }))}
      />
      <ForwardBlock base={ctx.base} />
      <InboxView
        ctx={ctx}
        inbox={inbox}
        secretFor={(d) => secrets.get(d.endpoint_id ?? LISTEN_TARGET)}
        onReplayed={(delivery) => dispatch({ type: 'delivery', delivery })}
      />
    </div>
  );
}
