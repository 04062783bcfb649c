import { timingSafeEqual } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { listWebhooks } from '@/lib/openapi';

import type { ApiCall } from './call';
import { capExceeded } from './caps';
import { LIMITS, webhookToleranceSeconds } from './config';
import { json, problem, type FieldError, type Reply, type RequestContext } from './http';
import { randomId } from './ids';
import type { Runtime } from './runtime';
import type { CapHit } from './store';

/** A signed delivery as POST /sandbox/webhooks/emit returns it. */
export interface Delivery {
  event: string;
  webhook_id: string;
  headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
  payload: string;
}

/** Replaces the example's IDs with fresh ones of the same prefix (`evt_`, `dep_`, `inc_`, `inv_`, `usr_`). */
function freshIds(value: unknown, projectId: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => freshIds(item, projectId));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, freshIds(item, projectId)]));
  }
  if (typeof value === 'string') {
    if (projectId && /^prj_[A-Za-z0-9]{16}$/.test(value)) return projectId;
    const prefix = /^(evt|dep|inc|inv|usr)_[A-Za-z0-9]+$/.exec(value)?.[1];
    if (prefix) return randomId(`${prefix}_`, 16);
  }
  return value;
}

/** The event names the document's `webhooks` section defines. */
function webhookEvents(): string[] {
  return listWebhooks().map((webhook) => webhook.event);
}

/**
 * Builds and signs a delivery of `event` for a tenant per Standard Webhooks (the `standardwebhooks` package), from
 * the document's example payload with fresh IDs, the tenant's oldest project and the current time; stores it
 * unless the tenant holds LIMITS.caps.deliveries already.
 * @returns the delivery, the cap that stopped it (nothing stored), or undefined if the document has no such event.
 */
async function emitDelivery(rt: Runtime, tenantId: string, event: string): Promise<Delivery | CapHit | undefined> {
  const webhook = listWebhooks().find((candidate) => candidate.event === event);
  const tenant = await rt.store.tenant(tenantId);
  if (!webhook || !tenant) return undefined;
  const now = new Date(rt.now());
  const iso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const example = freshIds(webhook.example, (await rt.store.firstProject(tenantId))?.id) as Record<string, unknown>;
  const data = { ...(example.data as Record<string, unknown>) };
  for (const field of ['promoted_at', 'started_at']) if (field in data) data[field] = iso;
  const payload = JSON.stringify({ ...example, created_at: iso, data });
  const id = randomId('msg_', 24);
  const timestamp = Math.floor(now.getTime() / 1000);
  const signature = new Webhook(tenant.webhook_secret).sign(id, now, payload);
  const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
  const delivery = { id, tenant_id: tenantId, event, payload, headers };
  const hit = await rt.store.insertDelivery(delivery, now.getTime(), LIMITS.caps.deliveries);
  return hit ?? { event, webhook_id: id, headers, payload };
}

const DIGITS = /^[0-9]+$/;

/**
 * The syntax Standard Webhooks gives the delivery headers, checked strictly: `webhook-id` a non-empty string,
 * `webhook-timestamp` integer Unix seconds written as decimal digits only. Why not `Number()`: it also reads
 * `0x…`, `1.7e9`, `+…`, `….0` and surrounding spaces, values no Standard Webhooks sender writes.
 * @param body - a verifyWebhook request body (anything: fields that are not strings are left to schema validation).
 * @returns one field error per offending header (JSON pointers into the body), empty when both are well-formed.
 */
export function deliveryHeaderErrors(body: unknown): FieldError[] {
  const headers = (body as { headers?: unknown } | null)?.headers;
  if (!headers || typeof headers !== 'object') return [];
  const { 'webhook-id': id, 'webhook-timestamp': timestamp } = headers as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (id === '')
    errors.push({
      field: '/headers/webhook-id',
      message: 'must not be empty: copy the webhook-id header exactly as received',
    });
  if (typeof timestamp === 'string' && !DIGITS.test(timestamp)) {
    errors.push({
      field: '/headers/webhook-timestamp',
      message:
        'must be integer Unix seconds in decimal digits only (no sign, spaces, decimal point, exponent or hex), e.g. "1796033700": copy the webhook-timestamp header exactly as received',
    });
  }
  return errors;
}

/**
 * Checks a delivery against a secret the way a Standard Webhooks receiver does: well-formed headers
 * (deliveryHeaderErrors), timestamp within the tolerance of the (injectable) clock, then any `v1,<base64>` entry
 * equal to the signature the `standardwebhooks` package computes for `<id>.<timestamp>.<payload>` (constant-time
 * comparison).
 * @returns undefined when valid, else a detail sentence and the invalid fields.
 */
export function checkDelivery(
  secret: string,
  payload: string,
  headers: Record<string, string>,
  nowMs: number,
): { detail: string; errors?: FieldError[] } | undefined {
  const malformed = deliveryHeaderErrors({ headers });
  if (malformed.length > 0)
    return {
      detail: `The delivery's ${malformed.map((error) => error.field.slice('/headers/'.length)).join(' and ')} ${malformed.length > 1 ? 'are' : 'is'} malformed: ${malformed.map((error) => error.message).join('; ')}.`,
      errors: malformed,
    };
  const tolerance = webhookToleranceSeconds();
  const timestamp = Number(headers['webhook-timestamp']);
  const skew = Math.abs(Math.floor(nowMs / 1000) - timestamp);
  if (!Number.isSafeInteger(timestamp) || skew > tolerance) {
    return {
      detail: `webhook-timestamp ${headers['webhook-timestamp']} is ${Number.isSafeInteger(timestamp) ? skew : 'an invalid number of'} seconds from the server clock; the tolerance is ${tolerance} seconds.`,
      errors: [
        { field: '/headers/webhook-timestamp', message: `must be within ${tolerance} seconds of the server clock` },
      ],
    };
  }
  const expected = new Webhook(secret).sign(headers['webhook-id']!, new Date(timestamp * 1000), payload).split(',')[1]!;
  const matches = headers['webhook-signature']!.split(' ').some((entry) => {
    const [version, signature = ''] = entry.split(',');
    // Compared as bytes: a character outside ASCII is one UTF-16 unit but several UTF-8 bytes.
    const given = Buffer.from(signature);
    const wanted = Buffer.from(expected);
    return version === 'v1' && given.length === wanted.length && timingSafeEqual(given, wanted);
  });
  if (!matches)
    return {
      detail: 'No v1 signature in webhook-signature matches the payload. Verify the raw body exactly as received.',
      errors: [{ field: '/headers/webhook-signature', message: 'no v1 signature matches the payload' }],
    };
  return undefined;
}

/** verifyWebhook: 200 `{valid, event_type, webhook_id, timestamp}` or 400 with why the delivery does not verify. */
export async function verifyWebhook(call: ApiCall): Promise<Reply> {
  const { payload, headers } = call.body as { payload: string; headers: Record<string, string> };
  const tenant = await call.rt.store.tenant(call.identity.tenantId);
  if (!tenant)
    return problem(call.ctx, 401, 'The tenant of this token no longer exists.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="aethex", error="invalid_token"' },
    });
  const failure = checkDelivery(tenant.webhook_secret, payload, headers, call.rt.now());
  if (failure) return problem(call.ctx, 400, failure.detail, failure.errors ? { errors: failure.errors } : {});
  let eventType: unknown;
  try {
    eventType = (JSON.parse(payload) as { type?: unknown }).type;
  } catch {
    eventType = undefined;
  }
  if (typeof eventType !== 'string' || !webhookEvents().includes(eventType)) {
    return problem(
      call.ctx,
      400,
      'The signature matches but the payload is not an AeThex event (its type is missing or unknown).',
      { errors: [{ field: '/payload', message: `type must be one of ${webhookEvents().join(', ')}` }] },
    );
  }
  return json(200, {
    valid: true,
    event_type: eventType,
    webhook_id: headers['webhook-id'],
    timestamp: Number(headers['webhook-timestamp']),
  });
}

/** POST /sandbox/webhooks/emit body check and response. */
export async function emitWebhook(rt: Runtime, ctx: RequestContext, tenantId: string, body: unknown): Promise<Reply> {
  const event = (body as { event?: unknown } | null)?.event;
  const events = webhookEvents();
  if (typeof event !== 'string' || !events.includes(event)) {
    return problem(ctx, 400, `Send {"event": "<name>"} with one of: ${events.join(', ')}.`, {
      errors: [{ field: '/event', message: `must be one of ${events.join(', ')}` }],
    });
  }
  const delivery = await emitDelivery(rt, tenantId, event);
  if (delivery && 'cap' in delivery) return capExceeded(rt, ctx, tenantId, delivery);
  return json(200, delivery);
}
