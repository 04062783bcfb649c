import type { Handler } from './call';
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
 * The sandbox-only routes of webhook delivery (lib/sandbox/README.md, "Webhook delivery"), all with the
 * `sandbox:manage` scope. POST /webhooks/emit stays in router.ts with the other sandbox routes.
 */
export const WEBHOOK_ROUTES: readonly Omit<Route, 'documented'>[] = [
  manage('createWebhookEndpoint', 'POST', '/webhooks/endpoints', 'json', createEndpoint),
  manage('listWebhookEndpoints', 'GET', '/webhooks/endpoints', 'none', listEndpoints),
  manage('getWebhookEndpoint', 'GET', '/webhooks/endpoints/{id}', 'none', getEndpoint),
  manage('updateWebhookEndpoint', 'PATCH', '/webhooks/endpoints/{id}', 'json', updateEndpoint),
  manage('deleteWebhookEndpoint', 'DELETE', '/webhooks/endpoints/{id}', 'none', deleteEndpoint),
  manage('rotateWebhookSecret', 'POST', '/webhooks/endpoints/{id}/rotate-secret', 'none', rotateEndpointSecret),
  manage('listWebhookMessages', 'GET', '/webhooks/messages', 'none', listMessages),
  manage('getWebhookDelivery', 'GET', '/webhooks/deliveries/{id}', 'none', getDelivery),
  manage('replayWebhookDelivery', 'POST', '/webhooks/deliveries/{id}/replay', 'none', replayDelivery),
  manage('reportWebhookAttempt', 'POST', '/webhooks/deliveries/{id}/attempts', 'json', reportAttempt),
  manage('webhookInbox', 'GET', '/webhooks/inbox', 'none', openInbox),
];
