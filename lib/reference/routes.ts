/**
 * The pages of the API reference, derived from the OpenAPI document through lib/openapi.ts, so a new
 * operation, webhook event or error code gets its page (or anchor) without touching a route.
 */
import { listErrors, listOperations, listWebhooks } from '../openapi';

/** Static params of `/reference/[operationId]`: one per operation. */
export function operationParams(): { operationId: string }[] {
  return listOperations().map((operation) => ({ operationId: operation.operationId }));
}

/** Static params of `/reference/webhooks/[event]`: one per webhook event (`deployment.succeeded`, …). */
export function webhookParams(): { event: string }[] {
  return listWebhooks().map((webhook) => ({ event: webhook.event }));
}

/** The URL of an operation's page. */
export function operationHref(operationId: string): string {
  return `/reference/${encodeURIComponent(operationId)}`;
}

/** The URL of a webhook event's page. */
export function webhookHref(event: string): string {
  return `/reference/webhooks/${encodeURIComponent(event)}`;
}

/** The URL of an error code's entry on the errors page (anchor id = the status, e.g. `#429`). */
export function errorHref(status: number): string {
  return `/reference/errors#${status}`;
}

/** The error statuses the errors page must carry an anchor for. */
export function errorAnchors(): string[] {
  return listErrors().map((error) => String(error.status));
}
