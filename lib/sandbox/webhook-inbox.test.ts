/**
 * The inbox stream, GET /webhooks/inbox (issue #19): server-sent events read with fetch from the standalone node:http
 * server and from the Fetch Response the Next mount returns; `forward` and `delivery` events; replays; the cap of
 * streams per app; slots freed when the client goes away; changes made on another instance; never in the request log.
 */
import { randomBytes } from 'node:crypto';

import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';

import { LIMITS } from './config';
import type { Sandbox } from './handler';
import { startSandboxServer } from './server';
import { bearer, createTestApp, testDatabase, testPostgresUrl, testSandbox, type App } from './test-helpers';
import { addEndpoint, call, emit, events, receiver, until, type DeliveryJson } from './webhook-test-helpers';

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** Opens the inbox of an app through a sandbox's Fetch handler (what the Next mount returns). */
function openMounted(sandbox: Sandbox, app: App, signal?: AbortSignal): Promise<Response> {
  return sandbox.handle(
    new Request('http://localhost:3000/sandbox/webhooks/inbox', {
      headers: bearer(app.personal_access_token),
      ...(signal ? { signal } : {}),
    }),
  );
}

interface Forward {
  delivery_id: string;
  message_id: string;
  event: string;
  headers: Record<string, string>;
  payload: string;
  replay: boolean;
}

describe('the inbox stream', () => {
  it('streams ready, forward and delivery events over node:http, read with fetch', async () => {
    const server = await startSandboxServer({
      port: 0,
      ...testDatabase(),
      purgeIntervalMs: 0,
      webhooks: { schedule: '0', workerPollMs: 50 },
    });
    servers.push(server.close);
    const app = await createTestApp(server.sandbox);
    const hook = await receiver([204]);
    await addEndpoint(server.sandbox, app, { url: hook.url });
    const response = await fetch(`${server.url}/sandbox/webhooks/inbox`, {
      headers: bearer(app.personal_access_token),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const stream = events(response);
    try {
      expect(JSON.parse((await stream.next()).data)).toEqual({ tenant_id: app.tenant_id });
      const emitted = await emit(server.sandbox, app, 'member.invited');
      const forward = JSON.parse((await stream.next((event) => event.event === 'forward')).data) as Forward;
      expect(forward).toMatchObject({ message_id: emitted.webhook_id, event: 'member.invited', replay: false });
      expect(forward.payload).toBe(emitted.payload);
      expect(new Webhook(app.webhook_secret).verify(forward.payload, forward.headers)).toMatchObject({
        type: 'member.invited',
      });
      // The endpoint delivery is shown again once attempted.
      const attempted = await stream.next((event) => {
        if (event.event !== 'delivery') return false;
        const delivery = JSON.parse(event.data) as DeliveryJson;
        return delivery.endpoint_id !== null && delivery.attempts.length === 1;
      });
      expect(JSON.parse(attempted.data)).toMatchObject({ status: 'succeeded', message_id: emitted.webhook_id });

      const replay = await call(server.sandbox, app, 'POST', `/webhooks/deliveries/${forward.delivery_id}/replay`);
      expect(replay.status).toBe(202);
      const again = JSON.parse((await stream.next((event) => event.event === 'forward')).data) as Forward;
      expect(again).toMatchObject({ delivery_id: forward.delivery_id, message_id: emitted.webhook_id, replay: true });
      expect(new Webhook(app.webhook_secret).verify(again.payload, again.headers)).toBeTruthy();
    } finally {
      await stream.close();
    }
    // The stream is not in the request log.
    const lookup = await call(server.sandbox, app, 'GET', `/requests/${response.headers.get('x-request-id')}`);
    expect(lookup.status).toBe(404);
  });

  it(`allows ${LIMITS.webhooks.streamsPerApp} streams per app and instance (429), freed when a client goes away`, async () => {
    const sandbox = testSandbox();
    const app = await createTestApp(sandbox);
    const other = await createTestApp(sandbox);
    const controllers: AbortController[] = [];
    const open: ReturnType<typeof events>[] = [];
    for (let index = 0; index < LIMITS.webhooks.streamsPerApp; index += 1) {
      const controller = new AbortController();
      const response = await openMounted(sandbox, app, controller.signal);
      expect(response.status).toBe(200);
      controllers.push(controller);
      open.push(events(response));
    }
    const refused = await openMounted(sandbox, app);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      `${LIMITS.webhooks.streamsPerApp} inbox streams`,
    );
    // Another app has slots of its own.
    const theirs = await openMounted(sandbox, other);
    expect(theirs.status).toBe(200);
    await events(theirs).close();
    // A reader cancelling its body, and a request aborted, each give their slot back.
    await open[0]!.close();
    controllers[1]!.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const first = await openMounted(sandbox, app);
    const second = await openMounted(sandbox, app);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await openMounted(sandbox, app)).status).toBe(429);
    await Promise.all([first, second].map((response) => events(response).close()));
    await Promise.all(open.slice(2).map((stream) => stream.close()));
  });

  it('frees a node:http stream slot when its client disconnects', async () => {
    const server = await startSandboxServer({ port: 0, ...testDatabase(), purgeIntervalMs: 0 });
    servers.push(server.close);
    const app = await createTestApp(server.sandbox);
    const open = (signal?: AbortSignal) =>
      fetch(`${server.url}/webhooks/inbox`, {
        headers: bearer(app.personal_access_token),
        ...(signal ? { signal } : {}),
      });
    const controllers = Array.from({ length: LIMITS.webhooks.streamsPerApp }, () => new AbortController());
    const responses = await Promise.all(controllers.map((controller) => open(controller.signal)));
    expect(responses.map((response) => response.status)).toEqual(controllers.map(() => 200));
    const refused = await open();
    expect(refused.status).toBe(429);
    await refused.text();
    controllers[0]!.abort();
    const reopened = await until(async () => {
      const response = await open();
      if (response.status === 200) return response;
      await response.text();
      return undefined;
    }, 2_000);
    await events(reopened).close();
    controllers.slice(1).forEach((controller) => controller.abort());
  });

  it('ends open streams when the server shuts down (endStreams), and refuses none meanwhile', async () => {
    const sandbox = testSandbox();
    const app = await createTestApp(sandbox);
    const response = await openMounted(sandbox, app);
    const reader = response.body!.getReader();
    await reader.read();
    sandbox.endStreams();
    const ended = await Promise.race([
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 2_000)),
    ]);
    expect(ended).toBe('ended');
  });

  it('shows what another instance does (PostgreSQL) within a second', async () => {
    const url = testPostgresUrl();
    const database = url ? { db: url, schema: `t_${randomBytes(8).toString('hex')}` } : testDatabase();
    const a = testSandbox({ ...database, webhooks: { streamPollMs: 500 } });
    // SQLite :memory: is one instance's own: the test shows the in-process wake-up there.
    const b = url ? testSandbox({ db: url, schema: database.schema! }) : a;
    const app = await createTestApp(a);
    const stream = events(await openMounted(a, app));
    try {
      await stream.next((event) => event.event === 'ready');
      const started = Date.now();
      const emitted = await emit(b, app, 'deployment.failed');
      const forward = JSON.parse((await stream.next((event) => event.event === 'forward', 2_000)).data) as Forward;
      expect(forward.message_id).toBe(emitted.webhook_id);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await stream.close();
    }
  });
});
