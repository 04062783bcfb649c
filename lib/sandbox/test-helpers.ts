import { createHash, randomBytes } from 'node:crypto';

import { sql } from 'kysely';
import { afterAll, afterEach, inject } from 'vitest';

import { contractViolations } from './contract';
import { createSandbox, type Sandbox, type SandboxOptions } from './handler';
import { splitBase } from './router';
import type { SandboxStore, TableName } from './store';

/** The origin tests pretend to call from (the portal's). */
export const ORIGIN = 'http://localhost:3000';

/**
 * The PostgreSQL server of this test run when the run is the `postgres` project of vitest.config.ts (its global
 * setup starts one, or uses SANDBOX_TEST_DATABASE_URL); undefined in the `sqlite` project.
 */
export function testPostgresUrl(): string | undefined {
  return process.env.SANDBOX_TEST_DIALECT === 'postgres' ? inject('postgresUrl') : undefined;
}

/**
 * The database options of a fresh test sandbox: `:memory:` SQLite, or, in the `postgres` project, a schema of its own
 * on the run's PostgreSQL server (so tests never see each other's rows).
 */
export function testDatabase(): Pick<SandboxOptions, 'db' | 'schema'> {
  const url = testPostgresUrl();
  return url ? { db: url, schema: `t_${randomBytes(8).toString('hex')}` } : { db: ':memory:' };
}

const open: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

/**
 * A sandbox on a fresh database (testDatabase) without the purge timer (tests call purge() themselves). Closed
 * after the test file at the latest; on PostgreSQL its schema is dropped then.
 */
export function testSandbox(options: SandboxOptions = {}): Sandbox {
  const database = testDatabase();
  const sandbox = createSandbox({ ...database, purgeIntervalMs: 0, ...options });
  const close = sandbox.close;
  let closed: Promise<void> | undefined;
  const dropping: Sandbox = {
    ...sandbox,
    close: () =>
      (closed ??= (async () => {
        const schema = options.db === undefined ? database.schema : options.schema;
        if (schema && testPostgresUrl()) {
          const rt = await sandbox.ready.catch(() => undefined);
          if (rt)
            await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(rt.store.db).catch(() => undefined);
        }
        await close();
      })()),
  };
  open.push(dropping);
  return dropping;
}

/**
 * Registers an afterEach that closes every sandbox the test file made, and returns the factory for them.
 * Call once at the top level of a test file.
 * @returns `setup(now?)`: a fresh sandbox (testSandbox), optionally on an injected clock (ms since epoch)
 */
export function sandboxFactory(): (now?: () => number) => Sandbox {
  let sandboxes: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    sandboxes = [];
  });
  return (now) => {
    const sandbox = testSandbox(now ? { now } : {});
    sandboxes.push(sandbox);
    return sandbox;
  };
}

/** The store of a sandbox, once its database is open. */
export async function storeOf(sandbox: Sandbox): Promise<SandboxStore> {
  return (await sandbox.ready).store;
}

/** The number of rows in one of the sandbox's tables (all tenants), request-log entries still waiting written first. */
export async function countRows(sandbox: Sandbox, table: TableName): Promise<number> {
  const store = await storeOf(sandbox);
  // The request log may hold entries back for a moment (SandboxStore.logRequest): count them too.
  await store.flushLog();
  const { db } = store;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Content-Type header for JSON request bodies. */
export const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Content-Type header for form-encoded request bodies (the OAuth endpoints). */
export const FORM_TYPE = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** A fresh PKCE pair (RFC 7636, S256): the verifier and its challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The JSON body of a POST /sandbox/apps response. */
export interface App {
  tenant_id: string;
  client_id: string;
  client_secret: string;
  personal_access_token: string;
  webhook_secret: string;
  scopes: string[];
}

/**
 * Sends a request to the sandbox and fails (throws) if the response violates the OpenAPI document: every test that
 * uses it is a contract test too.
 * @param url - absolute, or a path under /sandbox (e.g. `/v1/projects`).
 */
export async function send(sandbox: Sandbox, url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url.startsWith('http') ? url : `${ORIGIN}/sandbox${url}`, init);
  const response = await sandbox.handle(request);
  const text = await response.text();
  const path = splitBase(new URL(request.url).pathname, ['/sandbox', ''])?.path ?? '/';
  const violations = contractViolations(request.method, path, response.status, response.headers, text);
  if (violations.length > 0) {
    throw new Error(
      `${request.method} ${url} → ${response.status} violates the OpenAPI document:\n- ${violations.join('\n- ')}\n${text.slice(0, 500)}`,
    );
  }
  return new Response(response.status === 204 || response.status === 304 || text === '' ? null : text, {
    status: response.status,
    headers: response.headers,
  });
}

/** A fetch-compatible function bound to a sandbox (for oauth4webapi's customFetch). */
export function sandboxFetch(sandbox: Sandbox): (url: string, init?: RequestInit) => Promise<Response> {
  return (url, init) => send(sandbox, url, init);
}

/** Creates a tenant (sandbox app). */
export async function createTestApp(sandbox: Sandbox, body?: Record<string, unknown>): Promise<App> {
  const response = await send(sandbox, '/apps', {
    method: 'POST',
    ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  });
  if (response.status !== 201) throw new Error(`POST /apps → ${response.status}: ${await response.text()}`);
  return (await response.json()) as App;
}

/**
 * Posts a decision to the consent screen (`POST /oauth/authorize`) without following its redirect.
 * @param fields - the authorization request plus `decision` and the proof of the tenant (PAT or login ticket)
 */
export function postConsent(sandbox: Sandbox, fields: Record<string, string>): Promise<Response> {
  return send(sandbox, '/oauth/authorize', {
    method: 'POST',
    headers: FORM_TYPE,
    redirect: 'manual',
    body: new URLSearchParams(fields).toString(),
  });
}

/** The `code` parameter of a consent screen's redirect (throws on a response without `Location`). */
export function codeOf(decision: Response): string {
  return new URL(decision.headers.get('location')!).searchParams.get('code')!;
}

/** HTTP Basic credentials per RFC 6749 §2.3.1 (form-urlencoded id and secret, then base64). */
export function basic(id: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

/** A client-credentials access token for an app. */
export async function accessToken(sandbox: Sandbox, app: App, scope?: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  const response = await send(sandbox, '/v1/auth/token', {
    method: 'POST',
    headers: {
      Authorization: basic(app.client_id, app.client_secret),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form.toString(),
  });
  if (response.status !== 200) throw new Error(`token → ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Headers with a bearer token (and extra headers). */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}
