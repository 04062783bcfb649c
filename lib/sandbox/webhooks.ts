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
import { signDelivery } from './webhook-signing';
import { deliveryView } from './webhook-views';

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
export function webhookEvents(): string[] {
  return listWebhooks().map((webhook) => webhook.event);
}

/** What POST /sandbox/webhooks/emit answers: the listen copy (as before delivery existed) and every delivery. */
interface Emitted extends Delivery {
  deliveries: ReturnType<typeof deliveryView>[];
}

/**
 * Emits `event` for a tenant: a payload from the document's example with fresh IDs, the tenant's oldest project and
 * the current time; its listen copy signed per Standard Webhooks with the tenant's webhook secret and published on
 * the inbox stream; one pending delivery per enabled endpoint subscribed to it, which the worker sends at once. Stores
 * nothing when the tenant holds LIMITS.caps.deliveries messages already.
 * @returns the message and its deliveries, the cap that stopped it, or undefined if the document has no such event.
 */
async function emitMessage(rt: Runtime, tenantId: string, event: string): Promise<Emitted | CapHit | undefined> {
  const webhook = listWebhooks().find((candidate) => candidate.event === event);
  const tenant = await rt.store.tenant(tenantId);
  if (!webhook || !tenant) return undefined;
  const nowMs = rt.now();
  const iso = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const example = freshIds(webhook.example, (await rt.store.firstProject(tenantId))?.id) as Record<string, unknown>;
  const data = { ...(example.data as Record<string, unknown>) };
  for (const field of ['promoted_at', 'started_at']) if (field in data) data[field] = iso;
  const payload = JSON.stringify({ ...example, created_at: iso, data });
  const id = randomId('msg_', 24);
  const listenId = randomId('dlv_', 24);
  const signed = signDelivery(id, payload, [tenant.webhook_secret], nowMs);
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': signed['webhook-timestamp'],
    'webhook-signature': signed['webhook-signature'],
  };
  const forward = { delivery_id: listenId, message_id: id, event, headers: signed, payload, replay: false };
  const rows = await rt.store.createMessage(
    { id, tenant_id: tenantId, event, payload, headers: JSON.stringify(headers), created_at: nowMs },
    { id: listenId, headers: JSON.stringify(signed), forward: JSON.stringify(forward) },
    () => randomId('dlv_', 24),
    LIMITS.caps.deliveries,
  );
  if ('cap' in rows) return rows;
  rt.signals.changed(tenantId);
  if (rows.length > 1) rt.signals.wakeWorker();
  const deliveries = rows.map((delivery) => deliveryView({ delivery, event, payload, attempts: [] }));
  return { event, webhook_id: id, headers, payload, deliveries };
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

/**
 * POST /sandbox/webhooks/emit: 200 `{event, webhook_id, headers, payload, deliveries}` (the listen copy as before,
 * plus every delivery made), 400 for an unknown event, 429 at the messages cap.
 */
export async function emitWebhook(rt: Runtime, ctx: RequestContext, tenantId: string, body: unknown): Promise<Reply> {
  const event = (body as { event?: unknown } | null)?.event;
  const events = webhookEvents();
  if (typeof event !== 'string' || !events.includes(event)) {
    return problem(ctx, 400, `Send {"event": "<name>"} with one of: ${events.join(', ')}.`, {
      errors: [{ field: '/event', message: `must be one of ${events.join(', ')}` }],
    });
  }
  const emitted = await emitMessage(rt, tenantId, event);
  if (emitted && 'cap' in emitted) return capExceeded(rt, ctx, tenantId, emitted);
  return json(200, emitted);
}
