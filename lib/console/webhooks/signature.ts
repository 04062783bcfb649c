/**
 * Checks a delivery's signature in the browser the Standard Webhooks way (standardwebhooks, the library the guide's
 * JavaScript receiver uses) over the exact bytes sent, and says the outcome in words. A timestamp outside the 300 s
 * tolerance is reported as such, with whether the signature itself matches, rather than as a bad signature.
 * Spec: Standard Webhooks 1.0 (verifying: HMAC-SHA256 over `<id>.<timestamp>.<body>`, 5-minute tolerance).
 */
import { Webhook } from 'standardwebhooks';

import type { WebhookHeaders } from './types';

/** The receivers' (and the library's) timestamp tolerance, in seconds. */
export const TOLERANCE_SECONDS = 300;

/** The verdict: `verified`, `stale` (timestamp outside the tolerance), `mismatch`, `unchecked` (no secret/headers). */
export interface SignatureVerdict {
  readonly kind: 'verified' | 'stale' | 'mismatch' | 'unchecked';
  readonly text: string;
}

function ageInWords(seconds: number): string {
  const abs = Math.abs(seconds);
  const span =
    abs < 120 ? `${Math.round(abs)} s` : abs < 7200 ? `${Math.round(abs / 60)} min` : `${Math.round(abs / 3600)} h`;
  return seconds >= 0 ? `${span} ago` : `${span} in the future`;
}

/**
 * Verifies `payload` (the exact text sent) with `headers` (null before anything was signed) against `secret`.
 * @param secret `whsec_<base64>`; undefined when the console does not hold the secret that signed it
 * The clock is the browser's (`Date.now()`, which the library reads too, so both judge the timestamp alike).
 */
export function checkSignature(
  payload: string,
  headers: WebhookHeaders | null,
  secret: string | undefined,
): SignatureVerdict {
  if (!headers) return { kind: 'unchecked', text: 'Not signed yet: the first attempt is on its way.' };
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature)
    return {
      kind: 'unchecked',
      text: 'Not checked: the webhook-id, webhook-timestamp or webhook-signature header is missing.',
    };
  if (!secret) return { kind: 'unchecked', text: 'Not checked: this console does not hold the secret that signed it.' };
  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch {
    return { kind: 'unchecked', text: 'Not checked: the secret is not a whsec_ base64 value.' };
  }
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp)) return { kind: 'mismatch', text: 'Rejected: webhook-timestamp is not Unix seconds.' };
  const age = Date.now() / 1000 - seconds;
  if (Math.abs(age) > TOLERANCE_SECONDS) {
    const expected = webhook.sign(id, new Date(seconds * 1000), payload);
    const matches = signature.split(' ').includes(expected);
    return {
      kind: 'stale',
      text: `Timestamp outside 5 minutes: signed ${ageInWords(age)}, so a receiver rejects it as a possible replay (the signature itself ${matches ? 'matches' : 'does not match either'}). Replay it for a fresh signature.`,
    };
  }
  try {
    webhook.verify(payload, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
    return { kind: 'verified', text: 'Signature verified' };
  } catch {
    return {
      kind: 'mismatch',
      text: 'Signature does not match: the body or headers differ from what was signed, or another secret signed it.',
    };
  }
}
