import { describe, expect, it } from 'vitest';

import { apiModel } from '@/lib/openapi';

import {
  accessToken,
  bearer,
  createTestApp,
  JSON_TYPE,
  ORIGIN,
  sandboxFactory,
  send,
  storeOf,
  testSandbox,
} from './test-helpers';

const environments = () => apiModel().environment!;

const setup = sandboxFactory();

describe('C. resource server', () => {
  it('11. no token → 401 realm challenge; bad, expired or unknown PAT → invalid_token', async () => {
    let clock = Date.now();
    const sandbox = setup(() => clock);
    const app = await createTestApp(sandbox);
    const none = await send(sandbox, '/v1/projects');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="aethex"');
    for (const token of ['atx_nope', 'pat_nope', 'not a token!']) {
      const response = await send(sandbox, '/v1/projects', { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const token = await accessToken(sandbox, app);
    clock += 3601_000;
    const expired = await send(sandbox, '/v1/projects', { headers: bearer(token) });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(((await expired.json()) as { detail: string }).detail).toContain('expired');
    expect((await send(sandbox, '/v1/projects', { headers: bearer(app.personal_access_token) })).status).toBe(200);
  });

  it('12. missing scope → 403 insufficient_scope naming the scope', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app, 'projects:read');
    const response = await send(sandbox, '/v1/projects', {
      method: 'POST',
      headers: bearer(token, JSON_TYPE),
      body: '{"name":"x"}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="aethex", error="insufficient_scope", scope="projects:write"',
    );
    expect(((await response.json()) as { detail: string }).detail).toContain('projects:write');
    const limited = await createTestApp(sandbox, { scopes: ['projects:read'] });
    const pat = await send(sandbox, '/v1/webhooks/verify', {
      method: 'POST',
      headers: bearer(limited.personal_access_token, JSON_TYPE),
      body: '{}',
    });
    expect(pat.status).toBe(403);
    expect(pat.headers.get('www-authenticate')).toContain('scope="webhooks:read"');
  });

  it('13. tokens only in the Authorization header; scheme case-insensitive', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      expect((await send(sandbox, '/v1/projects', { headers: { Authorization: `${scheme} ${token}` } })).status).toBe(
        200,
      );
    }
    expect((await send(sandbox, `/v1/projects?access_token=${token}`)).status).toBe(401);
    expect((await send(sandbox, '/v1/projects', { headers: { Authorization: `Token ${token}` } })).status).toBe(401);
  });

  it('14. AeThex-Environment: documented values accepted (production default); others → 400', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const totals: Record<string, string | null> = {};
    for (const value of environments().values) {
      const response = await send(sandbox, '/v1/projects', { headers: bearer(token, { 'AeThex-Environment': value }) });
      expect(response.status).toBe(200);
      totals[value] = response.headers.get('x-total-count');
      for (const project of (await response.json()) as { environment: string }[])
        expect(project.environment).toBe(value);
    }
    const absent = await send(sandbox, '/v1/projects', { headers: bearer(token) });
    expect(absent.headers.get('x-total-count')).toBe(totals[environments().default]);
    const bad = await send(sandbox, '/v1/projects', { headers: bearer(token, { 'AeThex-Environment': 'prod' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('aethex-environment');
  });

  it('14. repeated calls answer alike (the parameter check is reused); any changed query, header or path value is checked anew', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const headers = bearer(app.personal_access_token);
    const list = async (query: string, extra: Record<string, string> = {}) => {
      const response = await send(sandbox, `/v1/projects${query}`, { headers: { ...headers, ...extra } });
      return {
        status: response.status,
        body: (await response.json()) as { environment?: string; errors?: { field: string }[] }[] & {
          errors?: { field: string }[];
        },
      };
    };
    for (let i = 0; i < 2; i++) {
      const ok = await list('?limit=2');
      expect(ok.status).toBe(200);
      expect(ok.body).toHaveLength(2);
    }
    const other = environments().values.find((value) => value !== environments().default)!;
    const staged = await list('?limit=2', { 'AeThex-Environment': other });
    expect(staged.status).toBe(200);
    for (const project of staged.body) expect(project.environment).toBe(other);
    for (const [query, extra, field] of [
      ['?limit=2', { 'AeThex-Environment': 'prod' }, 'aethex-environment'],
      ['?limit=0', {}, 'limit'],
      ['?limit=1e1', {}, 'limit'],
      ['?limit=1e1', {}, 'limit'],
    ] as const) {
      const bad = await list(query, extra);
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0]?.field).toBe(field);
    }
    expect((await list('?limit=2')).body).toHaveLength(2);
    // A fresh X-Request-ID per call (left out of the cache key: its schema accepts any string) changes nothing.
    for (const id of ['trace-1', 'trace-2'])
      expect((await list('?limit=2', { 'X-Request-ID': id })).body).toHaveLength(2);
    const [project] = (await list('?limit=1')).body as unknown as { id: string }[];
    for (const [path, status] of [
      [`/v1/projects/${project!.id}/metrics`, 200],
      ['/v1/projects/nope/metrics', 400],
      [`/v1/projects/${project!.id}/metrics`, 200],
    ] as const) {
      expect((await send(sandbox, path, { headers })).status).toBe(status);
    }
  });
});

describe('D. projects', () => {
  it('15. pagination with Link (first/prev/next/last, absolute, keeps limit) and X-Total-Count', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const get = (query: string, headers: Record<string, string> = {}) =>
      send(sandbox, `/v1/projects${query}`, { headers: bearer(token, headers) });
    const rels = (link: string | null) =>
      Object.fromEntries([...(link ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], m[1]]));
    const first = await get('?limit=25');
    expect(first.headers.get('x-total-count')).toBe('60');
    expect(((await first.json()) as unknown[]).length).toBe(25);
    const firstLinks = rels(first.headers.get('link'));
    expect(firstLinks).toEqual({
      first: `${ORIGIN}/sandbox/v1/projects?page=1&limit=25`,
      next: `${ORIGIN}/sandbox/v1/projects?page=2&limit=25`,
      last: `${ORIGIN}/sandbox/v1/projects?page=3&limit=25`,
    });
    const last = await get('?page=3&limit=25');
    expect(((await last.json()) as unknown[]).length).toBe(10);
    expect(rels(last.headers.get('link'))).toEqual({
      first: `${ORIGIN}/sandbox/v1/projects?page=1&limit=25`,
      prev: `${ORIGIN}/sandbox/v1/projects?page=2&limit=25`,
      last: `${ORIGIN}/sandbox/v1/projects?page=3&limit=25`,
    });
    const middle = rels((await get('?page=2&limit=25')).headers.get('link'));
    expect(Object.keys(middle).sort()).toEqual(['first', 'last', 'next', 'prev']);
    const past = await get('?page=9&limit=25');
    expect(past.status).toBe(200);
    expect(await past.json()).toEqual([]);
    expect(rels(past.headers.get('link')).next).toBeUndefined();
    // Pages never overlap and together list every project once.
    const ids = new Set<string>();
    for (let page = 1; page <= 3; page += 1)
      for (const p of (await (await get(`?page=${page}&limit=25`)).json()) as { id: string }[]) ids.add(p.id);
    expect(ids.size).toBe(60);
    // Forwarding headers count only from a trusted proxy (SANDBOX_TRUST_PROXY): any caller could send them.
    const forged = await get('?limit=10', { 'X-Forwarded-Host': 'docs.example.org', 'X-Forwarded-Proto': 'https' });
    expect(rels(forged.headers.get('link')).next).toBe(`${ORIGIN}/sandbox/v1/projects?page=2&limit=10`);
    const proxiedSandbox = testSandbox({ trustProxy: true });
    try {
      const proxiedApp = await createTestApp(proxiedSandbox);
      const proxied = await send(proxiedSandbox, '/v1/projects?limit=10', {
        headers: bearer(proxiedApp.personal_access_token, {
          'X-Forwarded-Host': 'docs.example.org',
          'X-Forwarded-Proto': 'https',
        }),
      });
      expect(rels(proxied.headers.get('link')).next).toBe(
        'https://docs.example.org/sandbox/v1/projects?page=2&limit=10',
      );
    } finally {
      proxiedSandbox.close();
    }
    for (const bad of ['?limit=0', '?limit=101', '?limit=abc', '?limit=2.5', '?page=0', '?limit=5&limit=6']) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect(((await response.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
  });

  it('16. POST creates with Location and defaults; invalid body → 400 listing fields, nothing stored', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const created = await send(sandbox, '/v1/projects', {
      method: 'POST',
      headers: bearer(token, { ...JSON_TYPE, 'AeThex-Environment': 'staging' }),
      body: '{"name":"storefront"}',
    });
    expect(created.status).toBe(201);
    const project = (await created.json()) as Record<string, unknown>;
    expect(project).toMatchObject({
      name: 'storefront',
      description: null,
      environment: 'staging',
      region: 'us-east-1',
      default_branch: 'main',
      auto_deploy: true,
    });
    expect(created.headers.get('location')).toBe(`${ORIGIN}/sandbox/v1/projects/${project.id as string}`);
    const count = async () =>
      (
        await send(sandbox, '/v1/projects', { headers: bearer(token, { 'AeThex-Environment': 'staging' }) })
      ).headers.get('x-total-count');
    const before = await count();
    const invalid = await send(sandbox, '/v1/projects', {
      method: 'POST',
      headers: bearer(token, JSON_TYPE),
      body: JSON.stringify({ name: '', region: 'mars', color: 'red' }),
    });
    expect(invalid.status).toBe(400);
    const fields = ((await invalid.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['/color', '/name', '/region']);
    const empty = await send(sandbox, '/v1/projects', { method: 'POST', headers: bearer(token, JSON_TYPE) });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { detail: string }).detail).toBe('The body is required: send a JSON body.');
    expect(await count()).toBe(before);
  });

  it('17. idempotency: replay with Idempotent-Replayed, 422 on a different body, 409 while in flight, per client', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const post = (body: string, key: string, auth = token) =>
      send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: bearer(auth, { ...JSON_TYPE, 'Idempotency-Key': `"${key}"` }),
        body,
      });
    const total = async () =>
      Number((await send(sandbox, '/v1/projects', { headers: bearer(token) })).headers.get('x-total-count'));
    const before = await total();
    const first = await post('{"name":"once"}', 'key-1');
    expect(first.status).toBe(201);
    const replay = await post('{"name":"once"}', 'key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
    expect(await replay.json()).toEqual(await first.json());
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await total()).toBe(before + 1);
    const mismatch = await post('{"name":"twice"}', 'key-1');
    expect(mismatch.status).toBe(422);
    // Another client (the PAT) has its own key space.
    expect(
      (await post('{"name":"once"}', 'key-1', app.personal_access_token)).headers.get('idempotent-replayed'),
    ).toBeNull();
    // A request holding the key in another process (same database): 409.
    await (
      await storeOf(sandbox)
    ).claimIdempotencyKey(app.tenant_id, app.client_id, 'key-2', 'other-process', Date.now(), 86_400_000, 1000);
    const fingerprintless = await post('{"name":"x"}', 'key-2');
    expect([409, 422]).toContain(fingerprintless.status);
    const { createHash } = await import('node:crypto');
    const fingerprint = createHash('sha256')
      .update(Buffer.concat([Buffer.from('POST /v1/projects production\n'), Buffer.from('{"name":"y"}')]))
      .digest('hex');
    await (
      await storeOf(sandbox)
    ).claimIdempotencyKey(app.tenant_id, app.client_id, 'key-3', fingerprint, Date.now(), 86_400_000, 1000);
    const inFlight = await post('{"name":"y"}', 'key-3');
    expect(inFlight.status).toBe(409);
    // Concurrent duplicates in one process: one creation, the rest replay.
    const results = await Promise.all(Array.from({ length: 20 }, () => post('{"name":"burst"}', 'key-4')));
    expect(results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(
      (
        await send(sandbox, '/v1/projects', {
          method: 'POST',
          headers: bearer(token, { ...JSON_TYPE, 'Idempotency-Key': '' }),
          body: '{"name":"z"}',
        })
      ).status,
    ).toBe(400);
  });

  it('17. idempotency keys expire after 24 hours', async () => {
    let clock = Date.now();
    // A tenant lives 24 h by default too: this one lives long enough to use its key again.
    const sandbox = testSandbox({ now: () => clock, tenantTtlSeconds: 2 * 86_400 });
    const app = await createTestApp(sandbox);
    const post = (body: string) =>
      send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: bearer(app.personal_access_token, { ...JSON_TYPE, 'Idempotency-Key': '"k"' }),
        body,
      });
    expect((await post('{"name":"a"}')).status).toBe(201);
    clock += 86_401_000;
    const again = await post('{"name":"b"}');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it("18. metrics of an own project; unknown or another tenant's project → 404", async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const other = await createTestApp(sandbox);
    const [mine] = (await (
      await send(sandbox, '/v1/projects?limit=1', { headers: bearer(app.personal_access_token) })
    ).json()) as { id: string }[];
    const [theirs] = (await (
      await send(sandbox, '/v1/projects?limit=1', { headers: bearer(other.personal_access_token) })
    ).json()) as { id: string }[];
    for (const window of ['1h', '24h', '7d', '30d']) {
      const response = await send(sandbox, `/v1/projects/${mine!.id}/metrics?window=${window}`, {
        headers: bearer(app.personal_access_token),
      });
      expect(response.status).toBe(200);
      const metrics = (await response.json()) as {
        window: string;
        runtime: { requests: number; errors: number };
        breakdown: { requests: number; errors: number }[];
      };
      expect(metrics.window).toBe(window);
      expect(metrics.breakdown.reduce((sum, row) => sum + row.requests, 0)).toBe(metrics.runtime.requests);
      expect(metrics.breakdown.reduce((sum, row) => sum + row.errors, 0)).toBe(metrics.runtime.errors);
    }
    expect(
      (await send(sandbox, `/v1/projects/${theirs!.id}/metrics`, { headers: bearer(app.personal_access_token) }))
        .status,
    ).toBe(404);
    expect(
      (await send(sandbox, '/v1/projects/prj_0000000000000000/metrics', { headers: bearer(app.personal_access_token) }))
        .status,
    ).toBe(404);
    expect(
      (await send(sandbox, '/v1/projects/nope/metrics', { headers: bearer(app.personal_access_token) })).status,
    ).toBe(400);
    expect(
      (
        await send(sandbox, `/v1/projects/${mine!.id}/metrics?window=2d`, {
          headers: bearer(app.personal_access_token),
        })
      ).status,
    ).toBe(400);
    // Isolation: a tenant's list never contains another tenant's projects.
    const all = (await (
      await send(sandbox, '/v1/projects?limit=100', { headers: bearer(app.personal_access_token) })
    ).json()) as { id: string }[];
    expect(all.map((p) => p.id)).not.toContain(theirs!.id);
  });
});
