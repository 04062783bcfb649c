/**
 * The delivery worker's scheduling under attack-report findings: it must idle, not spin, when what is pending cannot
 * be sent (finding 2).
 */
import { describe, expect, it } from 'vitest';

import { createTestApp, storeOf, testSandbox } from './test-helpers';
import { addEndpoint, call, deliveryOf, emit, receiver, until } from './webhook-test-helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivery worker', () => {
  it('idles while a disabled endpoint has a pending delivery (a few scans a second, not hundreds)', async () => {
    const sandbox = testSandbox({ basePath: '', webhooks: { schedule: '0,0.2,30' } });
    const app = await createTestApp(sandbox);
    const store = await storeOf(sandbox);
    let scans = 0;
    const due = store.dueDeliveries.bind(store);
    store.dueDeliveries = (...args) => ((scans += 1), due(...args));
    const hook = await receiver([500]);
    const endpoint = await addEndpoint(sandbox, app, { url: hook.url });
    const id = (await emit(sandbox, app)).deliveries.find((delivery) => delivery.endpoint_id !== null)!.id;
    await until(async () => (await deliveryOf(sandbox, app, id)).attempts.length === 1);
    expect((await call(sandbox, app, 'PATCH', `/webhooks/endpoints/${endpoint.id}`, { enabled: false })).status).toBe(
      200,
    );
    await pause(400); // the delivery's next attempt falls due while its endpoint is disabled
    expect((await deliveryOf(sandbox, app, id)).status).toBe('pending');
    scans = 0;
    await pause(1_000);
    // Default poll 1 s: one or two scans; the spin made ~400.
    expect(scans).toBeLessThanOrEqual(3);
    await sandbox.close();
  });
});
