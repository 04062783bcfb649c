import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { LIMITS } from './config';
import type { Sandbox } from './handler';
import { clientAddress, isLoopback } from './limits';
import { accessToken, bearer, countRows, createTestApp, send, storeOf, testSandbox } from './test-helpers';

let sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  sandboxes = [];
});
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-abuse-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(options: Parameters<typeof testSandbox>[0] = {}): Sandbox {
  const sandbox = testSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const count = countRows;

describe('abuse limits of a public sandbox', () => {
  it('tenants per client address per hour: 429 + Retry-After above the cap, per address, nothing stored', async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup({ appsPerHour: 3, now: () => clock });
    const create = (address: string) =>
      send(sandbox, '/apps', { method: 'POST', headers: { 'X-Forwarded-For': `203.0.113.9, ${address}` } });
    for (let i = 0; i < 3; i += 1) expect((await create('198.51.100.7')).status).toBe(201);
    const tenants = await count(sandbox, 'tenants');
    const refused = await create('198.51.100.7');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as { detail: string }).detail).toContain('created 3 sandbox apps in the last hour');
    expect(await count(sandbox, 'tenants')).toBe(tenants);
    // Another address has its own budget; the first one's resets after the hour.
    expect((await create('198.51.100.8')).status).toBe(201);
    clock += 3_600_000;
    expect((await create('198.51.100.7')).status).toBe(201);
  });

  it('client address: socket peer standalone (X-Forwarded-For ignored unless trusted), last X-Forwarded-For hop when mounted', () => {
    const request = new Request('http://localhost/sandbox/apps', {
      headers: { 'X-Forwarded-For': '127.0.0.1, 192.0.2.1' },
    });
    expect(clientAddress(request, '198.51.100.2', false)).toEqual({ address: '198.51.100.2', fromSocket: true });
    expect(clientAddress(request, '198.51.100.2', true)).toEqual({ address: '192.0.2.1', fromSocket: false });
    expect(clientAddress(request, undefined, false)).toEqual({ address: '192.0.2.1', fromSocket: false });
    expect(clientAddress(new Request('http://localhost/'), undefined, false)).toEqual({
      address: 'unknown',
      fromSocket: false,
    });
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.9.9.9'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '1127.0.0.1', '::2'].some(isLoopback)).toBe(false);
  });

  it('a loopback socket peer is exempt (local integration tests); a forged loopback X-Forwarded-For is not', async () => {
    const sandbox = setup({ appsPerHour: 1 });
    const local = () =>
      sandbox.handle(new Request('http://localhost/sandbox/apps', { method: 'POST' }), {
        remoteAddress: '::ffff:127.0.0.1',
      });
    for (let i = 0; i < 3; i += 1) expect((await local()).status).toBe(201);
    const forged = () => send(sandbox, '/apps', { method: 'POST', headers: { 'X-Forwarded-For': '127.0.0.1' } });
    expect((await forged()).status).toBe(201);
    expect((await forged()).status).toBe(429);
  });

  it(`projects per tenant: createProject answers 429 naming the cap (documented status), with or without Idempotency-Key`, async () => {
    const sandbox = setup({ projectsPerTenant: 75 });
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    await send(sandbox, '/rate-limit', {
      method: 'PUT',
      headers: bearer(token, JSON_TYPE),
      body: '{"limit":1000,"window_seconds":60}',
    });
    const seeded = Object.values(LIMITS.seed).reduce((a, b) => a + b, 0);
    const post = (headers: Record<string, string> = {}) =>
      send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: bearer(token, { ...JSON_TYPE, ...headers }),
        body: '{"name":"capped"}',
      });
    for (let i = seeded; i < 75; i += 1) expect((await post()).status).toBe(201);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      'holds 75 projects, the cap per sandbox app',
    );
    const keyed = await post({ 'Idempotency-Key': '"cap-1"' });
    expect(keyed.status).toBe(429);
    expect(await count(sandbox, 'projects')).toBe(75);
    expect(await count(sandbox, 'idempotency_keys')).toBe(0);
  });

  it("an expired tenant's credentials stop working at once, before the purge deletes it", async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup({ now: () => clock, tenantTtlSeconds: 60 });
    const app = await createTestApp(sandbox);
    const list = () => send(sandbox, '/v1/projects', { headers: bearer(app.personal_access_token) });
    expect((await list()).status).toBe(200);
    clock += 60_000;
    const refused = await list();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(((await refused.json()) as { detail: string }).detail).toContain('expired');
    expect(await count(sandbox, 'tenants')).toBe(1);
  });

  it('rate-limit windows are counted in the database and survive a restart', async () => {
    const file = path.join(dir, 'rates.db');
    const first = testSandbox({ db: file });
    const app = await createTestApp(first);
    for (let i = 0; i < 5; i += 1) await send(first, '/v1/projects', { headers: bearer(app.personal_access_token) });
    await first.close();
    const second = setup({ db: file });
    const next = await send(second, '/v1/projects', { headers: bearer(app.personal_access_token) });
    expect(next.headers.get('x-ratelimit-remaining')).toBe(String(LIMITS.rateLimit - 6));
  });

  it('purging a large expired tenant runs in batches and does not block a concurrent request for long', async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup({ now: () => clock, tenantTtlSeconds: 60 });
    const big = await createTestApp(sandbox);
    const store = await storeOf(sandbox);
    for (let i = 0; i < 60_000; i += 1000) {
      const rows = Array.from({ length: 1000 }, (_, j) => ({
        hash: `h${i + j}`,
        tenant_id: big.tenant_id,
        client_id: big.client_id,
        grant_id: null,
        scope: 'projects:read',
        expires_at: clock,
      }));
      await store.db.insertInto('access_tokens').values(rows).execute();
    }
    clock += 61_000;
    const fresh = await createTestApp(sandbox);
    await send(sandbox, '/rate-limit', {
      method: 'PUT',
      headers: bearer(fresh.personal_access_token, JSON_TYPE),
      body: '{"limit":6000,"window_seconds":60}',
    });
    const started = performance.now();
    const purge = sandbox.purge();
    const latencies: number[] = [];
    let done = false;
    void purge.then(() => {
      done = true;
    });
    const statuses = new Set<number>();
    while (!done) {
      const t0 = performance.now();
      // A request arriving from the network is a macrotask: it waits for whatever batch is running.
      await new Promise<void>((resolve) => setImmediate(resolve));
      statuses.add((await send(sandbox, '/v1/projects', { headers: bearer(fresh.personal_access_token) })).status);
      latencies.push(performance.now() - t0);
    }
    expect([...statuses]).toEqual([200]);
    expect(await purge).toBe(1);
    const purgeMs = performance.now() - started;
    // 60,000 rows in batches of 500: requests ran between batches, each waiting at most about one batch.
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(Math.max(100, purgeMs / 4));
    expect(await count(sandbox, 'access_tokens')).toBe(0);
    expect(await store.tenant(big.tenant_id)).toBeUndefined();
    expect(await store.tenant(fresh.tenant_id)).toBeDefined();
  });
});
