import { describe, expect, it } from 'vitest';

import { LIMITS } from './config';
import type { Sandbox } from './handler';
import {
  accessToken,
  basic,
  bearer,
  countRows,
  createTestApp,
  JSON_TYPE,
  ORIGIN,
  sandboxFactory,
  send,
  storeOf,
  type App,
} from './test-helpers';

const setup = sandboxFactory();

/** The lookup's JSON shape (lib/sandbox/README.md, `GET /sandbox/requests/{request_id}`). */
interface Entry {
  request_id: string;
  received_at: string;
  duration_ms: number;
  request: {
    method: string;
    path: string;
    query: string;
    headers: Record<string, string>;
    body: string | null;
    body_truncated: boolean;
    body_bytes: number;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body: string | null;
    body_truncated: boolean;
    body_bytes: number;
  };
}

/** Looks a request ID up with the app's personal access token. */
function lookUp(sandbox: Sandbox, app: App, id: string, credential = app.personal_access_token): Promise<Response> {
  return send(sandbox, `/requests/${encodeURIComponent(id)}`, { headers: bearer(credential) });
}

/** Sends a request and returns its response text and X-Request-ID with the lookup of that ID. */
async function sendAndLookUp(
  sandbox: Sandbox,
  app: App,
  url: string,
  init: RequestInit,
): Promise<{ response: Response; text: string; entry: Entry }> {
  const response = await send(sandbox, url, init);
  const text = await response.text();
  const found = await lookUp(sandbox, app, response.headers.get('x-request-id')!);
  expect(found.status, await found.clone().text()).toBe(200);
  return { response, text, entry: (await found.json()) as Entry };
}

describe('the request log and GET /sandbox/requests/{request_id}', () => {
  it('keeps a successful exchange: method, path, query, kept headers, status, response headers and body', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const { response, text, entry } = await sendAndLookUp(sandbox, app, '/v1/projects?limit=2', {
      headers: bearer(token, { Accept: 'application/json', 'AeThex-Environment': 'staging', Cookie: 'session=abc' }),
    });
    expect(response.status).toBe(200);
    expect(entry.request).toEqual({
      method: 'GET',
      path: '/v1/projects',
      query: 'limit=2',
      headers: { Accept: 'application/json', 'AeThex-Environment': 'staging', Authorization: 'Bearer [redacted]' },
      body: null,
      body_truncated: false,
      body_bytes: 0,
    });
    expect(entry.response.status).toBe(200);
    expect(entry.response.body).toBe(text);
    expect(entry.response.body_bytes).toBe(Buffer.byteLength(text));
    expect(entry.response.headers['X-Total-Count']).toBe('8');
    expect(entry.response.headers['X-Request-ID']).toBe(entry.request_id);
    expect(entry.request_id).toBe(response.headers.get('x-request-id'));
    expect(Date.parse(entry.received_at)).toBeGreaterThan(0);
    expect(entry.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('keeps error exchanges: a 404 for an unknown project and a 400 validation error, with request bodies', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const pat = app.personal_access_token;
    const missing = await sendAndLookUp(sandbox, app, '/v1/projects/prj_AAAAAAAAAAAAAAAA/metrics', {
      headers: bearer(pat),
    });
    expect(missing.response.status).toBe(404);
    expect(missing.entry.response.status).toBe(404);
    expect(missing.entry.response.body).toBe(missing.text);
    expect(missing.entry.response.headers['Content-Type']).toBe('application/problem+json');
    const body = '{"name": "", "region": "mars-1"}';
    const invalid = await sendAndLookUp(sandbox, app, '/v1/projects', {
      method: 'POST',
      headers: bearer(pat, { ...JSON_TYPE, 'Idempotency-Key': '"k-1"', 'X-Request-ID': 'my-trace.1' }),
      body,
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.entry.request_id).toBe('my-trace.1');
    expect(invalid.entry.request).toMatchObject({
      method: 'POST',
      body,
      body_bytes: body.length,
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': '"k-1"',
        'X-Request-ID': 'my-trace.1',
        Authorization: 'Bearer [redacted]',
      },
    });
    expect(invalid.entry.response).toMatchObject({ status: 400, body: invalid.text });
  });

  it('keeps the tenant-creating POST /sandbox/apps and Basic-authenticated calls, secrets redacted', async () => {
    const sandbox = setup();
    const created = await send(sandbox, '/apps', { method: 'POST', headers: JSON_TYPE, body: '{"name":"mine"}' });
    const app = (await created.json()) as App;
    const found = (await (await lookUp(sandbox, app, created.headers.get('x-request-id')!)).json()) as Entry;
    expect(found.request.body).toBe('{"name":"mine"}');
    const kept = JSON.parse(found.response.body!) as Record<string, unknown>;
    expect(kept).toMatchObject({
      tenant_id: app.tenant_id,
      client_id: app.client_id,
      client_secret: '[redacted]',
      personal_access_token: '[redacted]',
      webhook_secret: '[redacted]',
    });
    const token = await send(sandbox, '/v1/auth/token', {
      method: 'POST',
      headers: {
        Authorization: basic(app.client_id, app.client_secret),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const entry = (await (await lookUp(sandbox, app, token.headers.get('x-request-id')!)).json()) as Entry;
    expect(entry.request.headers.Authorization).toBe('Basic [redacted]');
    expect(entry.request.body).toBe('grant_type=client_credentials');
    expect(JSON.parse(entry.response.body!)).toMatchObject({ access_token: '[redacted]', token_type: 'Bearer' });
  });

  it("answers 404 for another tenant's request ID exactly as for an unknown one (never 403)", async () => {
    const sandbox = setup();
    const mine = await createTestApp(sandbox);
    const theirs = await createTestApp(sandbox);
    const sent = await send(sandbox, '/v1/projects', {
      headers: bearer(theirs.personal_access_token, { 'X-Request-ID': 'shared-id' }),
    });
    expect((await lookUp(sandbox, theirs, 'shared-id')).status).toBe(200);
    const other = await lookUp(sandbox, mine, 'shared-id');
    const unknown = await lookUp(sandbox, mine, 'never-sent');
    expect(sent.status).toBe(200);
    for (const response of [other, unknown]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    const strip = (text: string) => text.replace(/"request_id":"[^"]+"|shared-id|never-sent/g, '');
    expect(strip(await other.text())).toBe(strip(await unknown.text()));
  });

  it('401 without a bearer credential (Basic or nothing), 400 for an ID no request can have; CORS on each', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const noCredentials = await send(sandbox, '/requests/req_abc', { headers: { Origin: ORIGIN } });
    expect(noCredentials.status).toBe(401);
    expect(noCredentials.headers.get('www-authenticate')).toBe('Bearer realm="aethex"');
    expect(noCredentials.headers.get('access-control-allow-origin')).toBe('*');
    const withBasic = await send(sandbox, '/requests/req_abc', {
      headers: { Authorization: basic(app.client_id, app.client_secret) },
    });
    expect(withBasic.status).toBe(401);
    expect((await send(sandbox, '/requests/req_abc', { headers: bearer('atx_unknown') })).status).toBe(401);
    for (const bad of ['bad id', 'x'.repeat(129), 'a/b', 'é']) {
      const response = await lookUp(sandbox, app, bad);
      expect(response.status, bad).toBe(400);
      const problem = (await response.json()) as { detail: string; errors: { field: string }[] };
      expect(problem.detail).toMatch(/1 to 128 characters of letters, digits and \. _ : -/);
      expect(problem.errors[0]!.field).toBe('request_id');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    const preflight = await sandbox.handle(
      new Request(`${ORIGIN}/sandbox/requests/req_abc`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Headers': 'authorization' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('answers with any scope and in maintenance mode, and lookups count against the rate limit', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const narrow = await accessToken(sandbox, app, 'metrics:read');
    const sent = await send(sandbox, '/maintenance', {
      method: 'PUT',
      headers: bearer(app.personal_access_token, JSON_TYPE),
      body: '{"enabled":true}',
    });
    const id = sent.headers.get('x-request-id')!;
    const first = await lookUp(sandbox, app, id, narrow);
    const second = await lookUp(sandbox, app, id, narrow);
    expect([first.status, second.status]).toEqual([200, 200]);
    const remaining = (response: Response) => Number(response.headers.get('x-ratelimit-remaining'));
    expect(remaining(second)).toBe(remaining(first) - 1);
  });

  it('the newest entry of a reused request ID wins; lookups, anonymous and refused requests are not logged', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const pat = app.personal_access_token;
    const rows = () => countRows(sandbox, 'request_log');
    await send(sandbox, '/v1/projects?limit=1', { headers: bearer(pat, { 'X-Request-ID': 'again' }) });
    await send(sandbox, '/v1/projects?limit=3', { headers: bearer(pat, { 'X-Request-ID': 'again' }) });
    const entry = (await (await lookUp(sandbox, app, 'again')).json()) as Entry;
    expect(entry.request.query).toBe('limit=3');
    const before = await rows();
    await lookUp(sandbox, app, 'again');
    await lookUp(sandbox, app, 'nope');
    await send(sandbox, '/v1/projects', {});
    await send(sandbox, '/v1/projects', { headers: bearer('pat_NotATokenOfAnyTenantAtAllxxxxxxxxxxxxxxx') });
    await send(sandbox, '/v1/projects', { method: 'OPTIONS', headers: bearer(pat) });
    await send(sandbox, '/v1/projects', {
      method: 'POST',
      headers: bearer(pat, JSON_TYPE),
      body: 'x'.repeat(LIMITS.maxBodyBytes + 1),
    });
    expect(await rows()).toBe(before);
    await send(sandbox, '/v1/nowhere', { headers: bearer(pat) });
    expect(await rows()).toBe(before + 1);
  });

  it('keeps the newest N entries per tenant (N exact at read time), other tenants untouched', async () => {
    const sandbox = setup();
    const rt = await sandbox.ready;
    rt.caps.requestLogEntries = 5;
    const app = await createTestApp(sandbox);
    const other = await createTestApp(sandbox);
    await send(sandbox, '/v1/projects', { headers: bearer(other.personal_access_token, { 'X-Request-ID': 'o-1' }) });
    for (let i = 1; i <= 8; i += 1)
      await send(sandbox, '/v1/projects?limit=1', {
        headers: bearer(app.personal_access_token, { 'X-Request-ID': `r-${i}` }),
      });
    const status = async (id: string) => (await lookUp(sandbox, app, id)).status;
    expect(await Promise.all([1, 2, 3].map((i) => status(`r-${i}`)))).toEqual([404, 404, 404]);
    expect(await Promise.all([4, 5, 6, 7, 8].map((i) => status(`r-${i}`)))).toEqual([200, 200, 200, 200, 200]);
    expect((await lookUp(sandbox, other, 'o-1')).status).toBe(200);
    const store = await storeOf(sandbox);
    const { db } = store;
    const held = async (tenantId: string) => {
      await store.flushLog();
      const row = await db
        .selectFrom('request_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    expect(await held(app.tenant_id)).toBe(5);
    expect(await held(other.tenant_id)).toBe(2);
    // Rows over the cap (two instances racing, or a failed trim) never show: the lookup reads the newest N only.
    const newest = await db
      .selectFrom('request_log')
      .selectAll()
      .where('tenant_id', '=', app.tenant_id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const { seq, ...copy } = newest;
    expect(seq).toBeGreaterThan(0);
    await db
      .insertInto('request_log')
      .values({ ...copy, request_id: 'raced' })
      .execute();
    expect(await held(app.tenant_id)).toBe(6);
    expect(await status('r-4')).toBe(404);
    expect(await status('raced')).toBe(200);
  });

  it(`the default cap is ${LIMITS.requestLogEntries} entries`, async () => {
    const sandbox = setup();
    const rt = await sandbox.ready;
    expect(rt.caps.requestLogEntries).toBe(200);
    const app = await createTestApp(sandbox);
    await send(sandbox, '/rate-limit', {
      method: 'PUT',
      headers: bearer(app.personal_access_token, JSON_TYPE),
      body: '{"limit":1000,"window_seconds":60}',
    });
    for (let i = 1; i <= 201; i += 1)
      await send(sandbox, '/v1/nowhere', { headers: bearer(app.personal_access_token, { 'X-Request-ID': `n-${i}` }) });
    expect((await lookUp(sandbox, app, 'n-1')).status).toBe(404);
    expect((await lookUp(sandbox, app, 'n-2')).status).toBe(200);
    expect(await countRows(sandbox, 'request_log')).toBe(200);
  });

  it(`keeps at most ${LIMITS.requestLogBodyBytes} bytes of each body, cut at a character boundary, with the original size`, async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const pat = app.personal_access_token;
    // 'é' is two bytes in UTF-8; after the 27 bytes before them, one lies across the cap.
    const body = `{"name":"x","description":"${'é'.repeat(LIMITS.requestLogBodyBytes)}"}`;
    expect(Buffer.byteLength(body.slice(0, body.indexOf('é'))) % 2).toBe(1);
    const { entry } = await sendAndLookUp(sandbox, app, '/v1/projects', {
      method: 'POST',
      headers: bearer(pat, JSON_TYPE),
      body,
    });
    expect(entry.request.body_truncated).toBe(true);
    expect(entry.request.body_bytes).toBe(Buffer.byteLength(body));
    const kept = entry.request.body!;
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(LIMITS.requestLogBodyBytes);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(LIMITS.requestLogBodyBytes - 4);
    expect(body.startsWith(kept)).toBe(true);
    // The 60 seed projects are ~13 KB; eight long descriptions take the page past the cap.
    for (let i = 0; i < 8; i += 1)
      await send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: bearer(pat, JSON_TYPE),
        body: JSON.stringify({ name: `long-${i}`, description: 'd'.repeat(500) }),
      });
    const page = await sendAndLookUp(sandbox, app, '/v1/projects?limit=100', { headers: bearer(pat) });
    expect(Buffer.byteLength(page.text)).toBeGreaterThan(LIMITS.requestLogBodyBytes);
    expect(page.entry.response).toMatchObject({ body_truncated: true, body_bytes: Buffer.byteLength(page.text) });
    expect(page.text.startsWith(page.entry.response.body!)).toBe(true);
    expect(page.entry.response.body!.length).toBe(LIMITS.requestLogBodyBytes);
    const small = await sendAndLookUp(sandbox, app, '/v1/projects?limit=1', { headers: bearer(pat) });
    expect(small.entry.response.body_truncated).toBe(false);
  });

  it('writes entries behind the response in batches; an entry that cannot be written is dropped alone', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const store = await storeOf(sandbox);
    await store.flushLog();
    const entry = (await store.loggedRequest(
      app.tenant_id,
      (await store.db.selectFrom('request_log').select('request_id').executeTakeFirstOrThrow()).request_id,
      200,
    ))!;
    const written = await Promise.allSettled([
      store.logRequest({ ...entry, request_id: 'batch-1' }, 200),
      store.logRequest({ ...entry, tenant_id: 'ten_purgedMeanwhile0', request_id: 'batch-2' }, 200),
      store.logRequest({ ...entry, request_id: 'batch-3' }, 200),
    ]);
    // The response never waits for its entry: each resolves at once, and the one the database refuses is dropped alone.
    expect(written.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect((await lookUp(sandbox, app, 'batch-1')).status).toBe(200);
    expect((await lookUp(sandbox, app, 'batch-3')).status).toBe(200);
    expect(await countRows(sandbox, 'request_log')).toBe(3);
  });

  it("is purged with its tenant (the existing purge), other tenants' logs kept", async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup(() => clock);
    const doomed = await createTestApp(sandbox);
    await send(sandbox, '/v1/projects', { headers: bearer(doomed.personal_access_token) });
    clock += (LIMITS.tenantTtlSeconds - 10) * 1000;
    const kept = await createTestApp(sandbox);
    const sent = await send(sandbox, '/v1/projects', { headers: bearer(kept.personal_access_token) });
    expect(await countRows(sandbox, 'request_log')).toBe(4);
    clock += 20_000;
    // In the purge's batches, the log first (a tenant's 200 entries of up to 32 KiB are not deleted at once).
    const store = await storeOf(sandbox);
    expect(await store.purgeTenantStep(doomed.tenant_id, 1)).toEqual({ deleted: 1, state: 'more' });
    expect(await countRows(sandbox, 'request_log')).toBe(3);
    expect(await sandbox.purge()).toBe(1);
    expect(await countRows(sandbox, 'request_log')).toBe(2);
    expect((await lookUp(sandbox, kept, sent.headers.get('x-request-id')!)).status).toBe(200);
  });
});
