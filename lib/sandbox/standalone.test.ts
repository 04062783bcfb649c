import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { contractViolations } from './contract';
import { createSandbox } from './handler';
import { splitBase } from './router';
import { startSandboxServer } from './server';
import { SandboxStore } from './store';
import { migrations } from './store/migrations';
import { basic, storeOf, testDatabase, testPostgresUrl, type App } from './test-helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database that outlives its sandbox: a SQLite file here, or a fresh schema on the run's PostgreSQL server. */
function lasting(name: string): { db: string; schema?: string } {
  const database = testDatabase();
  return testPostgresUrl() && database.db ? { ...database, db: database.db } : { db: path.join(dir, name) };
}

/** fetch over real HTTP, contract-checked like every other response in the suite. */
async function call(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  const text = await response.text();
  const violations = contractViolations(
    init.method ?? 'GET',
    splitBase(new URL(url).pathname, ['/sandbox', ''])?.path ?? '/',
    response.status,
    response.headers,
    text,
  );
  expect(violations, `${init.method ?? 'GET'} ${url}`).toEqual([]);
  return new Response(text || null, { status: response.status, headers: response.headers });
}

describe('standalone server (npm run sandbox)', () => {
  it('serves with and without /sandbox; 100 concurrent identical POSTs create exactly one project', async () => {
    const server = await startSandboxServer({ port: 0, db: path.join(dir, 'a.db'), purgeIntervalMs: 0 });
    try {
      const app = (await (await call(`${server.url}/apps`, { method: 'POST' })).json()) as App;
      const token = (
        (await (
          await call(`${server.url}/sandbox/v1/auth/token`, {
            method: 'POST',
            headers: {
              Authorization: basic(app.client_id, app.client_secret),
              'Content-Type': 'application/x-www-form-urlencoded',
            },
            body: 'grant_type=client_credentials',
          })
        ).json()) as { access_token: string }
      ).access_token;
      const auth = { Authorization: `Bearer ${token}` };
      await call(`${server.url}/rate-limit`, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '{"limit":1000,"window_seconds":60}',
      });
      const list = await call(`${server.url}/v1/projects?limit=25`, { headers: auth });
      expect(list.headers.get('link')).toContain(`<${server.url}/v1/projects?page=2&limit=25>; rel="next"`);
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          call(`${server.url}/v1/projects`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': '"burst-1"' },
            body: '{"name":"exactly-once"}',
          }),
        ),
      );
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const ids = new Set(
        await Promise.all(
          results.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
        ),
      );
      expect(ids.size).toBe(1);
      const all = (await (await call(`${server.url}/v1/projects?limit=100`, { headers: auth })).json()) as {
        name: string;
      }[];
      expect(all.filter((p) => p.name === 'exactly-once')).toHaveLength(1);
      // Cross-origin readable headers over real HTTP.
      const preflight = await fetch(`${server.url}/v1/projects`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:1',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization,x-request-id',
        },
      });
      expect(preflight.status).toBe(204);
    } finally {
      await server.close();
    }
  });

  it('keeps data across restarts; secrets are stored only as SHA-256; expired tenants are purged', async () => {
    const database = lasting('b.db');
    let clock = Date.now();
    const first = await startSandboxServer({
      port: 0,
      ...database,
      purgeIntervalMs: 0,
      now: () => clock,
      tenantTtlSeconds: 3600,
    });
    const app = (await (await call(`${first.url}/apps`, { method: 'POST' })).json()) as App;
    await first.close();
    const second = await startSandboxServer({
      port: 0,
      ...database,
      purgeIntervalMs: 0,
      now: () => clock,
      tenantTtlSeconds: 3600,
    });
    try {
      const list = await call(`${second.url}/v1/projects`, {
        headers: { Authorization: `Bearer ${app.personal_access_token}` },
      });
      expect(list.headers.get('x-total-count')).toBe('60');
      const store = await storeOf(second.sandbox);
      const dump =
        JSON.stringify(await store.db.selectFrom('clients').selectAll().execute()) +
        JSON.stringify(await store.db.selectFrom('personal_access_tokens').selectAll().execute());
      expect(dump).toContain(app.client_id);
      expect(dump).not.toContain(app.client_secret);
      expect(dump).not.toContain(app.personal_access_token);
      clock += 3601_000;
      expect(await second.sandbox.purge()).toBe(1);
      expect(await store.db.selectFrom('projects').selectAll().execute()).toEqual([]);
      expect(
        (await call(`${second.url}/v1/projects`, { headers: { Authorization: `Bearer ${app.personal_access_token}` } }))
          .status,
      ).toBe(401);
    } finally {
      await second.close();
    }
  });

  it("two servers on one database see each other's writes at once, revocations included", async () => {
    const database = lasting('d.db');
    const one = await startSandboxServer({ port: 0, ...database, purgeIntervalMs: 0 });
    const two = await startSandboxServer({ port: 0, ...database, purgeIntervalMs: 0 });
    try {
      const app = (await (await call(`${one.url}/apps`, { method: 'POST' })).json()) as App;
      const auth = { Authorization: `Bearer ${app.personal_access_token}` };
      const total = async () =>
        (await call(`${two.url}/v1/projects?limit=25`, { headers: auth })).headers.get('x-total-count');
      expect(await total()).toBe('60');
      const created = await call(`${one.url}/v1/projects`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'from-one' }),
      });
      expect(created.status).toBe(201);
      expect(await total()).toBe('61');
      // A revocation committed by the other server holds at once.
      const store = await storeOf(one.sandbox);
      await store.db.deleteFrom('personal_access_tokens').where('tenant_id', '=', app.tenant_id).execute();
      expect((await call(`${two.url}/v1/projects`, { headers: auth })).status).toBe(401);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('a Host that is no URL authority, or a refused body, never takes the server down; a 413 closes its connection', async () => {
    const server = await startSandboxServer({ port: 0, db: path.join(dir, 'e.db'), purgeIntervalMs: 0 });
    const { port } = server.server.address() as AddressInfo;
    const raw = (options: { path: string; method?: string; headers: Record<string, string>; body?: Buffer }) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end(options.body);
      });
    try {
      for (const host of ['a:b', 'x:99999', '[::1']) {
        const answer = await raw({ path: '/v1/projects', headers: { Host: host } });
        expect(answer.status, host).toBe(401);
        expect(answer.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
      }
      const big = await raw({
        path: '/apps',
        method: 'POST',
        headers: { Host: 'localhost', 'Content-Type': 'application/json' },
        body: Buffer.alloc(2 * 1024 * 1024, 32),
      });
      expect(big.status).toBe(413);
      expect(big.headers.connection).toBe('close');
      expect((await call(`${server.url}/v1/projects`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('a database it cannot open: 503 problem to callers, reported once (without the URL), not available', async () => {
    const reports: string[] = [];
    const sandbox = createSandbox({
      db: 'postgres://aethex:hunter2@127.0.0.1:1/aethex',
      purgeIntervalMs: 0,
      reportFailure: (message) => reports.push(message),
    });
    await expect(sandbox.ready).rejects.toThrow();
    expect(await sandbox.available()).toBe(false);
    const response = await sandbox.handle(new Request('http://localhost:3000/sandbox/v1/projects'));
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('cannot open its database (PostgreSQL from SANDBOX_DATABASE_URL)');
    expect(reports[0]).not.toContain('hunter2');
    await sandbox.close();
  });

  it('migrations are recorded and applied once, also when two instances start at once', async () => {
    const database = lasting('c.db');
    const options = { location: database.db, ...(database.schema ? { schema: database.schema } : {}) };
    const [a, b] = await Promise.all([SandboxStore.open(options), SandboxStore.open(options)]);
    await Promise.all([a.close(), b.close()]);
    const again = await SandboxStore.open(options);
    try {
      const applied = await again.db
        .selectFrom(sql.table('kysely_migration').as('m'))
        .select(sql<string>`name`.as('name'))
        .execute();
      expect(applied.map((row) => row.name)).toEqual(Object.keys(migrations(again.dialect)));
      if (again.dialect === 'sqlite') {
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(again.db);
        expect(mode.rows[0]?.journal_mode).toBe('wal');
      }
    } finally {
      await again.close();
    }
  });
});
