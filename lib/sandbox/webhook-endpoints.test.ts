/**
 * Webhook endpoints (issue #19): create, list, read, update, delete, rotate; every bad input a 4xx problem naming its
 * fields that stores nothing; another app's IDs answered like unknown ones.
 */
import { describe, expect, it } from 'vitest';

import { listWebhooks } from '@/lib/openapi';

import { LIMITS } from './config';
import type { Sandbox } from './handler';
import { countRows, createTestApp, storeOf, testSandbox, type App } from './test-helpers';
import { addEndpoint, call, deliveryOf, emit, until, type EndpointJson } from './webhook-test-helpers';

const EVENTS = listWebhooks().map((webhook) => webhook.event);

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Sends a request that must fail with `status` and a problem+json body, and returns the problem. */
async function refused(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return JSON.parse(text) as Problem;
}

/** A mounted sandbox (the portal's policy) and an app. */
async function mounted(): Promise<{ sandbox: Sandbox; app: App }> {
  const sandbox = testSandbox();
  return { sandbox, app: await createTestApp(sandbox) };
}

describe('webhook endpoints', () => {
  it('are created with defaults, listed newest first, read, updated, rotated and deleted', async () => {
    const { sandbox, app } = await mounted();
    const created = await call(sandbox, app, 'POST', '/webhooks/endpoints', { url: 'https://example.com/hooks' });
    expect(created.status).toBe(201);
    const first = (await created.json()) as EndpointJson & { description: string; created_at: string };
    expect(created.headers.get('location')).toBe(`http://localhost:3000/sandbox/webhooks/endpoints/${first.id}`);
    expect(first).toMatchObject({
      url: 'https://example.com/hooks',
      description: '',
      events: EVENTS,
      enabled: true,
      disabled_reason: null,
      previous_secret_expires_at: null,
    });
    expect(first.id).toMatch(/^we_[A-Za-z0-9]{24}$/);
    expect(Buffer.from(first.secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    const second = await addEndpoint(sandbox, app, {
      url: 'http://example.org/in',
      events: ['member.invited'],
      enabled: false,
      description: 'staging',
    });
    const list = (await (await call(sandbox, app, 'GET', '/webhooks/endpoints')).json()) as { data: EndpointJson[] };
    expect(list.data.map((endpoint) => endpoint.id)).toEqual([second.id, first.id]);
    expect(await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${first.id}`)).json()).toEqual(first);

    const patched = await call(sandbox, app, 'PATCH', `/webhooks/endpoints/${second.id}`, {
      enabled: true,
      events: ['incident.opened', 'member.invited'],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ enabled: true, events: ['incident.opened', 'member.invited'] });

    const rotated = (await (
      await call(sandbox, app, 'POST', `/webhooks/endpoints/${first.id}/rotate-secret`)
    ).json()) as EndpointJson;
    expect(rotated.secret).not.toBe(first.secret);
    const grace = Date.parse(rotated.previous_secret_expires_at!) - Date.now();
    expect(grace).toBeGreaterThan(LIMITS.webhooks.secretGraceSeconds * 1000 - 60_000);
    expect(grace).toBeLessThanOrEqual(LIMITS.webhooks.secretGraceSeconds * 1000);

    expect((await call(sandbox, app, 'DELETE', `/webhooks/endpoints/${first.id}`)).status).toBe(204);
    await refused(await call(sandbox, app, 'GET', `/webhooks/endpoints/${first.id}`), 404);
    expect(await countRows(sandbox, 'webhook_endpoints')).toBe(1);
  });

  it('refuse a 100,000-element events array by its length: one error, a small answer (attack finding 1)', async () => {
    const { sandbox, app } = await mounted();
    for (const events of [
      Array.from({ length: 100_000 }, (_, index) => index.toString(36)),
      Array<string>(50_000).fill('member.invited'),
      [...EVENTS, 'member.invited'],
    ]) {
      const response = await call(sandbox, app, 'POST', '/webhooks/endpoints', { url: 'https://example.com', events });
      const text = await response.text();
      expect(response.status).toBe(400);
      // Before: one error per element (a 25 MB answer after 26 s of indexOf).
      expect(text.length).toBeLessThan(2_000);
      const { errors } = JSON.parse(text) as { errors: { field: string; message: string }[] };
      expect(errors).toEqual([{ field: '/events', message: expect.stringMatching(/at most 4 of deployment/) }]);
    }
    expect(await countRows(sandbox, 'webhook_endpoints')).toBe(0);
  });

  it('refuse bad bodies with 400 problems naming each field (JSON pointers) and store nothing', async () => {
    const { sandbox, app } = await mounted();
    const cases: [unknown, string, RegExp][] = [
      [{ url: 'https://example.com', events: ['order.created'] }, '/events/0', /must be one of deployment\.succeeded/],
      [{ url: 'https://example.com', events: ['member.invited', 'member.invited'] }, '/events/1', /repeats/],
      [{ url: 'https://example.com', events: [] }, '/events', /at least one event/],
      [{ url: 'not a url' }, '/url', /./],
      [{ url: 'ftp://example.com/x' }, '/url', /http/],
      [{ url: '/relative/path' }, '/url', /./],
      [{ url: 'https://user:secret@example.com/' }, '/url', /./],
      [{ url: 'https://example.com/#frag' }, '/url', /./],
      [{ url: `https://example.com/${'a'.repeat(2048)}` }, '/url', /2048/],
      [{ url: 'http://127.0.0.1:4242/webhooks' }, '/url', /sandbox:listen/],
      [{ url: 'http://localhost:4242/webhooks' }, '/url', /sandbox:listen/],
      [{ url: 'http://10.1.2.3/' }, '/url', /./],
      [{ url: 'http://[::ffff:192.168.0.1]/' }, '/url', /./],
      [{ url: 42 }, '/url', /string/],
      [{}, '/url', /./],
      [{ url: 'https://example.com', enabled: 'yes' }, '/enabled', /true or false/],
      [{ url: 'https://example.com', description: 'x'.repeat(257) }, '/description', /256/],
      [{ url: 'https://example.com', event: ['member.invited'] }, '', /unknown fields event/],
      [[1, 2], '', /JSON object/],
    ];
    for (const [body, field, message] of cases) {
      const problem = await refused(await call(sandbox, app, 'POST', '/webhooks/endpoints', body), 400);
      const error = problem.errors?.find((candidate) => candidate.field === field);
      expect(error, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(problem.errors)}`).toBeDefined();
      expect(error!.message).toMatch(message);
      expect(problem.detail).toMatch(/^The endpoint is invalid: /);
    }
    const endpoint = await addEndpoint(sandbox, app, { url: 'https://example.com/a' });
    const patch = await refused(
      await call(sandbox, app, 'PATCH', `/webhooks/endpoints/${endpoint.id}`, { events: ['nope'], url: 'gopher://x' }),
      400,
    );
    expect(patch.errors!.map((error) => error.field).sort()).toEqual(['/events/0', '/url']);
    expect(await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${endpoint.id}`)).json()).toEqual(endpoint);
    // Malformed JSON, a body over 1 MiB: the pipeline's 400 and 413.
    await refused(await call(sandbox, app, 'POST', '/webhooks/endpoints', '{"url":'), 400);
    const huge = JSON.stringify({ url: 'https://example.com', description: 'x'.repeat(LIMITS.maxBodyBytes) });
    await refused(await call(sandbox, app, 'POST', '/webhooks/endpoints', huge), 413);
    expect(await countRows(sandbox, 'webhook_endpoints')).toBe(1);
  });

  it('standalone accepts loopback receivers (SANDBOX_WEBHOOK_ALLOW_LOOPBACK) and still refuses private ones', async () => {
    const sandbox = testSandbox({ basePath: '' });
    const app = await createTestApp(sandbox);
    await addEndpoint(sandbox, app, { url: 'http://127.0.0.1:4242/webhooks' });
    await addEndpoint(sandbox, app, { url: 'http://localhost:4242/webhooks' });
    await refused(await call(sandbox, app, 'POST', '/webhooks/endpoints', { url: 'http://192.168.1.1/' }), 400);
    const strict = testSandbox({ basePath: '', webhooks: { allowLoopback: false } });
    const other = await createTestApp(strict);
    await refused(await call(strict, other, 'POST', '/webhooks/endpoints', { url: 'http://127.0.0.1:4242/' }), 400);
  });

  it(`allow ${LIMITS.caps.webhookEndpoints} per app, then 409 storing nothing`, async () => {
    const { sandbox, app } = await mounted();
    for (let index = 0; index < LIMITS.caps.webhookEndpoints; index += 1)
      await addEndpoint(sandbox, app, { url: `https://example.com/${index}` });
    const problem = await refused(
      await call(sandbox, app, 'POST', '/webhooks/endpoints', { url: 'https://example.com/x' }),
      409,
    );
    expect(problem.detail).toContain(`${LIMITS.caps.webhookEndpoints} webhook endpoints`);
    expect(await countRows(sandbox, 'webhook_endpoints')).toBe(LIMITS.caps.webhookEndpoints);
    // Another app has a cap of its own.
    const other = await createTestApp(sandbox);
    await addEndpoint(sandbox, other, { url: 'https://example.com/other' });
  });

  it("answer another app's endpoint and delivery IDs with 404, as unknown ones, and change nothing", async () => {
    const { sandbox, app } = await mounted();
    const intruder = await createTestApp(sandbox);
    const endpoint = await addEndpoint(sandbox, app, { url: 'https://example.com/mine' });
    const { deliveries } = await emit(sandbox, app);
    const delivery = deliveries[0]!.id;
    for (const [method, path, body] of [
      ['GET', `/webhooks/endpoints/${endpoint.id}`],
      ['PATCH', `/webhooks/endpoints/${endpoint.id}`, { enabled: false }],
      ['DELETE', `/webhooks/endpoints/${endpoint.id}`],
      ['POST', `/webhooks/endpoints/${endpoint.id}/rotate-secret`],
      ['GET', `/webhooks/deliveries/${delivery}`],
      ['POST', `/webhooks/deliveries/${delivery}/replay`],
      ['POST', `/webhooks/deliveries/${delivery}/attempts`, { status: 200, duration_ms: 1 }],
      ['GET', '/webhooks/endpoints/we_unknown'],
    ] as const) {
      const problem = await refused(await call(sandbox, intruder, method, path, body), 404);
      expect(problem.detail).toMatch(/This sandbox app has no webhook (endpoint|delivery)/);
    }
    const list = (await (await call(sandbox, intruder, 'GET', '/webhooks/endpoints')).json()) as { data: unknown[] };
    expect(list.data).toEqual([]);
    const messages = (await (await call(sandbox, intruder, 'GET', '/webhooks/messages')).json()) as { data: unknown[] };
    expect(messages.data).toEqual([]);
    expect(await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${endpoint.id}`)).json()).toEqual(endpoint);
    expect((await deliveryOf(sandbox, app, delivery)).attempts).toEqual([]);
  });

  it('emit: an unknown event (400) or an oversized body (413) stores no message and no delivery', async () => {
    const { sandbox, app } = await mounted();
    await addEndpoint(sandbox, app, { url: 'https://example.com/hooks' });
    const unknown = await refused(await call(sandbox, app, 'POST', '/webhooks/emit', { event: 'order.created' }), 400);
    expect(unknown.errors).toEqual([{ field: '/event', message: expect.stringContaining('member.invited') as string }]);
    const huge = JSON.stringify({ event: 'member.invited', padding: 'x'.repeat(LIMITS.maxBodyBytes) });
    await refused(await call(sandbox, app, 'POST', '/webhooks/emit', huge), 413);
    expect(await countRows(sandbox, 'deliveries')).toBe(0);
    expect(await countRows(sandbox, 'webhook_deliveries')).toBe(0);
    expect(await countRows(sandbox, 'webhook_changes')).toBe(0);
  });

  it("go with their app: a purge deletes the app's endpoints, messages, deliveries, attempts and changes", async () => {
    let clock = Date.now();
    const sandbox = testSandbox({
      now: () => clock,
      webhooks: { schedule: '0', resolve: () => Promise.resolve([{ address: '10.0.0.1', family: 4 }]) },
    });
    const app = await createTestApp(sandbox);
    const kept = await createTestApp(sandbox);
    for (const owner of [app, kept]) {
      await addEndpoint(sandbox, owner, { url: 'https://receiver.example/hooks' });
      const { deliveries } = await emit(sandbox, owner);
      const listen = deliveries.find((delivery) => delivery.target === 'listen')!;
      const report = { status: 204, duration_ms: 3 };
      expect((await call(sandbox, owner, 'POST', `/webhooks/deliveries/${listen.id}/attempts`, report)).status).toBe(
        201,
      );
      await until(async () => (await deliveryOf(sandbox, owner, deliveries[1]!.id)).status === 'failed');
    }
    const tables = [
      'webhook_endpoints',
      'deliveries',
      'webhook_deliveries',
      'webhook_attempts',
      'webhook_changes',
    ] as const;
    const counts = async () => Promise.all(tables.map((table) => countRows(sandbox, table)));
    const before = await counts();
    expect(before.every((count) => count > 0)).toBe(true);
    const store = await storeOf(sandbox);
    await store.db
      .updateTable('tenants')
      .set({ expires_at: clock - 1 })
      .where('id', '=', app.tenant_id)
      .execute();
    clock += 1000;
    expect(await sandbox.purge()).toBe(1);
    // The other app keeps exactly its half: each app made the same rows.
    expect(await counts()).toEqual(before.map((count) => count / 2));
  });

  it('need the sandbox:manage scope', async () => {
    const { sandbox } = await mounted();
    const reader = await createTestApp(sandbox, { scopes: ['projects:read'] });
    await refused(await call(sandbox, reader, 'GET', '/webhooks/endpoints'), 403);
    await refused(await call(sandbox, reader, 'GET', '/webhooks/inbox'), 403);
    const anonymous = await sandbox.handle(new Request('http://localhost:3000/sandbox/webhooks/endpoints'));
    expect(anonymous.status).toBe(401);
  });
});
