/**
 * The static params of the reference's dynamic routes, derived from the OpenAPI document through
 * the model (lib/openapi/), so a new operation or webhook event gets its page without touching a route.
 * The URLs of those pages come from lib/urls.ts.
 */
import { listOperations, listWebhooks } from '../openapi';

/** Static params of `/reference/[operationId]`: one per operation. */
export function operationParams(): { operationId: string }[] {
  return listOperations().map((operation) => ({ operationId: operation.operationId }));
}

/** Static params of `/reference/webhooks/[event]`: one per webhook event (`deployment.succeeded`, …). */
export function webhookParams(): { event: string }[] {
  return listWebhooks().map((webhook) => ({ event: webhook.event }));
}
