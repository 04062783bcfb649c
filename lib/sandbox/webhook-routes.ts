import type { Handler } from './call';
import { problem } from './http';
import { isRandomId } from './ids';
import type { BodyKind, Route } from './router';
import { getDelivery, listMessages, replayDelivery, reportAttempt } from './webhook-deliveries';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateEndpointSecret,
  updateEndpoint,
} from './webhook-endpoints';
import { openInbox } from './webhook-inbox';

/** A sandbox-only route that needs the `sandbox:manage` scope. */
function manage(
  name: string,
  method: string,
  path: string,
  body: BodyKind,
  handler: Handler,
): Omit<Route, 'documented'> {
  return { key: `sandbox.${name}`, method, path, body, access: 'manage', handler };
}

/**
 * `handler` behind a check of the path's `{id}`: `prefix` and 24 letters or digits, else a 404 problem before any
 * query (an ID no app can have; a NUL in it made PostgreSQL fail with a 500).
 */
function withId(prefix: 'we_' | 'dlv_', handler: Handler): Handler {
  const kind = prefix === 'we_' ? 'endpoint' : 'delivery';
  return (call) =>
    isRandomId(call.params.id ?? '', prefix, 24)
      ? handler(call)
      : Promise.resolve(
          problem(
            call.ctx,
            404,
            `This sandbox app has no webhook ${kind} with that ID: ${kind} IDs are ${prefix} and 24 letters or digits.`,
          ),
        );
}

/**
 * The sandbox-only routes of webhook delivery (lib/sandbox/README.md, "Webhook delivery"), all with the
 * `sandbox:manage` scope. POST /webhooks/emit stays in router.ts with the other sandbox routes.
 */
export const WEBHOOK_ROUTES: readonly Omit<Route, 'documented'>[] = [
  manage('createWebhookEndpoint', 'POST', '/webhooks/endpoints', 'json', createEndpoint),
  manage('listWebhookEndpoints', 'GET', '/webhooks/endpoints', 'none', listEndpoints),
  manage('getWebhookEndpoint', 'GET', '/webhooks/endpoints/{id}', 'none', withId('we_', getEndpoint)),
  manage('updateWebhookEndpoint', 'PATCH', '/webhooks/endpoints/{id}', 'json', withId('we_', updateEndpoint)),
  manage('deleteWebhookEndpoint', 'DELETE', '/webhooks/endpoints/{id}', 'none', withId('we_', deleteEndpoint)),
  manage(
    'rotateWebhookSecret',
    'POST',
    '/webhooks/endpoints/{id}/rotate-secret',
    'none',
    withId('we_', rotateEndpointSecret),
  ),
  manage('listWebhookMessages', 'GET', '/webhooks/messages', 'none', listMessages),
  manage('getWebhookDelivery', 'GET', '/webhooks/deliveries/{id}', 'none', withId('dlv_', getDelivery)),
  manage('replayWebhookDelivery', 'POST', '/webhooks/deliveries/{id}/replay', 'none', withId('dlv_', replayDelivery)),
  manage('reportWebhookAttempt', 'POST', '/webhooks/deliveries/{id}/attempts', 'json', withId('dlv_', reportAttempt)),
  manage('webhookInbox', 'GET', '/webhooks/inbox', 'none', openInbox),
];
