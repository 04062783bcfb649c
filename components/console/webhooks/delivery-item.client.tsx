'use client';

import { useState } from 'react';

import { tamperOneByte } from '@/lib/console/webhook';
import { replayDelivery, type WebhookApiContext } from '@/lib/console/webhooks/api';
import { targetLabel } from '@/lib/console/webhooks/inbox';
import { checkSignature } from '@/lib/console/webhooks/signature';
import { LISTEN_TARGET, type WebhookDelivery } from '@/lib/console/webhooks/types';

import { secondaryButtonClass } from '../ui';
import { DeliveryDetails } from './delivery-details.client';

const STATUS_CLASS: Record<WebhookDelivery['status'], string> = {
  pending: 'text-amber-800 dark:text-amber-300',
  succeeded: 'text-emerald-800 dark:text-emerald-300',
  failed: 'text-red-700 dark:text-red-300',
  cancelled: 'text-zinc-700 dark:text-zinc-300',
};

const VERDICT_CLASS = {
  verified: 'text-emerald-800 dark:text-emerald-300',
  stale: 'text-amber-800 dark:text-amber-300',
  mismatch: 'text-red-700 dark:text-red-300',
  unchecked: 'text-zinc-700 dark:text-zinc-300',
} as const;

/**
 * One delivery: event, target, status and the signature check of its exact bytes (against `secret`), a Replay
 * button (same webhook-id, one more attempt now), and the headers, body and attempt log behind a disclosure.
 */
export function DeliveryItem({
  ctx,
  delivery,
  secret,
  onReplayed,
}: {
  ctx: WebhookApiContext;
  delivery: WebhookDelivery;
  secret: string | undefined;
  onReplayed: (delivery: WebhookDelivery) => void;
}) {
  const [replay, setReplay] = useState<{ error: boolean; text: string }>();
  const [tamper, setTamper] = useState(false);
  const payload = tamper ? tamperOneByte(delivery.payload).text : delivery.payload;
  const verdict = checkSignature(payload, delivery.headers, secret);
  const waiting = delivery.target === LISTEN_TARGET && delivery.attempts.length === 0;
  const doReplay = async () => {
    try {
      onReplayed(await replayDelivery(ctx, delivery.id));
      setReplay({ error: false, text: `Replayed with the same webhook-id ${delivery.message_id}.` });
    } catch (error) {
      setReplay({ error: true, text: `Not replayed: ${(error as Error).message}` });
    }
  };
  return (
    <li className="space-y-1 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700" data-delivery={delivery.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="min-w-0">
          <span className="font-mono font-medium">{delivery.event}</span> →{' '}
          <span className="font-mono break-all">{targetLabel(delivery)}</span>
        </p>
        <button type="button" className={secondaryButtonClass} onClick={() => void doReplay()}>
          Replay <span className="sr-only">{`${delivery.event} to ${targetLabel(delivery)}`}</span>
        </button>
      </div>
      <p>
        <span className={`font-medium ${STATUS_CLASS[delivery.status]}`}>{delivery.status}</span>
        <span className="text-zinc-700 dark:text-zinc-300">
          {' '}
          · {delivery.attempts.length} {delivery.attempts.length === 1 ? 'attempt' : 'attempts'}
          {waiting ? (
            <>
              {' '}
              (waits for <code>npm run sandbox:listen</code> to forward it; without a listener it stays pending)
            </>
          ) : null}{' '}
          · <span className="font-mono">{delivery.message_id}</span>
        </span>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-x-3">
        <p className={`font-medium ${VERDICT_CLASS[verdict.kind]}`} data-verdict={verdict.kind}>
          {tamper ? 'With one byte changed: ' : ''}
          {verdict.text}
        </p>
        <label className="flex items-center gap-1.5 text-xs">
          <input type="checkbox" checked={tamper} onChange={(e) => setTamper(e.target.checked)} />
          Check with one byte changed <span className="sr-only">{delivery.id}</span>
        </label>
      </div>
      {replay ? (
        <p role="status" className={replay.error ? 'font-medium text-red-700 dark:text-red-300' : ''}>
          {replay.text}
        </p>
      ) : null}
      <DeliveryDetails delivery={delivery} />
    </li>
  );
}
