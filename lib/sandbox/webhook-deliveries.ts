/**
 * A sandbox app's webhook messages and deliveries (lib/sandbox/README.md, "Webhook delivery"): the inbox's first
 * page, one delivery, a replay, and the attempts `npm run sandbox:listen` reports for listen copies.
 */
import { z } from 'zod';

import { parse } from './apps';
import type { Call } from './call';
import { LIMITS } from './config';
import { json, problem, type Reply } from './http';
import type { DeliveryRecord } from './store';
import { signDelivery } from './webhook-signing';
import { attemptView, deliveryView, messageView } from './webhook-views';

const tenantOf = (call: Call) => call.identity?.tenantId ?? '';

/** GET /webhooks/messages?limit=20 (1..100): 200 `{data: [message…]}`, newest first, each with its deliveries. */
export async function listMessages(call: Call): Promise<Reply> {
  const given = call.url.searchParams.get('limit');
  const limit = given === null ? 20 : /^\d{1,3}$/.test(given) ? Number(given) : NaN;
  if (!(limit >= 1 && limit <= 100))
    return problem(call.ctx, 400, `limit must be an integer from 1 to 100; it is ${given}.`, {
      errors: [{ field: 'limit', message: 'must be an integer from 1 to 100' }],
    });
  const records = await call.rt.store.messages(tenantOf(call), limit);
  return json(200, { data: records.map(messageView) }, { 'Cache-Control': 'no-store' });
}

/** The tenant's delivery of the path's `{id}`, or the 404 problem (another app's delivery alike). */
async function ownDelivery(call: Call): Promise<DeliveryRecord | Reply> {
  const id = call.params.id ?? '';
  const record = await call.rt.store.delivery(tenantOf(call), id);
  if (record) return record;
  return problem(
    call.ctx,
    404,
    `This sandbox app has no webhook delivery ${id}. Its deliveries are listed by GET /webhooks/messages.`,
  );
}

/** Whether a value is a Reply rather than a record. */
const isReply = (value: DeliveryRecord | Reply): value is Reply => 'status' in value && 'body' in value;

/**
 * The 429 problem of a per-delivery cap. The cap never frees (the delivery keeps what it has), so `Retry-After` is
 * the time until the app expires, as for the other caps that never free (caps.ts), and the detail says what to do.
 */
async function deliveryCapped(call: Call, detail: string): Promise<Reply> {
  const { rt } = call;
  const expires = (await rt.store.tenant(tenantOf(call)))?.expires_at ?? rt.now();
  const retryAfter = Math.max(1, Math.ceil((expires - rt.now()) / 1000));
  return problem(call.ctx, 429, detail, { headers: { 'Retry-After': String(retryAfter) } });
}

/** The 429 problem of a delivery holding LIMITS.caps.attemptsPerDelivery attempts. */
function attemptsCapped(call: Call, id: string): Promise<Reply> {
  const cap = LIMITS.caps.attemptsPerDelivery;
  return deliveryCapped(
    call,
    `Delivery ${id} has ${cap} attempts, the most one delivery keeps; emit the event again for a new delivery.`,
  );
}

/** The 429 problem of a delivery holding LIMITS.caps.attemptsPerDelivery attempts, or undefined. */
async function attemptsFull(call: Call, record: DeliveryRecord): Promise<Reply | undefined> {
  if (record.attempts.length < LIMITS.caps.attemptsPerDelivery) return undefined;
  return attemptsCapped(call, record.delivery.id);
}

/** GET /webhooks/deliveries/{id}: 200 delivery with its attempts, or 404. */
export async function getDelivery(call: Call): Promise<Reply> {
  const record = await ownDelivery(call);
  if (isReply(record)) return record;
  return json(200, deliveryView(record), { 'Cache-Control': 'no-store' });
}

/**
 * POST /webhooks/deliveries/{id}/replay: 202 delivery. An endpoint delivery gets one more attempt at once, outside its
 * schedule, with the same webhook-id (409 when its endpoint is disabled or deleted); a listen copy is signed afresh
 * with the app's webhook secret and published on the inbox stream again.
 */
export async function replayDelivery(call: Call): Promise<Reply> {
  const { rt, ctx } = call;
  const record = await ownDelivery(call);
  if (isReply(record)) return record;
  const full = await attemptsFull(call, record);
  if (full) return full;
  const { delivery } = record;
  const tenantId = tenantOf(call);
  if (delivery.endpoint_id !== null) {
    const endpoint = await rt.store.endpoint(tenantId, delivery.endpoint_id);
    if (!endpoint)
      return problem(ctx, 409, `The endpoint of delivery ${delivery.id} was deleted; nothing can be replayed to it.`);
    if (endpoint.enabled !== 1)
      return problem(
        ctx,
        409,
        `Endpoint ${endpoint.id} is disabled (${endpoint.disabled_reason ?? 'by PATCH enabled: false'}); enable it with PATCH /webhooks/endpoints/${endpoint.id} {"enabled": true}, then replay.`,
      );
    await rt.store.requestReplay(tenantId, delivery.id);
    rt.signals.wakeWorker();
    return json(202, deliveryView(record));
  }
  const tenant = await rt.store.tenant(tenantId);
  const now = rt.now();
  const headers = signDelivery(delivery.message_id, record.payload, [tenant?.webhook_secret ?? ''], now);
  const forward = {
    delivery_id: delivery.id,
    message_id: delivery.message_id,
    event: record.event,
    headers,
    payload: record.payload,
    replay: true,
  };
  const cap = LIMITS.caps.attemptsPerDelivery;
  const published = await rt.store.publishListen(
    tenantId,
    delivery.id,
    { headers: JSON.stringify(headers), forward: JSON.stringify(forward), cap },
    now,
  );
  if (!published)
    return deliveryCapped(
      call,
      `Listen copy ${delivery.id} was replayed ${cap} times, the most one delivery may be; emit the event again for a new delivery.`,
    );
  rt.signals.changed(tenantId);
  return json(202, deliveryView({ ...record, delivery: { ...delivery, headers: JSON.stringify(headers) } }));
}

const Report = z.strictObject({
  status: z
    .int('must be an integer HTTP status')
    .min(100, 'must be from 100 to 599')
    .max(599, 'must be from 100 to 599')
    .optional(),
  duration_ms: z.number('must be a number of milliseconds').min(0, 'must be at least 0'),
  response_excerpt: z
    .string('must be a string')
    .max(LIMITS.webhooks.excerptBytes, `must be at most ${LIMITS.webhooks.excerptBytes} characters`)
    .optional(),
  error: z.string('must be a string').max(256, 'must be at most 256 characters').optional(),
});

/**
 * POST /webhooks/deliveries/{id}/attempts: what the local receiver answered a listen copy, reported by
 * `npm run sandbox:listen`: 201 attempt (trigger "listen"; a 2xx status makes the delivery succeeded, else failed);
 * 400 for a bad body; 409 for an endpoint delivery (the sandbox attempts those itself).
 */
export async function reportAttempt(call: Call): Promise<Reply> {
  const { rt, ctx } = call;
  const parsed = parse(Report, call.body);
  if (!parsed.ok || (parsed.value.status === undefined && parsed.value.error === undefined)) {
    const errors = parsed.ok
      ? [{ field: '/status', message: 'send the status, or the error in words' }]
      : parsed.errors;
    return problem(
      ctx,
      400,
      `The report is invalid: ${errors.map((error) => `${error.field || 'the body'} ${error.message}`).join('; ')}. Send {"status": 204, "duration_ms": 12.5, "response_excerpt"?: "…"} or {"error": "connection refused", "duration_ms": 3}.`,
      { errors },
    );
  }
  const record = await ownDelivery(call);
  if (isReply(record)) return record;
  const { delivery } = record;
  if (delivery.endpoint_id !== null)
    return problem(
      ctx,
      409,
      `Delivery ${delivery.id} goes to endpoint ${delivery.endpoint_id}: the sandbox attempts it itself; only listen copies take reports.`,
    );
  const full = await attemptsFull(call, record);
  if (full) return full;
  const report = parsed.value;
  const succeeded = report.status !== undefined && report.status >= 200 && report.status < 300;
  const now = rt.now();
  const attempt = {
    tenant_id: tenantOf(call),
    delivery_id: delivery.id,
    trigger: 'listen' as const,
    attempted_at: now,
    status: report.status ?? null,
    duration_ms: report.duration_ms,
    // PostgreSQL text cannot hold U+0000.
    response_excerpt: (report.response_excerpt ?? '').replaceAll('\u0000', '\uFFFD'),
    error: report.error?.replaceAll('\u0000', '\uFFFD') ?? null,
    outcome: succeeded ? ('succeeded' as const) : ('failed' as const),
    headers: delivery.headers ?? '{}',
    url: null,
  };
  const number = await rt.store.recordAttempt(
    null,
    {
      attempt,
      status: attempt.outcome,
      nextAttemptAt: null,
      // Checked again where the attempt is stored: concurrent reports all passed the check above.
      cap: LIMITS.caps.attemptsPerDelivery,
    },
    now,
  );
  if (number === undefined) return attemptsCapped(call, delivery.id);
  rt.signals.changed(attempt.tenant_id);
  return json(201, attemptView({ ...attempt, seq: 0, number }));
}
