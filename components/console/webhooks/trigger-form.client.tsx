'use client';

import { useState } from 'react';

import { emitEvent, type WebhookApiContext } from '@/lib/console/webhooks/api';
import type { WebhookDelivery } from '@/lib/console/webhooks/types';

import { buttonClass, inputClass } from '../ui';
import { useConsole } from '../use-console';

/**
 * Triggers a documented event for the app (`POST /webhooks/emit`): one delivery per subscribed, enabled endpoint
 * plus the listen copy, which appear in the inbox (handed over at once, then updated by the stream).
 * @param props.onDeliveries receives the deliveries the emit created
 */
export function TriggerForm({
  ctx,
  onDeliveries,
}: {
  ctx: WebhookApiContext;
  onDeliveries: (deliveries: readonly WebhookDelivery[]) => void;
}) {
  const { data } = useConsole();
  const [event, setEvent] = useState(data.events[0]?.event ?? '');
  const [outcome, setOutcome] = useState<{ error: boolean; text: string }>();
  const send = async () => {
    try {
      const result = await emitEvent(ctx, event);
      const deliveries = result.deliveries ?? [];
      onDeliveries(deliveries);
      const count = `${deliveries.length} ${deliveries.length === 1 ? 'delivery' : 'deliveries'}`;
      setOutcome({ error: false, text: `Sent ${event} as ${result.webhook_id}: ${count}.` });
    } catch (error) {
      setOutcome({ error: true, text: `Not sent: ${(error as Error).message}` });
    }
  };
  return (
    <section aria-labelledby="webhook-trigger-title" className="space-y-2">
      <h3 id="webhook-trigger-title" className="text-base font-semibold">
        Trigger
      </h3>
      <div className="flex flex-wrap items-end gap-2">
        <label>
          <span className="font-medium">Event</span>
          <select className={`${inputClass} mt-1`} value={event} onChange={(e) => setEvent(e.target.value)}>
            {data.events.map((ev) => (
              <option key={ev.event} value={ev.event}>
                {ev.event}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={buttonClass} onClick={() => void send()}>
          Send test event
        </button>
      </div>
      <p role="status" className={outcome?.error ? 'font-medium text-red-700 dark:text-red-300' : ''}>
        {outcome?.text ?? ''}
      </p>
    </section>
  );
}
