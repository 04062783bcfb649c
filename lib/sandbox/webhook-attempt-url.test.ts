/**
 * Each attempt records the URL it went to (attack finding 11): after a PATCH of the endpoint's URL the delivery's
 * `target` shows the new one, and the attempts show where each went.
 */
import { describe, expect, it } from 'vitest';

import { createTestApp, testSandbox } from './test-helpers';
import { addEndpoint, call, deliveryOf, emit, receiver, until } from './webhook-test-helpers';

describe('attempt URLs', () => {
  it('show where each attempt went when the endpoint URL changed between them; null for listen reports', async () => {
    const sandbox = testSandbox({ basePath: '', webhooks: { schedule: '0,0.5', workerPollMs: 50 } });
    const app = await createTestApp(sandbox);
    expect((await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 })).status).toBe(200);
    const before = await receiver([500]);
    const after = await receiver([204]);
    const endpoint = await addEndpoint(sandbox, app, { url: before.url });
    const { deliveries } = await emit(sandbox, app);
    const id = deliveries.find((delivery) => delivery.endpoint_id !== null)!.id;
    await until(async () => (await deliveryOf(sandbox, app, id)).attempts.length === 1);
    const patch = await call(sandbox, app, 'PATCH', `/webhooks/endpoints/${endpoint.id}`, { url: after.url });
    expect(patch.status).toBe(200);
    const done = await until(async () => {
      const delivery = await deliveryOf(sandbox, app, id);
      return delivery.status === 'succeeded' && delivery;
    });
    expect(done.attempts.map((attempt) => (attempt as { url?: string | null }).url)).toEqual([before.url, after.url]);
    const listen = deliveries.find((delivery) => delivery.endpoint_id === null)!.id;
    const reported = await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen}/attempts`, {
      status: 204,
      duration_ms: 2,
    });
    expect(((await reported.json()) as { url: unknown }).url).toBeNull();
    await sandbox.close();
  });
});
