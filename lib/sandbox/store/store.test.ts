import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { testDatabase, testPostgresUrl } from '../test-helpers';
import { SandboxStore } from './index';
import type { ProjectRow } from './schema';

const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened: SandboxStore[] = [];
afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  opened = [];
});

/**
 * Two stores on one database, as two instances hold them: two pools on one PostgreSQL schema (the `postgres`
 * project). On SQLite (one writer at a time; several instances are a PostgreSQL deployment) one store on a file,
 * twice: its requests interleave on one connection.
 */
async function twoStores(): Promise<[SandboxStore, SandboxStore]> {
  const database = testDatabase();
  const postgres = testPostgresUrl();
  const options = postgres
    ? { location: database.db!, schema: database.schema! }
    : { location: path.join(dir, `${Math.random().toString(36).slice(2)}.db`) };
  const a = await SandboxStore.open(options);
  const b = postgres ? await SandboxStore.open(options) : a;
  opened.push(...new Set([a, b]));
  return [a, b];
}

let serial = 0;

/** A project row of a tenant. */
function project(tenantId: string, id: string): ProjectRow {
  return {
    id,
    tenant_id: tenantId,
    name: id,
    description: null,
    environment: 'production',
    region: 'us-east-1',
    default_branch: 'main',
    auto_deploy: 1,
    created_at: '2026-12-01T00:00:00Z',
  };
}

/** Inserts a tenant (expiring at `expiresAt`) with a client, a PAT and `projects` projects; returns its ID. */
async function tenant(store: SandboxStore, expiresAt: number, projects = 3): Promise<string> {
  serial += 1;
  const id = `ten_${serial}`;
  const rows = Array.from({ length: projects }, (_, i) => project(id, `prj_${serial}_${i}`));
  await store.createTenant(
    {
      id,
      name: id,
      webhook_secret: 'whsec',
      scopes: 'projects:read',
      rate_limit: 100,
      rate_window_seconds: 60,
      created_at: 0,
      expires_at: expiresAt,
    },
    { id: `cli_${serial}`, tenant_id: id, name: id, secret_hash: 'h', redirect_uris: '[]', scopes: 'projects:read' },
    { hash: `pat_hash_${serial}`, id: `pid_${serial}`, scopes: 'projects:read' },
    rows,
  );
  return id;
}

describe.skipIf(!testPostgresUrl())('the store on PostgreSQL', () => {
  it('survives the server closing its idle connections: the next query opens a new one', async () => {
    const database = testDatabase();
    const store = await SandboxStore.open({ location: database.db!, schema: database.schema! });
    opened.push(store);
    await tenant(store, 1_900_000_000_000, 0);
    const watcher = await SandboxStore.open({ location: database.db! });
    opened.push(watcher);
    const killed = await sql<{ pid: number }>`select pg_terminate_backend(pid) as pid from pg_stat_activity
      where application_name = ${`aethex-sandbox:${database.schema}`}`.execute(watcher.db);
    expect(killed.rows.length).toBeGreaterThan(0);
    // Give the pool the 'error' events of its idle clients (before the fix, they ended the process).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await store.expiredTenants(2_000_000_000_000, 10)).length).toBe(1);
  });
});

describe('the store on two connections to one database', () => {
  it('counts one rate-limit window atomically: 200 concurrent hits from both get 200 distinct counts', async () => {
    const [a, b] = await twoStores();
    const now = 1_800_000_000_000;
    const hits = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).hitRateWindow('tenant:x', now + i, 60_000)),
    );
    expect(hits.map((hit) => hit.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // One window, started by whichever hit came first; it ends 60 s later and the next hit starts a new one.
    const starts = new Set(hits.map((hit) => hit.window_start));
    expect(starts.size).toBe(1);
    const [start] = [...starts] as [number];
    expect(await b.hitRateWindow('tenant:x', start + 59_999, 60_000)).toEqual({ window_start: start, count: 201 });
    expect(await a.hitRateWindow('tenant:x', start + 60_000, 60_000)).toEqual({
      window_start: start + 60_000,
      count: 1,
    });
  });

  it('purges expired tenants from both at once: each tenant counted once, no row left behind, live ones kept', async () => {
    const [a, b] = await twoStores();
    const now = 1_800_000_000_000;
    const expired = await Promise.all(Array.from({ length: 12 }, () => tenant(a, now - 1, 40)));
    const live = await tenant(a, now + 60_000, 5);
    const purgeAll = async (store: SandboxStore) => {
      let purged = 0;
      for (;;) {
        const ids = await store.expiredTenants(now, 50);
        if (ids.length === 0) return purged;
        for (const id of ids) {
          for (;;) {
            const step = await store.purgeTenantStep(id, 7);
            if (step.state === 'done') purged += 1;
            if (step.state !== 'more') break;
          }
        }
      }
    };
    const [fromA, fromB] = await Promise.all([purgeAll(a), purgeAll(b)]);
    expect(fromA + fromB).toBe(expired.length);
    const count = async (table: 'tenants' | 'projects' | 'clients' | 'personal_access_tokens') =>
      Number(
        (
          await a.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('tenants'), await count('clients'), await count('personal_access_tokens')]).toEqual([1, 1, 1]);
    expect(await count('projects')).toBe(5);
    expect(await b.tenant(live)).toBeDefined();
  });

  it('takes the last slot of a cap once: concurrent creations from both stop at the cap', async () => {
    const [a, b] = await twoStores();
    const id = await tenant(a, 1_900_000_000_000, 0);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).createProject(project(id, `prj_cap_${i}`), 25)),
    );
    expect(results.filter((result) => result === undefined)).toHaveLength(25);
    expect((await a.projectPage(id, 'production', 100, 0, JSON.stringify)).total).toBe(25);
  });

  it("never serves a stale page: a project created through one store shows at once in the other's cached page", async () => {
    const [a, b] = await twoStores();
    const id = await tenant(a, 1_900_000_000_000, 30);
    const ids = async (store: SandboxStore, offset: number) => {
      const page = await store.projectPage(id, 'production', 25, offset, JSON.stringify);
      return { total: page.total, ids: (JSON.parse(page.json) as ProjectRow[]).map((row) => row.id) };
    };
    expect(await ids(a, 25)).toEqual({
      total: 30,
      ids: Array.from({ length: 5 }, (_, i) => `prj_${serial}_${i + 25}`),
    });
    expect((await ids(a, 25)).ids).toHaveLength(5);
    await b.createProject(project(id, 'prj_late'), 500);
    expect(await ids(a, 25)).toEqual({
      total: 31,
      ids: [...Array.from({ length: 5 }, (_, i) => `prj_${serial}_${i + 25}`), 'prj_late'],
    });
    expect((await ids(a, 50)).ids).toEqual([]);
  });
});
