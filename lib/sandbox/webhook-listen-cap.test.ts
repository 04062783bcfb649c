/**
 * The change feed under a flood (attack finding 5): a listen copy is republished at most
 * LIMITS.caps.attemptsPerDelivery times, and one purge round deletes every old change, however many; concurrent
 * listen reports keep the attempts cap and distinct numbers (attack finding 7).
 */
import { describe, expect, it } from 'vitest';

import { LIMITS } from './config';
import { countRows, createTestApp, storeOf, testSandbox } from './test-helpers';
import { call, deliveryOf, emit } from './webhook-test-helpers';

describe('listen copies and the change feed', () => {
  it('refuses a listen copy replayed past the cap with a 429 that changes nothing', async () => {
    const sandbox = testSandbox({ basePath: '' });
    const app = await createTestApp(sandbox);
    expect((await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 })).status).toBe(200);
    const listen = (await emit(sandbox, app)).deliveries.find((delivery) => delivery.endpoint_id === null)!.id;
    const cap = LIMITS.caps.attemptsPerDelivery;
    for (let i = 0; i < cap; i++)
      expect((await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen}/replay`)).status).toBe(202);
    const changes = await countRows(sandbox, 'webhook_changes');
    const refused = await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen}/replay`);
    // Before: every replay was accepted (3,000 made 6,002 change rows).
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/replayed 50 times/);
    expect(await countRows(sandbox, 'webhook_changes')).toBe(changes);
    // A report still lands (reports have their own count, the attempts) and does not reset the republications.
    const report = { status: 204, duration_ms: 3 };
    expect((await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen}/attempts`, report)).status).toBe(201);
    expect((await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen}/replay`)).status).toBe(429);
    await sandbox.close();
  });

  it('purges every change older than the cutoff in one round, batch after batch', async () => {
    const sandbox = testSandbox({ basePath: '' });
    const app = await createTestApp(sandbox);
    const store = await storeOf(sandbox);
    const old = Array.from({ length: 25 }, () => ({
      tenant_id: app.tenant_id,
      kind: 'delivery' as const,
      delivery_id: 'dlv_x',
      data: '{}',
      created_at: 1_000,
    }));
    await store.db.insertInto('webhook_changes').values(old).execute();
    await store.db
      .insertInto('webhook_changes')
      .values({ ...old[0]!, created_at: 5_000 })
      .execute();
    await store.purgeChanges(2_000, 10);
    // Before: one batch of 10 a round, 15 old rows left.
    expect(await countRows(sandbox, 'webhook_changes')).toBe(1);
    await sandbox.close();
  });

  it('keeps the attempts cap and distinct numbers under 120 concurrent listen reports', async () => {
    const sandbox = testSandbox({ basePath: '' });
    const app = await createTestApp(sandbox);
    expect((await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 })).status).toBe(200);
    const listen = (await emit(sandbox, app)).deliveries.find((delivery) => delivery.endpoint_id === null)!.id;
    const report = { status: 204, duration_ms: 1 };
    const statuses = await Promise.all(
      Array.from({ length: 120 }, async () => {
        const response = await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen}/attempts`, report);
        await response.body?.cancel();
        return response.status;
      }),
    );
    const cap = LIMITS.caps.attemptsPerDelivery;
    // Before (PostgreSQL): all 120 answered 201, with 79 distinct numbers.
    expect(statuses.filter((status) => status === 201)).toHaveLength(cap);
    expect(statuses.filter((status) => status === 429)).toHaveLength(120 - cap);
    const numbers = (await deliveryOf(sandbox, app, listen)).attempts.map((attempt) => attempt.number);
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: cap }, (_, index) => index + 1));
    await sandbox.close();
  });
});
