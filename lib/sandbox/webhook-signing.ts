import { Webhook } from 'standardwebhooks';

import type { EndpointRow } from './store';

/** The headers of one signing of a delivery (Standard Webhooks), as sent and as the API shows them. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': string;
  [name: string]: string;
}

/**
 * Signs a payload per Standard Webhooks (the `standardwebhooks` package) at `atMs`, once per secret:
 * `webhook-signature: v1,<first> v1,<second>`.
 * @param id - the message ID (`msg_…`), the same for every attempt; @param payload - the exact bytes sent, as text;
 * @param secrets - `whsec_…` secrets, the newest first; @param atMs - the signing time (epoch ms).
 */
export function signDelivery(id: string, payload: string, secrets: readonly string[], atMs: number): SignedHeaders {
  const at = new Date(atMs);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(atMs / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' '),
    'content-type': 'application/json',
  };
}

/** The secrets an endpoint signs with at `now`: its own, then the rotated one while its grace period runs. */
export function endpointSecrets(endpoint: EndpointRow, now: number): string[] {
  const previous = endpoint.previous_secret;
  return previous && (endpoint.previous_secret_expires_at ?? 0) > now ? [endpoint.secret, previous] : [endpoint.secret];
}
