import { createHmac } from 'node:crypto';

import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';

/**
 * The sandbox mounted in `next start`, over HTTP only (no browser): how it reads what a client sends. Idempotency
 * records scoped by tenant, the Idempotency-Key header as an RFC 8941 string, lone surrogates in JSON bodies, strict
 * Standard Webhooks headers on verify, and the per-tenant cap on idempotency records.
 */

interface App {
  tenant_id: string;
  personal_access_token: string;
  webhook_secret: string;
}

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

async function createApp(
  request: APIRequestContext,
  body: Record<string, unknown> = { name: 'E2E input' },
): Promise<App> {
  const response = await request.post('/sandbox/apps', { data: body });
  expect(response.status()).toBe(201);
  return (await response.json()) as App;
}

function auth(app: App, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${app.personal_access_token}`, ...extra };
}

/** POST /v1/projects with a raw body text (so JSON escapes such as `\ud800` reach the server as written). */
function createProject(
  request: APIRequestContext,
  app: App,
  body: string,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return request.post('/sandbox/v1/projects', {
    headers: auth(app, { 'Content-Type': 'application/json', ...headers }),
    data: body,
  });
}

/** The tenant's number of projects in production (X-Total-Count). */
async function projectCount(request: APIRequestContext, app: App): Promise<number> {
  const response = await request.get('/sandbox/v1/projects?limit=1', { headers: auth(app) });
  expect(response.status()).toBe(200);
  return Number(response.headers()['x-total-count']);
}

async function problemOf(response: APIResponse, status: number): Promise<Problem> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  return (await response.json()) as Problem;
}

test.describe('Idempotency-Key', () => {
  test("records are scoped by tenant: the same key and body under another tenant creates that tenant's own project", async ({
    request,
  }) => {
    const [a, b] = [await createApp(request), await createApp(request)];
    const key = { 'Idempotency-Key': `"scope-${Date.now()}"` };
    const first = await createProject(request, a, '{"name":"tenant-a"}', key);
    expect(first.status()).toBe(201);
    const theirs = await createProject(request, b, '{"name":"tenant-a"}', key);
    expect(theirs.status()).toBe(201);
    expect(theirs.headers()['idempotent-replayed']).toBeUndefined();
    expect(((await theirs.json()) as { id: string }).id).not.toBe(((await first.json()) as { id: string }).id);
    // A different body under B is B's own first use of the key elsewhere: no 422 telling B that A used it.
    const other = await createProject(request, b, '{"name":"tenant-b"}', {
      'Idempotency-Key': `"${key['Idempotency-Key'].slice(1, -1)}-b"`,
    });
    expect(other.status()).toBe(201);
    const replay = await createProject(request, a, '{"name":"tenant-a"}', key);
    expect(replay.status()).toBe(201);
    expect(replay.headers()['idempotent-replayed']).toBe('true');
  });

  test('a quoted RFC 8941 string is the key: replays match the parsed string, escapes included', async ({
    request,
  }) => {
    const app = await createApp(request);
    const before = await projectCount(request, app);
    const quoted = await createProject(request, app, '{"name":"quoted"}', {
      'Idempotency-Key': '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
    });
    expect(quoted.status()).toBe(201);
    const again = await createProject(request, app, '{"name":"quoted"}', {
      'Idempotency-Key': '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
    });
    expect(again.headers()['idempotent-replayed']).toBe('true');
    const escaped = await createProject(request, app, '{"name":"escaped"}', {
      'Idempotency-Key': String.raw`"say \"hi\" \\ bye"`,
    });
    expect(escaped.status()).toBe(201);
    const escapedAgain = await createProject(request, app, '{"name":"escaped"}', {
      'Idempotency-Key': String.raw`"say \"hi\" \\ bye"`,
    });
    expect(escapedAgain.headers()['idempotent-replayed']).toBe('true');
    const reused = await problemOf(
      await createProject(request, app, '{"name":"other"}', { 'Idempotency-Key': String.raw`"say \"hi\" \\ bye"` }),
      422,
    );
    expect(reused.detail).toContain(String.raw`"say \"hi\" \\ bye"`);
    const longest = await createProject(request, app, '{"name":"longest"}', {
      'Idempotency-Key': `"${'k'.repeat(255)}"`,
    });
    expect(longest.status()).toBe(201);
    expect(await projectCount(request, app)).toBe(before + 3);
  });

  test('a bare key is the same key as its quoted form: either order replays, and one project is created', async ({
    request,
  }) => {
    const app = await createApp(request);
    const before = await projectCount(request, app);
    const id = async (response: APIResponse) => ((await response.json()) as { id: string }).id;
    const bare = await createProject(request, app, '{"name":"bare"}', {
      'Idempotency-Key': '8e03978e-40d5-43e8-bc93-6894a57f9324',
    });
    expect(bare.status()).toBe(201);
    expect(bare.headers()['idempotent-replayed']).toBeUndefined();
    const quoted = await createProject(request, app, '{"name":"bare"}', {
      'Idempotency-Key': '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
    });
    expect(quoted.status()).toBe(201);
    expect(quoted.headers()['idempotent-replayed']).toBe('true');
    expect(await id(quoted)).toBe(await id(bare));
    // Quoted first, then bare, with the shortest key; a different body under the bare form is the same key reused.
    const first = await createProject(request, app, '{"name":"short"}', { 'Idempotency-Key': '"k"' });
    expect(first.status()).toBe(201);
    const again = await createProject(request, app, '{"name":"short"}', { 'Idempotency-Key': 'k' });
    expect(again.headers()['idempotent-replayed']).toBe('true');
    expect(await id(again)).toBe(await id(first));
    const reused = await problemOf(
      await createProject(request, app, '{"name":"other"}', { 'Idempotency-Key': 'k' }),
      422,
    );
    expect(reused.detail).toContain('Idempotency-Key "k"');
    expect(await projectCount(request, app)).toBe(before + 2);
  });

  test('a bare key holding a character only a quoted key may hold, or an invalid key, gets 400 and nothing is stored', async ({
    request,
  }) => {
    const app = await createApp(request);
    const before = await projectCount(request, app);
    // The quoted form of a key holding a quote or a backslash escapes them.
    const tricky = await problemOf(
      await createProject(request, app, '{"name":"bare"}', { 'Idempotency-Key': String.raw`a"b\c` }),
      400,
    );
    expect(tricky.detail).toContain('only a key in double quotes');
    expect(tricky.detail).toContain(String.raw`Idempotency-Key: "a\"b\\c"`);
    expect(tricky.detail).not.toMatch(/must match pattern/);
    expect(tricky.errors).toEqual([expect.objectContaining({ field: 'idempotency-key' })]);
    const list = await problemOf(
      await createProject(request, app, '{"name":"bare"}', { 'Idempotency-Key': 'a, b' }),
      400,
    );
    expect(list.detail).toContain('Idempotency-Key: "a, b"');
    for (const value of [
      '""',
      `"${'k'.repeat(256)}"`,
      '"open',
      '"a"b"',
      String.raw`"bad \n escape"`,
      '"k";param=1',
      '"a", "b"',
      '"tab\there"',
      'k;p=1',
      'two words',
      'k'.repeat(256),
    ]) {
      const refused = await problemOf(
        await createProject(request, app, '{"name":"bare"}', { 'Idempotency-Key': value }),
        400,
      );
      expect(
        refused.errors?.map((error) => error.field),
        value,
      ).toEqual(['idempotency-key']);
      expect(refused.detail, value).not.toMatch(/must match pattern/);
    }
    // The invalid key is reported together with an invalid body field.
    const both = await problemOf(await createProject(request, app, '{"name":""}', { 'Idempotency-Key': 'a;b' }), 400);
    expect(both.errors?.map((error) => error.field).sort()).toEqual(['/name', 'idempotency-key']);
    expect(await projectCount(request, app)).toBe(before);
  });
});

test.describe('JSON bodies', () => {
  test('a string or key holding a lone surrogate gets 400 naming its JSON pointer, and nothing is stored', async ({
    request,
  }) => {
    const app = await createApp(request);
    const before = await projectCount(request, app);
    const name = await problemOf(await createProject(request, app, String.raw`{"name":"a\ud800b"}`), 400);
    expect(name.errors).toEqual([expect.objectContaining({ field: '/name' })]);
    expect(name.detail).toContain('/name');
    const nested = await problemOf(
      await createProject(request, app, String.raw`{"name":"ok","description":"x\udfffy"}`, {
        'Idempotency-Key': '"lone-1"',
      }),
      400,
    );
    expect(nested.errors).toEqual([expect.objectContaining({ field: '/description' })]);
    const key = await problemOf(await createProject(request, app, String.raw`{"name":"ok","\udc00x":1}`), 400);
    expect(key.errors?.[0]?.message).toMatch(/key/);
    // A well-formed pair is fine.
    const paired = await createProject(request, app, String.raw`{"name":"emoji \ud83d\ude80"}`, {
      'Idempotency-Key': '"lone-1"',
    });
    expect(paired.status()).toBe(201);
    expect(((await paired.json()) as { name: string }).name).toBe('emoji \u{1F680}');
    expect(await projectCount(request, app)).toBe(before + 1);
  });

  test('sandbox-only routes and webhook verification refuse lone surrogates too', async ({ request }) => {
    const named = await problemOf(
      await request.post('/sandbox/apps', {
        headers: { 'Content-Type': 'application/json' },
        data: String.raw`{"name":"app \ud800"}`,
      }),
      400,
    );
    expect(named.errors).toEqual([expect.objectContaining({ field: '/name' })]);
    const uris = await problemOf(
      await request.post('/sandbox/apps', {
        headers: { 'Content-Type': 'application/json' },
        data: String.raw`{"redirect_uris":["https://ok.example/cb","https://x.example/\ud800"]}`,
      }),
      400,
    );
    expect(uris.errors).toEqual([expect.objectContaining({ field: '/redirect_uris/1' })]);
    const tenant = await createApp(request);
    const verified = await problemOf(
      await request.post('/sandbox/v1/webhooks/verify', {
        headers: auth(tenant, { 'Content-Type': 'application/json' }),
        data: String.raw`{"payload":"{}\ud800","headers":{"webhook-id":"msg_1","webhook-timestamp":"1","webhook-signature":"v1,AAAA"}}`,
      }),
      400,
    );
    expect(verified.errors).toEqual([expect.objectContaining({ field: '/payload' })]);
  });
});

test.describe('POST /v1/webhooks/verify', () => {
  /** A Standard Webhooks signature of `<id>.<timestamp>.<payload>` with a `whsec_` secret. */
  function sign(secret: string, id: string, timestamp: string, payload: string): string {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64')}`;
  }

  test('webhook-timestamp must be decimal digits and webhook-id non-empty (400 with a field error)', async ({
    request,
  }) => {
    const app = await createApp(request);
    const emit = await request.post('/sandbox/webhooks/emit', {
      headers: auth(app, { 'Content-Type': 'application/json' }),
      data: { event: 'member.invited' },
    });
    expect(emit.status()).toBe(200);
    const delivery = (await emit.json()) as { payload: string; headers: Record<string, string> };
    const verify = (headers: Record<string, string>) =>
      request.post('/sandbox/v1/webhooks/verify', {
        headers: auth(app, { 'Content-Type': 'application/json' }),
        data: { payload: delivery.payload, headers: { ...delivery.headers, ...headers } },
      });
    expect((await verify({})).status()).toBe(200);
    const seconds = Number(delivery.headers['webhook-timestamp']);
    for (const timestamp of [
      `0x${seconds.toString(16)}`,
      (seconds / 1e9).toString() + 'e9',
      `+${seconds}`,
      ` ${seconds}`,
      `${seconds} `,
      `${seconds}.0`,
      '',
    ]) {
      // Each is signed exactly as sent, so only the timestamp's syntax can fail.
      const signature = sign(app.webhook_secret, delivery.headers['webhook-id']!, timestamp, delivery.payload);
      const refused = await problemOf(
        await verify({ 'webhook-timestamp': timestamp, 'webhook-signature': signature }),
        400,
      );
      expect(
        refused.errors?.map((error) => error.field),
        JSON.stringify(timestamp),
      ).toEqual(['/headers/webhook-timestamp']);
      expect(refused.detail, timestamp).toMatch(/digits/);
      expect(refused.detail, timestamp).not.toMatch(/must match pattern/);
    }
    const timestamp = delivery.headers['webhook-timestamp']!;
    const emptyId = await problemOf(
      await verify({
        'webhook-id': '',
        'webhook-signature': sign(app.webhook_secret, '', timestamp, delivery.payload),
      }),
      400,
    );
    expect(emptyId.errors?.map((error) => error.field)).toEqual(['/headers/webhook-id']);
    expect(emptyId.detail).toMatch(/webhook-id/);
  });
});

test.describe('idempotency record cap', () => {
  test.setTimeout(180_000);

  test('a new key beyond 1,000 records of a tenant gets 429 naming the cap, with Retry-After until the oldest expires; replays still work', async ({
    request,
  }) => {
    const app = await createApp(request);
    const raised = await request.put('/sandbox/rate-limit', {
      headers: auth(app, { 'Content-Type': 'application/json' }),
      data: { limit: 6000, window_seconds: 60 },
    });
    expect(raised.status()).toBe(200);
    const cap = 1000;
    const started = Date.now();
    for (let batch = 0; batch < cap; batch += 20) {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          createProject(request, app, `{"name":"cap-${batch + i}"}`, { 'Idempotency-Key': `"cap-${batch + i}"` }).then(
            (r) => r.status(),
          ),
        ),
      );
      expect(
        statuses.every((status) => status === 201),
        `batch ${batch}: ${statuses.join(',')}`,
      ).toBe(true);
    }
    const before = await projectCount(request, app);
    const refused = await createProject(request, app, '{"name":"one-too-many"}', { 'Idempotency-Key': '"cap-new"' });
    const body = await problemOf(refused, 429);
    expect(body.detail).toContain('1000 idempotency records');
    const retryAfter = Number(refused.headers()['retry-after']);
    const elapsed = Math.ceil((Date.now() - started) / 1000);
    expect(retryAfter).toBeGreaterThanOrEqual(86_400 - elapsed - 1);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await projectCount(request, app)).toBe(before);
    // The refused key was not stored: it is refused again, not replayed.
    expect(
      (await createProject(request, app, '{"name":"one-too-many"}', { 'Idempotency-Key': '"cap-new"' })).status(),
    ).toBe(429);
    const replay = await createProject(request, app, '{"name":"cap-0"}', { 'Idempotency-Key': '"cap-0"' });
    expect(replay.status()).toBe(201);
    expect(replay.headers()['idempotent-replayed']).toBe('true');
    // Without a key, creation is not limited by the idempotency cap.
    expect((await createProject(request, app, '{"name":"no-key"}')).status()).toBe(201);
  });
});
