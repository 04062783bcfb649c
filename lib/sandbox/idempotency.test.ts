import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { ApiCall } from './call';
import { LIMITS } from './config';
import { CONSOLE_CLIENT_ID } from './console-client';
import type { Sandbox } from './handler';
import { bareContext } from './http';
import { createProject } from './projects';
import {
  accessToken,
  bearer,
  countRows,
  createTestApp,
  JSON_TYPE,
  sandboxFactory,
  send,
  storeOf,
  type App,
} from './test-helpers';

const setup = sandboxFactory();
const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-idem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A createProject call as the console's public client makes it for `app`'s tenant (what a console token resolves to). */
async function consoleCall(sandbox: Sandbox, app: App, key: string, body: Record<string, unknown>): Promise<ApiCall> {
  const raw = Buffer.from(JSON.stringify(body));
  const identity = {
    kind: 'access_token' as const,
    tenantId: app.tenant_id,
    clientId: CONSOLE_CLIENT_ID,
    scopes: new Set(['projects:write']),
    row: {} as never,
  };
  const url = new URL('http://localhost:3000/sandbox/v1/projects');
  return {
    rt: await sandbox.ready,
    request: new Request(url, { method: 'POST' }),
    url,
    who: {
      tenant: identity,
      failure: undefined,
      subject: { key: `tenant:${app.tenant_id}`, limit: 100, windowSeconds: 60 },
      client: { address: '127.0.0.1', fromSocket: false },
    },
    ctx: {
      ...bareContext('/sandbox/v1/projects'),
      origin: 'http://localhost:3000',
      base: '/sandbox',
      path: '/v1/projects',
    },
    identity,
    query: {},
    params: {},
    environment: 'production',
    body,
    rawBody: raw,
    header: (name) => (name.toLowerCase() === 'idempotency-key' ? key : null),
  };
}

/** createProject as the console's client calls it for `app`'s tenant with `key`. */
async function create(sandbox: Sandbox, app: App, key: string, body: Record<string, unknown>) {
  return createProject(await consoleCall(sandbox, app, key, body));
}

describe('idempotency records', () => {
  it("are keyed by tenant: two tenants using the shared console client and one key never see each other's records", async () => {
    const sandbox = setup();
    const [a, b] = [await createTestApp(sandbox), await createTestApp(sandbox)];
    const first = await create(sandbox, a, '"shared-key"', { name: 'tenant-a' });
    expect(first.status).toBe(201);
    // Same key and body from tenant B: B's own project, not A's replayed.
    const sameBody = await create(sandbox, b, '"shared-key"', { name: 'tenant-a' });
    expect(sameBody.status).toBe(201);
    expect(sameBody.headers['Idempotent-Replayed']).toBeUndefined();
    expect(JSON.parse(sameBody.body!).id).not.toBe(JSON.parse(first.body!).id);
    // Another key used by A, then by B with a different body: no 422 telling B that A used it.
    expect((await create(sandbox, a, '"second"', { name: 'x' })).status).toBe(201);
    expect((await create(sandbox, b, '"second"', { name: 'y' })).status).toBe(201);
    // Each tenant still replays its own.
    const replay = await create(sandbox, a, '"shared-key"', { name: 'tenant-a' });
    expect(replay.headers['Idempotent-Replayed']).toBe('true');
    expect(JSON.parse(replay.body!).id).toBe(JSON.parse(first.body!).id);
    // The store's own methods take the tenant: releasing B's claim leaves A's record alone.
    const store = await storeOf(sandbox);
    await store.releaseIdempotencyKey(b.tenant_id, CONSOLE_CLIENT_ID, 'shared-key');
    expect((await create(sandbox, a, '"shared-key"', { name: 'tenant-a' })).headers['Idempotent-Replayed']).toBe(
      'true',
    );
    const claim = await store.claimIdempotencyKey(
      b.tenant_id,
      CONSOLE_CLIENT_ID,
      'second',
      'fingerprint',
      Date.now(),
      86_400_000,
      1000,
    );
    expect(claim.state).toBe('mismatch');
  });

  it('a bare key and its quoted form are one key: the second request replays the first and one project is created', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const auth = app.personal_access_token;
    const total = async () =>
      Number((await send(sandbox, '/v1/projects', { headers: bearer(auth) })).headers.get('x-total-count'));
    const post = (key: string) =>
      send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: bearer(auth, { ...JSON_TYPE, 'Idempotency-Key': key }),
        body: '{"name":"bare-or-quoted"}',
      });
    const id = async (response: Response) => ((await response.json()) as { id: string }).id;
    const before = await total();
    const first = await post('k1');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await post('"k1"');
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await id(second)).toBe(await id(first));
    expect(await total()).toBe(before + 1);
    // The other way round, with the shortest key: quoted first, then bare.
    const quoted = await post('"k"');
    const bare = await post('k');
    expect([quoted.status, bare.status, bare.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    expect(await id(bare)).toBe(await id(quoted));
    expect(await total()).toBe(before + 2);
    const { db } = await storeOf(sandbox);
    const keys = await db.selectFrom('idempotency_keys').select('idempotency_key').orderBy('idempotency_key').execute();
    expect(keys).toEqual([{ idempotency_key: 'k' }, { idempotency_key: 'k1' }]);
  });

  it('the stored key is the parsed string (escapes removed); a bare key holding a " is refused before anything is stored', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    expect((await create(sandbox, app, String.raw`"a\"b"`, { name: 'q' })).status).toBe(201);
    const { db } = await storeOf(sandbox);
    const row = await db.selectFrom('idempotency_keys').select('idempotency_key').executeTakeFirstOrThrow();
    expect(row.idempotency_key).toBe('a"b');
    expect((await create(sandbox, app, String.raw`"a\"b"`, { name: 'q' })).headers['Idempotent-Replayed']).toBe('true');
    const bare = await create(sandbox, app, 'a"b', { name: 'q' });
    expect(bare.status).toBe(400);
    expect(JSON.parse(bare.body!).detail).toContain(String.raw`Idempotency-Key: "a\"b"`);
  });

  it(`at most ${LIMITS.idempotencyRecordsPerTenant} records per tenant (any client): a new key beyond gets 429 with Retry-After until the oldest expires, nothing stored`, async () => {
    let clock = Date.parse('2026-12-01T10:00:00Z');
    const sandbox = setup(() => clock);
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const { store, caps } = await sandbox.ready;
    const cap = caps.idempotencyRecordsPerTenant;
    expect(cap).toBe(LIMITS.idempotencyRecordsPerTenant);
    // Fill the cap from two clients of the tenant (its own client and its personal access token); another tenant's
    // records do not count.
    const other = await createTestApp(sandbox);
    expect(
      (await store.claimIdempotencyKey(other.tenant_id, 'pat:x', 'other', 'f', clock, 86_400_000, cap)).state,
    ).toBe('claimed');
    for (let i = 0; i < cap; i += 1) {
      expect(
        (
          await store.claimIdempotencyKey(
            app.tenant_id,
            i % 2 === 0 ? app.client_id : 'pat:y',
            `k${i}`,
            'f',
            clock,
            86_400_000,
            cap,
          )
        ).state,
      ).toBe('claimed');
      if (i === 0) clock += 60_000;
    }
    const post = (key: string, auth = token) =>
      send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: bearer(auth, { ...JSON_TYPE, 'Idempotency-Key': key }),
        body: '{"name":"over"}',
      });
    const count = () => countRows(sandbox, 'idempotency_keys');
    const projects = () => countRows(sandbox, 'projects');
    const [records, rows] = [await count(), await projects()];
    clock += 1000;
    const refused = await post('"new-key"');
    expect(refused.status).toBe(429);
    // The oldest record (k0) was made 61 s ago and lives 24 h.
    expect(refused.headers.get('retry-after')).toBe(String(86_400 - 61));
    const { detail } = (await refused.json()) as { detail: string };
    expect(detail).toContain(`holds ${cap} idempotency records, the cap per sandbox app`);
    expect([await count(), await projects()]).toEqual([records, rows]);
    // The other client of the tenant is refused too; a request without a key is not limited by this cap.
    expect((await post('"new-key"', app.personal_access_token)).status).toBe(429);
    expect(
      (
        await send(sandbox, '/v1/projects', {
          method: 'POST',
          headers: bearer(token, JSON_TYPE),
          body: '{"name":"keyless"}',
        })
      ).status,
    ).toBe(201);
    // Once the oldest record expires there is room for one more.
    clock += (86_400 - 61) * 1000;
    expect(
      (await store.claimIdempotencyKey(app.tenant_id, app.client_id, 'new-key', 'f', clock, 86_400_000, cap)).state,
    ).toBe('claimed');
    expect(
      (await store.claimIdempotencyKey(app.tenant_id, app.client_id, 'newer-key', 'f', clock, 86_400_000, cap)).state,
    ).toBe('full');
  });
});
