/**
 * Webhook deliveries for real (issue #19): real receivers on 127.0.0.1 (the standalone policy allows loopback), each
 * attempt verified with the standardwebhooks package against the endpoint's secret; retries, replay, rotation,
 * disabling, the mounted policy, listen reports. Short retry schedules; no long sleeps.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import type { WebhookOptions } from './config';
import type { Sandbox } from './handler';
import { createTestApp, testSandbox } from './test-helpers';
import {
  addEndpoint,
  call,
  deliveryOf,
  emit,
  receiver,
  until,
  type DeliveryJson,
  type EndpointJson,
} from './webhook-test-helpers';

const FAST: WebhookOptions = { schedule: '0,0.05,0.05', workerPollMs: 50 };

/** An app whose rate limit allows the tests' polling (100 a second rather than a minute). */
async function pollingApp(sandbox: Sandbox) {
  const app = await createTestApp(sandbox);
  expect((await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 })).status).toBe(200);
  return app;
}

/** A standalone sandbox (loopback allowed) with a fast schedule, and an app. */
async function standalone(webhooks: WebhookOptions = {}) {
  const sandbox = testSandbox({ basePath: '', webhooks: { ...FAST, ...webhooks } });
  return { sandbox, app: await pollingApp(sandbox) };
}

/** The endpoint delivery of an emit's answer. */
const endpointDelivery = (deliveries: DeliveryJson[]) => deliveries.find((delivery) => delivery.endpoint_id !== null)!;

describe('webhook delivery', () => {
  it('retries 500, 500, 200: three attempts with one webhook-id, each verified, all logged; replay sends once more', async () => {
    const { sandbox, app } = await standalone();
    const hook = await receiver([500, 500, 200], 'thanks');
    const endpoint = await addEndpoint(sandbox, app, { url: hook.url, events: ['deployment.succeeded'] });
    const emitted = await emit(sandbox, app, 'deployment.succeeded');
    expect(emitted.deliveries.map((delivery) => delivery.target)).toEqual(['listen', hook.url]);
    const id = endpointDelivery(emitted.deliveries).id;
    const done = await until(async () => {
      const delivery = await deliveryOf(sandbox, app, id);
      return delivery.status === 'succeeded' && delivery;
    });
    expect(hook.received).toHaveLength(3);
    const verifier = new Webhook(endpoint.secret);
    for (const request of hook.received) {
      expect(request.headers['webhook-id']).toBe(emitted.webhook_id);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body).toBe(emitted.payload);
      expect(verifier.verify(request.body, request.headers)).toMatchObject({ type: 'deployment.succeeded' });
    }
    expect(done.attempts.map((attempt) => [attempt.number, attempt.trigger, attempt.status, attempt.outcome])).toEqual([
      [1, 'schedule', 500, 'failed'],
      [2, 'schedule', 500, 'failed'],
      [3, 'schedule', 200, 'succeeded'],
    ]);
    expect(done.attempts[2]!.response_excerpt).toBe('thanks');
    expect(done.attempts[0]!.error).toMatch(/500/);
    expect(done.attempts.map((attempt) => attempt.headers?.['webhook-signature'])).toEqual(
      hook.received.map((request) => request.headers['webhook-signature']),
    );
    expect(done.next_attempt_at).toBeNull();

    const replay = await call(sandbox, app, 'POST', `/webhooks/deliveries/${id}/replay`);
    expect(replay.status).toBe(202);
    const replayed = await until(async () => {
      const delivery = await deliveryOf(sandbox, app, id);
      return delivery.attempts.length === 4 && delivery;
    });
    expect(hook.received).toHaveLength(4);
    expect(hook.received[3]!.headers['webhook-id']).toBe(emitted.webhook_id);
    expect(verifier.verify(hook.received[3]!.body, hook.received[3]!.headers)).toBeTruthy();
    expect(replayed.attempts[3]).toMatchObject({ number: 4, trigger: 'replay', status: 200, outcome: 'succeeded' });
    // The messages list shows the same, the listen copy first.
    const messages = (await (await call(sandbox, app, 'GET', '/webhooks/messages?limit=1')).json()) as {
      data: { id: string; deliveries: DeliveryJson[] }[];
    };
    expect(messages.data[0]!.id).toBe(emitted.webhook_id);
    expect(messages.data[0]!.deliveries.map((delivery) => delivery.attempts.length)).toEqual([0, 4]);
  });

  it('fails a delivery after the last scheduled attempt, and skips endpoints not subscribed or disabled', async () => {
    const { sandbox, app } = await standalone();
    const failing = await receiver([503]);
    const other = await receiver([200]);
    await addEndpoint(sandbox, app, { url: failing.url, events: ['incident.opened'] });
    await addEndpoint(sandbox, app, { url: other.url, events: ['member.invited'] });
    await addEndpoint(sandbox, app, { url: other.url, enabled: false });
    const { deliveries } = await emit(sandbox, app, 'incident.opened');
    expect(deliveries).toHaveLength(2);
    const failed = await until(async () => {
      const delivery = await deliveryOf(sandbox, app, endpointDelivery(deliveries).id);
      return delivery.status === 'failed' && delivery;
    });
    expect(failed.attempts).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(failing.received).toHaveLength(3);
    expect(other.received).toHaveLength(0);
  });

  it('signs with both secrets during a rotation, each verifying on its own', async () => {
    const { sandbox, app } = await standalone();
    const hook = await receiver([200]);
    const before = await addEndpoint(sandbox, app, { url: hook.url });
    const rotated = (await (
      await call(sandbox, app, 'POST', `/webhooks/endpoints/${before.id}/rotate-secret`)
    ).json()) as EndpointJson;
    await emit(sandbox, app, 'member.invited');
    await until(() => hook.received.length === 1);
    const [request] = hook.received;
    const signatures = request!.headers['webhook-signature']!.split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures.every((signature) => signature.startsWith('v1,'))).toBe(true);
    expect(new Webhook(rotated.secret).verify(request!.body, request!.headers)).toBeTruthy();
    expect(new Webhook(before.secret).verify(request!.body, request!.headers)).toBeTruthy();
    // The new secret's signature comes first; each alone verifies with its own secret.
    const only = (signature: string) => ({ ...request!.headers, 'webhook-signature': signature });
    expect(new Webhook(rotated.secret).verify(request!.body, only(signatures[0]!))).toBeTruthy();
    expect(new Webhook(before.secret).verify(request!.body, only(signatures[1]!))).toBeTruthy();
  });

  it('signs with the new secret only once the grace period is over', async () => {
    const { sandbox, app } = await standalone({ secretGraceSeconds: 0.001 });
    const hook = await receiver([200]);
    const before = await addEndpoint(sandbox, app, { url: hook.url });
    const rotated = (await (
      await call(sandbox, app, 'POST', `/webhooks/endpoints/${before.id}/rotate-secret`)
    ).json()) as EndpointJson;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const shown = (await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${before.id}`)).json()) as EndpointJson;
    expect(shown.previous_secret_expires_at).toBeNull();
    await emit(sandbox, app, 'member.invited');
    await until(() => hook.received.length === 1);
    expect(hook.received[0]!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(before.secret).verify(hook.received[0]!.body, hook.received[0]!.headers)).toThrow();
    expect(new Webhook(rotated.secret).verify(hook.received[0]!.body, hook.received[0]!.headers)).toBeTruthy();
  });

  it('disables an endpoint after N failed attempts in a row, with the reason; its pending deliveries fail', async () => {
    const { sandbox, app } = await standalone({ disableAfter: 3, schedule: '0,0.05,0.05,0.05,0.05' });
    const hook = await receiver([500]);
    const endpoint = await addEndpoint(sandbox, app, { url: hook.url });
    const first = await emit(sandbox, app);
    const second = await emit(sandbox, app);
    const disabled = await until(async () => {
      const body = (await (
        await call(sandbox, app, 'GET', `/webhooks/endpoints/${endpoint.id}`)
      ).json()) as EndpointJson;
      return !body.enabled && body;
    });
    expect(disabled.disabled_reason).toMatch(/^Disabled after 3 failed attempts in a row; the last: .*500/);
    for (const emitted of [first, second]) {
      const delivery = await deliveryOf(sandbox, app, endpointDelivery(emitted.deliveries).id);
      expect(delivery.status).toBe('failed');
      expect(delivery.next_attempt_at).toBeNull();
    }
    // Both messages' deliveries are attempted concurrently: one more may be under way when the third failure lands.
    const sent = hook.received.length;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.received).toHaveLength(sent);
    // A disabled endpoint is not replayed to; enabling it clears the reason.
    const refused = await call(
      sandbox,
      app,
      'POST',
      `/webhooks/deliveries/${endpointDelivery(first.deliveries).id}/replay`,
    );
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain('disabled');
    const enabled = await call(sandbox, app, 'PATCH', `/webhooks/endpoints/${endpoint.id}`, { enabled: true });
    expect(await enabled.json()).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it('an attempt under way when its endpoint is deleted records itself and leaves the delivery cancelled', async () => {
    const { sandbox, app } = await standalone();
    const hook = await receiver([500], 'slow', 300);
    const endpoint = await addEndpoint(sandbox, app, { url: hook.url });
    const { deliveries } = await emit(sandbox, app);
    await until(() => hook.received.length === 1);
    expect((await call(sandbox, app, 'DELETE', `/webhooks/endpoints/${endpoint.id}`)).status).toBe(204);
    const settled = await until(async () => {
      const delivery = await deliveryOf(sandbox, app, endpointDelivery(deliveries).id);
      return delivery.attempts.length === 1 && delivery;
    });
    expect(settled).toMatchObject({ status: 'cancelled', next_attempt_at: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.received).toHaveLength(1);
    expect((await deliveryOf(sandbox, app, endpointDelivery(deliveries).id)).status).toBe('cancelled');
  });

  it('mounted: a host resolving to a private address gets a "refused" attempt in words, and nothing is sent', async () => {
    const hook = await receiver([200]);
    const sandbox = testSandbox({
      webhooks: { ...FAST, schedule: '0', resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]) },
    });
    const app = await pollingApp(sandbox);
    await addEndpoint(sandbox, app, { url: `http://receiver.example:${hook.port}/hook` });
    const { deliveries } = await emit(sandbox, app);
    const failed = await until(async () => {
      const delivery = await deliveryOf(sandbox, app, endpointDelivery(deliveries).id);
      return delivery.status !== 'pending' && delivery;
    });
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toHaveLength(1);
    expect(failed.attempts[0]).toMatchObject({ outcome: 'refused', status: null });
    expect(failed.attempts[0]!.error).toMatch(/refused: receiver\.example resolves to 127\.0\.0\.1/);
    expect(hook.received).toHaveLength(0);
  });

  it('takes listen reports for listen copies only: 2xx succeeded, else failed; bad reports store nothing', async () => {
    const { sandbox, app } = await standalone();
    const hook = await receiver([200]);
    await addEndpoint(sandbox, app, { url: hook.url });
    const { deliveries } = await emit(sandbox, app);
    const listen = deliveries.find((delivery) => delivery.target === 'listen')!;
    const report = (body: unknown, id = listen.id) =>
      call(sandbox, app, 'POST', `/webhooks/deliveries/${id}/attempts`, body);
    for (const body of [
      { status: 99, duration_ms: 1 },
      { status: 200.5, duration_ms: 1 },
      { status: 200 },
      { status: 200, duration_ms: -1 },
      { duration_ms: 1 },
      { status: 200, duration_ms: 1, response_excerpt: 'x'.repeat(1025) },
      { status: 200, duration_ms: 1, extra: true },
    ])
      expect((await report(body)).status, JSON.stringify(body)).toBe(400);
    expect((await deliveryOf(sandbox, app, listen.id)).attempts).toEqual([]);
    const failed = await report({ error: 'connection refused (ECONNREFUSED)', duration_ms: 2 });
    expect(failed.status).toBe(201);
    expect(await failed.json()).toMatchObject({ number: 1, trigger: 'listen', outcome: 'failed', status: null });
    expect((await deliveryOf(sandbox, app, listen.id)).status).toBe('failed');
    const ok = await report({ status: 204, duration_ms: 12.5, response_excerpt: '' });
    expect(await ok.json()).toMatchObject({ number: 2, outcome: 'succeeded', status: 204, duration_ms: 12.5 });
    const shown = await deliveryOf(sandbox, app, listen.id);
    expect(shown.status).toBe('succeeded');
    expect(shown.attempts[1]!.headers?.['webhook-id']).toBe(listen.message_id);
    const endpointCopy = await report({ status: 200, duration_ms: 1 }, endpointDelivery(deliveries).id);
    expect(endpointCopy.status).toBe(409);
  });
});
