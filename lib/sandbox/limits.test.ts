import { describe, expect, it } from 'vitest';

import { accessToken, bearer, createTestApp, JSON_TYPE, sandboxFactory, send } from './test-helpers';

const setup = sandboxFactory();

describe('E. limits, faults and tracing', () => {
  it('19. X-Request-ID on every response: safe values echoed, unsafe ones replaced; rate headers on errors too', async () => {
    const sandbox = setup();
    const ok = await send(sandbox, '/v1/nope', { headers: { 'X-Request-ID': 'checkout-7f3a:9c.1_x' } });
    expect(ok.headers.get('x-request-id')).toBe('checkout-7f3a:9c.1_x');
    expect(((await ok.json()) as { request_id: string }).request_id).toBe('checkout-7f3a:9c.1_x');
    for (const hostile of ['<script>', 'a b', 'x'.repeat(129), '../../etc', 'id;drop', '']) {
      const response = await send(sandbox, '/v1/projects', { headers: { 'X-Request-ID': hostile } });
      expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    }
  });

  it('20. Remaining drops by one per request; 429 + Retry-After at zero; the window resets; preflights not counted', async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup(() => clock);
    const app = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    const limit = await send(sandbox, '/rate-limit', {
      method: 'PUT',
      headers: bearer(token, JSON_TYPE),
      body: '{"limit":10,"window_seconds":30}',
    });
    expect(limit.status).toBe(200);
    const get = () => send(sandbox, '/v1/projects', { headers: bearer(token) });
    const remaining: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await get();
      remaining.push(Number(response.headers.get('x-ratelimit-remaining')));
      // Preflights in between are not counted.
      await send(sandbox, '/v1/projects', {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:9',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
    }
    expect(remaining.slice(1).map((value, index) => remaining[index]! - value)).toEqual([1, 1, 1, 1]);
    while (Number((await get()).headers.get('x-ratelimit-remaining')) > 0) clock += 1;
    const limited = await get();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(Math.abs(reset - (clock / 1000 + retryAfter))).toBeLessThanOrEqual(1);
    // Errors are counted against the same window and carry the headers.
    expect((await send(sandbox, '/v1/projects?limit=0', { headers: bearer(token) })).status).toBe(429);
    clock = reset * 1000;
    const fresh = await get();
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  it('21. maintenance switch → 503 + Retry-After for the tenant only, off again', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const other = await createTestApp(sandbox);
    const token = await accessToken(sandbox, app);
    expect(
      (
        await send(sandbox, '/maintenance', {
          method: 'PUT',
          headers: bearer(token, JSON_TYPE),
          body: '{"enabled":true,"retry_after":12}',
        })
      ).status,
    ).toBe(200);
    for (const [path, init] of [
      ['/v1/projects', { headers: bearer(token) }],
      ['/v1/projects', { method: 'POST', headers: bearer(token, JSON_TYPE), body: '{"name":"x"}' }],
      [
        '/v1/auth/token',
        {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        },
      ],
    ] as const) {
      const response = await send(sandbox, path, init as RequestInit);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('12');
    }
    expect((await send(sandbox, '/v1/projects', { headers: bearer(other.personal_access_token) })).status).toBe(200);
    expect(
      (
        await send(sandbox, '/maintenance', {
          method: 'PUT',
          headers: bearer(token, JSON_TYPE),
          body: '{"enabled":false}',
        })
      ).status,
    ).toBe(200);
    expect((await send(sandbox, '/v1/projects', { headers: bearer(token) })).status).toBe(200);
    expect(
      (await send(sandbox, '/maintenance', { method: 'PUT', headers: JSON_TYPE, body: '{"enabled":true}' })).status,
    ).toBe(401);
    expect(
      (
        await send(sandbox, '/maintenance', {
          method: 'PUT',
          headers: bearer(token, JSON_TYPE),
          body: '{"enabled":"yes"}',
        })
      ).status,
    ).toBe(400);
  });

  it('22. unknown route 404, wrong method 405 + Allow, malformed JSON 400, wrong type 415, oversized 413', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const auth = bearer(app.personal_access_token);
    expect((await send(sandbox, '/v2/projects', { headers: auth })).status).toBe(404);
    expect((await send(sandbox, '/v1/projects/', { headers: auth })).status).toBe(404);
    // A query or header named like an object's prototype is a name like any other (the fuzz found a 500 here).
    for (const query of ['?__proto__', '?__proto__=x&constructor=1'])
      expect((await send(sandbox, `/v1/projects${query}`, { headers: { ...auth, __proto__: 'x' } })).status).toBe(400);
    expect((await send(sandbox, 'http://localhost:3000/elsewhere')).status).toBe(404);
    const wrong = await send(sandbox, '/v1/projects', { method: 'DELETE', headers: auth });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await send(sandbox, '/v1/auth/token', { method: 'GET' })).headers.get('allow')).toBe('POST');
    const total = async () => (await send(sandbox, '/v1/projects', { headers: auth })).headers.get('x-total-count');
    const before = await total();
    const post = (body: BodyInit, headers: Record<string, string> = JSON_TYPE) =>
      send(sandbox, '/v1/projects', { method: 'POST', headers: { ...auth, ...headers }, body });
    expect((await post('{"name":')).status).toBe(400);
    expect((await post('')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    // U+0000 cannot be stored as text on PostgreSQL: refused alike on both databases, never a 500.
    const nul = await post('{"name":"a\\u0000b"}');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('/name');
    const nulClient = `Basic ${Buffer.from('%00:x').toString('base64')}`;
    expect((await send(sandbox, '/v1/projects', { headers: { Authorization: nulClient } })).status).toBe(401);
    expect((await post('name=x', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post('{"name":"x"}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const big = await post(JSON.stringify({ name: 'x', description: 'y'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { detail: string }).detail).toContain('1048576');
    // Streaming without Content-Length is cut at the limit too.
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const streamed = await send(sandbox, '/v1/projects', {
      method: 'POST',
      headers: { ...auth, ...JSON_TYPE },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await total()).toBe(before);
    const head = await send(sandbox, '/v1/projects', { method: 'HEAD', headers: auth });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
  // The fuzz (every operation, 1,000 hostile requests each, plus arbitrary routes) lives in fuzz.test.ts.
});

describe('G. CORS', () => {
  it('25. preflight → 204 allowing every documented request header by name, not counted', async () => {
    const sandbox = setup();
    const response = await send(sandbox, '/v1/projects', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'authorization, content-type, aethex-environment, idempotency-key, x-request-id',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = response.headers.get('access-control-allow-headers')!.split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'aethex-environment',
        'idempotency-key',
        'x-request-id',
      ]),
    );
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('26. every response exposes every documented header', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    for (const response of [
      await send(sandbox, '/v1/projects', { headers: bearer(app.personal_access_token) }),
      await send(sandbox, '/v1/projects'),
      await send(sandbox, '/nope'),
    ]) {
      const exposed = response.headers.get('access-control-expose-headers')!.split(', ');
      expect(exposed).toEqual(
        expect.arrayContaining([
          'X-Request-ID',
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
          'Retry-After',
          'Link',
          'X-Total-Count',
          'Location',
          'WWW-Authenticate',
          'Idempotent-Replayed',
        ]),
      );
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});
