'use client';

import type { WebhookApiContext } from '@/lib/console/webhooks/api';
import { orderedDeliveries, type Connection, type InboxState } from '@/lib/console/webhooks/inbox';
import type { WebhookDelivery } from '@/lib/console/webhooks/types';

import { DeliveryItem } from './delivery-item.client';

const INDICATOR: Record<Connection, { text: string; className: string }> = {
  connecting: { text: 'Connecting…', className: 'bg-zinc-500' },
  live: { text: 'Live', className: 'bg-emerald-600' },
  reconnecting: { text: 'Reconnecting…', className: 'bg-amber-500' },
  closed: { text: 'Closed', className: 'bg-zinc-500' },
};

/**
 * The live inbox: a connection indicator, a polite live region (new deliveries, status changes and connection
 * changes; never keep-alives), and every delivery of the app, newest first.
 * @param props.secretFor the secret that signed a delivery, when the console holds it
 */
export function InboxView({
  ctx,
  inbox,
  secretFor,
  onReplayed,
}: {
  ctx: WebhookApiContext;
  inbox: InboxState;
  secretFor: (delivery: WebhookDelivery) => string | undefined;
  onReplayed: (delivery: WebhookDelivery) => void;
}) {
  const indicator = INDICATOR[inbox.connection];
  const deliveries = orderedDeliveries(inbox);
  return (
    <section aria-labelledby="webhook-inbox-title" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="webhook-inbox-title" className="text-base font-semibold">
          Inbox
        </h3>
        <p className="flex items-center gap-1.5 text-xs font-medium" data-connection={inbox.connection}>
          <span aria-hidden="true" className={`inline-block size-2 rounded-full ${indicator.className}`} />
          {indicator.text}
          {inbox.error && inbox.connection !== 'live' ? (
            <span className="font-normal text-zinc-700 dark:text-zinc-300"> ({inbox.error})</span>
          ) : null}
        </p>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {inbox.announcement}
      </p>
      {deliveries.length === 0 ? (
        <p className="text-zinc-700 dark:text-zinc-300">
          {inbox.loaded ? 'No deliveries yet: send a test event above.' : 'Loading deliveries…'}
        </p>
      ) : (
        <ol className="space-y-2" aria-label="Deliveries, newest first">
          {deliveries.map((delivery) => (
            <DeliveryItem
              key={delivery.id}
              ctx={ctx}
              delivery={delivery}
              secret={secretFor(delivery)}
              onReplayed={onReplayed}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
