/**
 * Webhook endpoints of a sandbox app (lib/sandbox/README.md, "Webhook delivery"): create, list, read, update, delete
 * and rotate the signing secret. Bodies are checked with zod; every refusal is an RFC 9457 problem naming the fields
 * (JSON pointers) and stores nothing.
 */
import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { parse } from './apps';
import type { Call } from './call';
import { LIMITS } from './config';
import { json, problem, type FieldError, type Reply } from './http';
import { randomId } from './ids';
import { urlRefusal } from './outbound';
import type { EndpointRow } from './store';
import { endpointView } from './webhook-views';
import { webhookEvents } from './webhooks';

/** A fresh signing secret: `whsec_` and 24 random bytes in base64 (Standard Webhooks' format). */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The endpoint body's fields; `partial` for PATCH (every field optional, at least the present ones checked). */
function endpointBody(allowLoopback: boolean, partial: boolean) {
  const events = webhookEvents();
  const url = z
    .string(`must be a string: the absolute http(s) URL your receiver answers on`)
    .max(LIMITS.webhooks.urlMax, `must be at most ${LIMITS.webhooks.urlMax} characters`)
    .superRefine((value, context) => {
      const refusal = urlRefusal(value, allowLoopback);
      if (refusal) context.addIssue({ code: 'custom', message: refusal.message });
    });
  // The length is checked before any element (a pipe stops at the first failure): the list can hold each documented
  // event once, and a 100,000-element array must cost a length check, not an element check and an error each.
  const eventList = z
    .array(z.unknown(), 'must be an array of event names')
    .min(1, `must name at least one event (omit it on creation to subscribe to all: ${events.join(', ')})`)
    .max(events.length, `must name each event at most once: at most ${events.length} of ${events.join(', ')}`)
    .pipe(
      z
        .array(z.string().refine((event) => events.includes(event), `must be one of ${events.join(', ')}`))
        .superRefine((list, context) => {
          const seen = new Set<string>();
          list.forEach((event, index) => {
            if (seen.has(event))
              context.addIssue({ code: 'custom', path: [index], message: `repeats ${event}; name each event once` });
            seen.add(event);
          });
        }),
    );
  const shape = {
    url: partial ? url.optional() : url,
    events: eventList.optional(),
    enabled: z.boolean('must be true or false').optional(),
    description: z
      .string('must be a string')
      .max(LIMITS.webhooks.descriptionMax, `must be at most ${LIMITS.webhooks.descriptionMax} characters`)
      .optional(),
  };
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has unknown fields ${issue.keys.join(', ')}: send url, events, enabled, description`
        : 'must be a JSON object',
  });
}

/** The most field errors one 400 answer lists. */
const MAX_ERRORS = 20;

/** The 400 problem of an invalid endpoint body, its fields named (the first MAX_ERRORS). */
function invalidBody(call: Call, found: FieldError[]): Reply {
  // The body itself is the empty JSON pointer (RFC 6901), not `/` (a member named "").
  // At most MAX_ERRORS named: a hostile body must not make the answer grow with it.
  const errors = found.slice(0, MAX_ERRORS).map((error) => (error.field === '/' ? { ...error, field: '' } : error));
  const more = found.length > MAX_ERRORS ? ` (and ${found.length - MAX_ERRORS} more)` : '';
  const listed = errors.map((error) => `${error.field || 'the body'} ${error.message}`).join('; ') + more;
  return problem(
    call.ctx,
    400,
    `The endpoint is invalid: ${listed}. Send {"url": "https://…", "events"?: [...], "enabled"?: true, "description"?: "…"}.`,
    { errors },
  );
}

/** The 404 problem of an endpoint the caller's app does not have (another app's alike). */
function unknownEndpoint(call: Call, id: string): Reply {
  return problem(call.ctx, 404, `This sandbox app has no webhook endpoint ${id}. List them: GET /webhooks/endpoints.`);
}

const tenantOf = (call: Call) => call.identity?.tenantId ?? '';

/** POST /webhooks/endpoints: 201 with the endpoint and its Location; 400 for a bad body; 409 at the cap. */
export async function createEndpoint(call: Call): Promise<Reply> {
  const { rt, ctx } = call;
  const parsed = parse(endpointBody(rt.webhooks.allowLoopback, false), call.body);
  if (!parsed.ok) return invalidBody(call, parsed.errors);
  const now = rt.now();
  const row: EndpointRow = {
    id: randomId('we_', 24),
    tenant_id: tenantOf(call),
    url: parsed.value.url!,
    description: parsed.value.description ?? '',
    events: JSON.stringify(parsed.value.events ?? webhookEvents()),
    enabled: parsed.value.enabled === false ? 0 : 1,
    disabled_reason: null,
    failures: 0,
    secret: newSecret(),
    previous_secret: null,
    previous_secret_expires_at: null,
    created_at: now,
    updated_at: now,
  };
  const cap = LIMITS.caps.webhookEndpoints;
  if ((await rt.store.createEndpoint(row, cap)) === 'capped')
    return problem(
      ctx,
      409,
      `This sandbox app has ${cap} webhook endpoints, the most it may have; delete one (DELETE /webhooks/endpoints/{id}) or change one (PATCH) instead.`,
    );
  return json(201, endpointView(row, now), {
    Location: `${ctx.origin}${ctx.base}/webhooks/endpoints/${row.id}`,
  });
}

/** GET /webhooks/endpoints: 200 `{data: [endpoint…]}`, newest first. */
export async function listEndpoints(call: Call): Promise<Reply> {
  const now = call.rt.now();
  const rows = await call.rt.store.endpoints(tenantOf(call));
  return json(200, { data: rows.map((row) => endpointView(row, now)) }, { 'Cache-Control': 'no-store' });
}

/** GET /webhooks/endpoints/{id}: 200 endpoint, or 404. */
export async function getEndpoint(call: Call): Promise<Reply> {
  const id = call.params.id ?? '';
  const row = await call.rt.store.endpoint(tenantOf(call), id);
  if (!row) return unknownEndpoint(call, id);
  return json(200, endpointView(row, call.rt.now()), { 'Cache-Control': 'no-store' });
}

/** PATCH /webhooks/endpoints/{id}: 200 endpoint (`enabled: true` clears its disabled reason), 400, or 404. */
export async function updateEndpoint(call: Call): Promise<Reply> {
  const { rt } = call;
  const id = call.params.id ?? '';
  const parsed = parse(endpointBody(rt.webhooks.allowLoopback, true), call.body);
  if (!parsed.ok) return invalidBody(call, parsed.errors);
  const row = await rt.store.updateEndpoint(tenantOf(call), id, parsed.value, rt.now());
  if (!row) return unknownEndpoint(call, id);
  // Re-enabled: deliveries that were waiting for it are due again.
  if (parsed.value.enabled) rt.signals.wakeWorker();
  return json(200, endpointView(row, rt.now()));
}

/** DELETE /webhooks/endpoints/{id}: 204 (its pending deliveries cancelled), or 404. */
export async function deleteEndpoint(call: Call): Promise<Reply> {
  const id = call.params.id ?? '';
  const tenantId = tenantOf(call);
  if (!(await call.rt.store.deleteEndpoint(tenantId, id, call.rt.now()))) return unknownEndpoint(call, id);
  call.rt.signals.changed(tenantId);
  return { status: 204, headers: {}, body: null };
}

/**
 * POST /webhooks/endpoints/{id}/rotate-secret: 200 endpoint with a new secret; the old one signs alongside until
 * `previous_secret_expires_at` (now + the grace period), or 404.
 */
export async function rotateEndpointSecret(call: Call): Promise<Reply> {
  const { rt } = call;
  const id = call.params.id ?? '';
  const now = rt.now();
  const expires = now + rt.webhooks.secretGraceSeconds * 1000;
  const row = await rt.store.rotateSecret(tenantOf(call), id, newSecret(), expires, now);
  if (!row) return unknownEndpoint(call, id);
  return json(200, endpointView(row, now));
}
