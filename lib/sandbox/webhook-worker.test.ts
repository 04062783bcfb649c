/**
 * The delivery worker's scheduling under attack-report findings: it must idle, not spin, when what is pending cannot
 * be sent (finding 2); one tenant's slow receivers must not hold up another tenant's deliveries (finding 3).
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

  it("delivers a tenant's event within a second while another tenant's 50 deliveries go to slow receivers", async () => {
    const sandbox = testSandbox({ basePath: '', webhooks: { schedule: '0', timeoutMs: 5_000 } });
    const slowApp = await createTestApp(sandbox);
    const fastApp = await createTestApp(sandbox);
    const slow = await receiver([200], 'ok', 1_500);
    const fast = await receiver([204]);
    for (let i = 0; i < 10; i++) await addEndpoint(sandbox, slowApp, { url: `${slow.url}${i}` });
    for (let i = 0; i < 5; i++) await emit(sandbox, slowApp);
    await until(() => slow.received.length > 0);
    await addEndpoint(sandbox, fastApp, { url: fast.url });
    const started = Date.now();
    const id = (await emit(sandbox, fastApp)).deliveries.find((delivery) => delivery.endpoint_id !== null)!.id;
    await until(() => fast.received.length === 1, 10_000);
    // Before: batches of 10 waited for their slowest receiver, so this took ~7 s (five batches of 1.5 s).
    expect(Date.now() - started).toBeLessThan(1_000);
    // At most 2 of the slow tenant's attempts were under way at once (per-tenant cap): 50 take 25 rounds of 1.5 s.
    expect(slow.received.length).toBeLessThanOrEqual(4);
    expect((await deliveryOf(sandbox, fastApp, id)).status).toBe('succeeded');
    await sandbox.close();
  });
});
