/**
 * Webhook deliveries across instances (issue #19): a restart in the middle of a retry schedule resumes the pending
 * delivery (none lost, none sent twice), and two instances on one database never send the same attempt. On SQLite a
 * file, on PostgreSQL (the `postgres` project) a schema of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { WebhookOptions } from './config';
import { createSandbox, type Sandbox } from './handler';
import { createTestApp, storeOf, testPostgresUrl, testSandbox } from './test-helpers';
import { addEndpoint, deliveryOf, emit, receiver, until } from './webhook-test-helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One database two sandboxes can open in turn or at once: a SQLite file, or a PostgreSQL schema. */
function sharedDatabase(): { db: string; schema?: string } {
  const url = testPostgresUrl();
  if (url) return { db: url, schema: `t_${randomBytes(8).toString('hex')}` };
  return { db: path.join(dir, `${randomBytes(8).toString('hex')}.db`) };
}

/** A standalone sandbox on `database` that is not dropped when closed (testSandbox drops a PostgreSQL schema). */
function instance(database: { db: string; schema?: string }, webhooks: WebhookOptions): Sandbox {
  return createSandbox({ ...database, basePath: '', purgeIntervalMs: 0, webhooks });
}

describe('webhook deliveries across instances', () => {
  it('resume after a restart in the middle of a retry schedule: none lost, none sent twice', async () => {
    const database = sharedDatabase();
    const webhooks = { schedule: '0,0.4', workerPollMs: 50 };
    const hook = await receiver([500, 200]);
    const first = instance(database, webhooks);
    const app = await createTestApp(first);
    await addEndpoint(first, app, { url: hook.url });
    const emitted = await emit(first, app);
    const id = emitted.deliveries.find((delivery) => delivery.endpoint_id !== null)!.id;
    const waiting = await until(async () => {
      const delivery = await deliveryOf(first, app, id);
      return delivery.attempts.length === 1 && delivery;
    });
    expect(waiting.status).toBe('pending');
    expect(waiting.next_attempt_at).not.toBeNull();
    await first.close();
    expect(hook.received).toHaveLength(1);

    // Dropped (PostgreSQL) when the test file ends.
    const second = testSandbox({ ...database, basePath: '', webhooks });
    const done = await until(async () => {
      const delivery = await deliveryOf(second, app, id);
      return delivery.status === 'succeeded' && delivery;
    });
    expect(done.attempts.map((attempt) => [attempt.number, attempt.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.received.map((request) => request.headers['webhook-id'])).toEqual([
      emitted.webhook_id,
      emitted.webhook_id,
    ]);
  });

  // Several instances are a PostgreSQL deployment: two SQLite connections in one thread block each other (a
  // synchronous busy wait holds the event loop the other's transaction needs).
  it.skipIf(!testPostgresUrl())('two instances on one database never send the same attempt', async () => {
    const database = sharedDatabase();
    const webhooks = { schedule: '0,0.05,0.05', workerPollMs: 20, disableAfter: 1000 };
    const hooks = [await receiver([500]), await receiver([500])];
    const a = testSandbox({ ...database, basePath: '', webhooks });
    const b = instance(database, webhooks);
    try {
      const app = await createTestApp(a);
      const store = await storeOf(b);
      for (const hook of hooks) await addEndpoint(a, app, { url: hook.url });
      const ids: string[] = [];
      for (let index = 0; index < 8; index += 1) {
        const emitted = await emit(index % 2 === 0 ? a : b, app, 'incident.opened');
        ids.push(...emitted.deliveries.filter((delivery) => delivery.endpoint_id !== null).map((row) => row.id));
      }
      expect(ids).toHaveLength(16);
      await until(async () => {
        // Read from the store: the API would spend the app's rate limit (100 requests a minute).
        const shown = await Promise.all(ids.map((id) => store.delivery(app.tenant_id, id)));
        return shown.every((record) => record?.delivery.status === 'failed');
      }, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const id of ids) {
        const record = await store.delivery(app.tenant_id, id);
        expect(record!.attempts.map((attempt) => attempt.number)).toEqual([1, 2, 3]);
      }
      // Each receiver got each of its 8 messages exactly three times.
      for (const hook of hooks) {
        const perMessage = new Map<string, number>();
        for (const request of hook.received)
          perMessage.set(request.headers['webhook-id']!, (perMessage.get(request.headers['webhook-id']!) ?? 0) + 1);
        expect(perMessage.size).toBe(8);
        expect([...perMessage.values()].every((count) => count === 3)).toBe(true);
      }
    } finally {
      await b.close();
    }
  });
});
