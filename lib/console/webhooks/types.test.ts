/**
 * The console's webhook types against the shapes the sandbox's routes build (lib/sandbox/webhook-views.ts): a field
 * the sandbox renames, drops or retypes fails `tsc` here, so the panel cannot silently read what is no longer sent.
 */
import { describe, expectTypeOf, it } from 'vitest';

import type { deliveryView, endpointView, messageView } from '@/lib/sandbox/webhook-views';

import type { WebhookDelivery, WebhookEndpoint, WebhookMessage } from './types';

describe('the console reads the webhook objects the sandbox sends', () => {
  it('endpoint, delivery (with its attempts) and message', () => {
    expectTypeOf<ReturnType<typeof endpointView>>().toExtend<WebhookEndpoint>();
    expectTypeOf<ReturnType<typeof deliveryView>>().toExtend<WebhookDelivery>();
    expectTypeOf<ReturnType<typeof messageView>>().toExtend<WebhookMessage>();
  });
});
