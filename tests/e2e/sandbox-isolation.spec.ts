import { createHash, randomBytes } from 'node:crypto';

// API-only: the plain Playwright test (no page, so no browser is started).
import { expect, test, type APIRequestContext } from '@playwright/test';

import { listOperations } from '../../lib/openapi';
import { sandboxOnlyRoutes } from '../../lib/sandbox/router';

/**
 * Tenant isolation, scopes and caps of the sandbox mounted in `next start`, over HTTP as an outside client sends
 * them: two tenants A and B, every credential of B against every route of the document and every sandbox-only route.
 */

interface App {
  tenant_id: string;
  client_id: string;
  client_secret: string;
  personal_access_token: string;
  webhook_secret: string;
}

const CONSOLE = 'aethex-console';

// Requests without tenant credentials (app creation, the consent form) share a rate-limit window per client address;
// an address of this file's own (per worker) keeps them out of the other specs' window at 127.0.0.1.
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${1 + Math.floor(Math.random() * 250)}` } });

async function newApp(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<App> {
  const response = await request.post('/sandbox/apps', { data: body });
  expect(response.status()).toBe(201);
  return (await response.json()) as App;
}

const basic = (app: Pick<App, 'client_id' | 'client_secret'>) =>
  `Basic ${Buffer.from(`${encodeURIComponent(app.client_id)}:${encodeURIComponent(app.client_secret)}`).toString('base64')}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function clientCredentials(request: APIRequestContext, app: App, scope?: string) {
  return request.post('/sandbox/v1/auth/token', {
    headers: { Authorization: basic(app) },
    form: { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
  });
}

async function ccToken(request: APIRequestContext, app: App, scope?: string): Promise<string> {
  const response = await clientCredentials(request, app, scope);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function loginTicket(request: APIRequestContext, app: App, challenge: string) {
  return request.post('/sandbox/oauth/login-ticket', {
    headers: bearer(app.personal_access_token),
    data: { code_challenge: challenge },
  });
}

/** Posts the consent decision (Allow) as the consent form does, with whatever proof `extra` carries. */
async function allow(request: APIRequestContext, params: Record<string, string>, extra: Record<string, string> = {}) {
  return request.post('/sandbox/oauth/authorize', {
    form: { response_type: 'code', code_challenge_method: 'S256', state: 's', ...params, ...extra, decision: 'allow' },
    maxRedirects: 0,
  });
}

const codeOf = (location: string | undefined) => (location ? new URL(location).searchParams.get('code') : null);

/** The console's authorization code flow for `app`: a login ticket from its PAT, Allow, then the PKCE exchange. */
async function consoleTokens(request: APIRequestContext, baseURL: string, app: App, scope: string) {
  const { verifier, challenge } = pkce();
  const ticket = ((await (await loginTicket(request, app, challenge)).json()) as { login_ticket: string }).login_ticket;
  const redirect = `${baseURL}/console/callback`;
  const decision = await allow(request, {
    client_id: CONSOLE,
    redirect_uri: redirect,
    scope,
    code_challenge: challenge,
    login_ticket: ticket,
  });
  expect(decision.status()).toBe(303);
  const code = codeOf(decision.headers().location);
  expect(code).toMatch(/^ac_/);
  const exchange = await request.post('/sandbox/v1/auth/token', {
    form: {
      grant_type: 'authorization_code',
      client_id: CONSOLE,
      code: code!,
      redirect_uri: redirect,
      code_verifier: verifier,
    },
  });
  expect(exchange.status()).toBe(200);
  return (await exchange.json()) as { access_token: string; refresh_token: string; scope: string };
}

async function total(request: APIRequestContext, token: string): Promise<number> {
  const response = await request.get('/sandbox/v1/projects?limit=1', { headers: bearer(token) });
  expect(response.status()).toBe(200);
  return Number(response.headers()['x-total-count']);
}

test.describe('sandbox tenant isolation (mounted, over HTTP)', () => {
  test('1. a tenant ID proves nothing: login_hint + Allow issues no code; a login ticket or the PAT does, once, for its own tenant only', async ({
    request,
    baseURL,
  }) => {
    const a = await newApp(request, { name: 'Tenant A' });
    const b = await newApp(request, { name: 'Tenant B' });
    const redirect = `${baseURL}/console/callback`;
    const { challenge } = pkce();
    const params = { client_id: CONSOLE, redirect_uri: redirect, scope: 'projects:read', code_challenge: challenge };
    // The attack: anyone who knows A's tenant ID names it and clicks Allow.
    const page = await request.get(
      `/sandbox/oauth/authorize?${new URLSearchParams({ ...params, response_type: 'code', code_challenge_method: 'S256', login_hint: a.tenant_id })}`,
    );
    expect(page.status()).toBe(200);
    expect(await page.text()).not.toContain(a.tenant_id);
    const named = await allow(request, params, { login_hint: a.tenant_id });
    expect(named.status()).toBe(400);
    expect(codeOf(named.headers().location)).toBeNull();
    // B's own PAT does not unlock A's client, and a made-up ticket proves nothing.
    const foreign = await allow(
      request,
      { ...params, client_id: a.client_id, redirect_uri: 'http://127.0.0.1:8123/cb' },
      { personal_access_token: b.personal_access_token },
    );
    expect(foreign.status()).toBe(400);
    expect((await allow(request, params, { login_ticket: 'lt_forged' })).status()).toBe(400);
    // A ticket from A's own credential works, only with its challenge, only once.
    const issued = await loginTicket(request, a, challenge);
    expect(issued.status()).toBe(201);
    expect(issued.headers()['cache-control']).toBe('no-store');
    const { login_ticket: ticket } = (await issued.json()) as { login_ticket: string };
    expect(
      (await allow(request, { ...params, code_challenge: pkce().challenge }, { login_ticket: ticket })).status(),
    ).toBe(400);
    const granted = await allow(request, params, { login_ticket: ticket });
    expect(granted.status()).toBe(303);
    expect(codeOf(granted.headers().location)).toMatch(/^ac_/);
    expect((await allow(request, params, { login_ticket: ticket })).status()).toBe(400);
    // Access tokens cannot mint tickets (only the tenant's PAT or client credentials can).
    const token = await ccToken(request, a);
    expect(
      (
        await request.post('/sandbox/oauth/login-ticket', {
          headers: bearer(token),
          data: { code_challenge: challenge },
        })
      ).status(),
    ).toBe(401);
    expect(
      (
        await request.post('/sandbox/oauth/login-ticket', {
          headers: { Authorization: basic(a) },
          data: { code_challenge: challenge },
        })
      ).status(),
    ).toBe(201);
  });

  test("2. idempotency keys are scoped by tenant: B replaying A's key through the shared console client learns nothing", async ({
    request,
    baseURL,
  }) => {
    const a = await newApp(request);
    const b = await newApp(request);
    const tokenA = (await consoleTokens(request, baseURL!, a, 'projects:read projects:write')).access_token;
    const tokenB = (await consoleTokens(request, baseURL!, b, 'projects:read projects:write')).access_token;
    const key = `"isolation-${randomBytes(6).toString('hex')}"`;
    const create = (token: string, name: string) =>
      request.post('/sandbox/v1/projects', { headers: { ...bearer(token), 'Idempotency-Key': key }, data: { name } });
    const first = await create(tokenA, 'alpha');
    expect(first.status()).toBe(201);
    const idA = ((await first.json()) as { id: string }).id;
    const same = await create(tokenB, 'alpha');
    expect(same.status()).toBe(201);
    expect(same.headers()['idempotent-replayed']).toBeUndefined();
    expect(((await same.json()) as { id: string }).id).not.toBe(idA);
    const other = await create(tokenB, 'beta');
    expect(other.status()).toBe(422);
    // …a 422 for B's own earlier use of the key, exactly as if A did not exist; A still replays its own.
    const replayA = await create(tokenA, 'alpha');
    expect(replayA.headers()['idempotent-replayed']).toBe('true');
    expect(((await replayA.json()) as { id: string }).id).toBe(idA);
  });

  test("3. scopes: the code flow grants at most the tenant's scopes; sandbox-only controls require sandbox:manage", async ({
    request,
    baseURL,
  }) => {
    const limited = await newApp(request, { scopes: ['projects:read'] });
    const tokens = await consoleTokens(request, baseURL!, limited, 'projects:read projects:write');
    expect(tokens.scope).toBe('projects:read');
    expect(
      (
        await request.post('/sandbox/v1/projects', { headers: bearer(tokens.access_token), data: { name: 'x' } })
      ).status(),
    ).toBe(403);
    const app = await newApp(request);
    const readOnly = await ccToken(request, app, 'projects:read');
    const manage = await ccToken(request, app, 'sandbox:manage');
    const controls: [string, string, unknown][] = [
      ['PUT', '/sandbox/maintenance', { enabled: true }],
      ['PUT', '/sandbox/rate-limit', { limit: 500, window_seconds: 60 }],
      ['POST', '/sandbox/webhooks/emit', { event: 'member.invited' }],
    ];
    for (const [method, path, data] of controls) {
      const denied = await request.fetch(path, { method, headers: bearer(readOnly), data });
      expect(denied.status(), path).toBe(403);
      expect(denied.headers()['www-authenticate']).toContain('scope="sandbox:manage"');
    }
    for (const [method, path, data] of [...controls].reverse())
      expect((await request.fetch(path, { method, headers: bearer(manage), data })).status(), path).toBe(200);
    expect(
      (await request.put('/sandbox/maintenance', { headers: bearer(manage), data: { enabled: false } })).status(),
    ).toBe(200);
  });

  test("4. the metadata issuer ignores a caller's forwarding headers and is not publicly cacheable when taken from Host", async ({
    request,
    baseURL,
  }) => {
    const response = await request.get('/sandbox/.well-known/oauth-authorization-server', {
      headers: { 'X-Forwarded-Host': 'attacker.example', 'X-Forwarded-Proto': 'https' },
    });
    const metadata = (await response.json()) as { issuer: string; scopes_supported: string[] };
    expect(metadata.issuer).toBe(`${baseURL}/sandbox`);
    expect(response.headers()['cache-control']).not.toContain('public');
    expect(metadata.scopes_supported).toContain('sandbox:manage');
    const projects = await request.get('/sandbox/v1/projects?limit=10', {
      headers: { ...bearer((await newApp(request)).personal_access_token), 'X-Forwarded-Host': 'attacker.example' },
    });
    expect(projects.headers().link).not.toContain('attacker.example');
  });

  test("5. caps: a tenant's own rate limit, live access tokens, login tickets and webhook deliveries; each 429/400 stores nothing", async ({
    request,
  }) => {
    test.setTimeout(120_000);
    const app = await newApp(request);
    const pat = bearer(app.personal_access_token);
    const tooFast = await request.put('/sandbox/rate-limit', {
      headers: pat,
      data: { limit: 1_000_000, window_seconds: 1 },
    });
    expect(tooFast.status()).toBe(400);
    expect(((await tooFast.json()) as { detail: string }).detail).toContain('100 requests per second');
    expect(
      (await request.put('/sandbox/rate-limit', { headers: pat, data: { limit: 6000, window_seconds: 60 } })).status(),
    ).toBe(200);
    const inBatches = async (count: number, send: () => Promise<number>) => {
      const statuses: number[] = [];
      for (let done = 0; done < count; done += 25)
        statuses.push(...(await Promise.all(Array.from({ length: Math.min(25, count - done) }, send))));
      return statuses;
    };
    expect(new Set(await inBatches(1000, async () => (await clientCredentials(request, app)).status()))).toEqual(
      new Set([200]),
    );
    const capped = await clientCredentials(request, app);
    expect(capped.status()).toBe(429);
    expect(capped.headers()['content-type']).toBe('application/problem+json');
    expect(Number(capped.headers()['retry-after'])).toBeGreaterThan(3000);
    expect(((await capped.json()) as { detail: string }).detail).toContain('1000 live access tokens');
    const { challenge } = pkce();
    expect(new Set(await inBatches(20, async () => (await loginTicket(request, app, challenge)).status()))).toEqual(
      new Set([201]),
    );
    expect((await loginTicket(request, app, challenge)).status()).toBe(429);
    expect(
      new Set(
        await inBatches(1000, async () =>
          (await request.post('/sandbox/webhooks/emit', { headers: pat, data: { event: 'member.invited' } })).status(),
        ),
      ),
    ).toEqual(new Set([200]));
    const emitted = await request.post('/sandbox/webhooks/emit', { headers: pat, data: { event: 'member.invited' } });
    expect(emitted.status()).toBe(429);
    expect(((await emitted.json()) as { detail: string }).detail).toContain('1000 webhook deliveries');
  });

  test('7. a code presented by another client is refused without being used: the rightful exchange still succeeds', async ({
    request,
  }) => {
    const a = await newApp(request);
    const b = await newApp(request);
    const { verifier, challenge } = pkce();
    const redirect = 'http://127.0.0.1:8123/cb';
    const code = codeOf(
      (
        await allow(
          request,
          { client_id: a.client_id, redirect_uri: redirect, code_challenge: challenge, scope: 'projects:read' },
          { personal_access_token: a.personal_access_token },
        )
      ).headers().location,
    )!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier };
    const stolen = await request.post('/sandbox/v1/auth/token', { headers: { Authorization: basic(b) }, form });
    expect(stolen.status()).toBe(400);
    expect(((await stolen.json()) as { error: string }).error).toBe('invalid_grant');
    const wrongVerifier = await request.post('/sandbox/v1/auth/token', {
      headers: { Authorization: basic(a) },
      form: { ...form, code_verifier: pkce().verifier },
    });
    expect(wrongVerifier.status()).toBe(400);
    const rightful = await request.post('/sandbox/v1/auth/token', { headers: { Authorization: basic(a) }, form });
    expect(rightful.status()).toBe(200);
    // 9. Refreshing with a scope never granted is invalid_scope (RFC 6749 §5.2), and the refresh token stays usable.
    const { refresh_token: refresh } = (await rightful.json()) as { refresh_token: string };
    const widened = await request.post('/sandbox/v1/auth/token', {
      headers: { Authorization: basic(a) },
      form: { grant_type: 'refresh_token', refresh_token: refresh, scope: 'projects:write' },
    });
    expect(((await widened.json()) as { error: string }).error).toBe('invalid_scope');
    expect(
      (
        await request.post('/sandbox/v1/auth/token', {
          headers: { Authorization: basic(a) },
          form: { grant_type: 'refresh_token', refresh_token: refresh },
        })
      ).status(),
    ).toBe(200);
  });

  test('every credential of B against every document operation and sandbox-only route leaves A unread, unchanged and uncounted', async ({
    request,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const a = await newApp(request, { name: 'A' });
    const b = await newApp(request, { name: 'B' });
    const tokenA = await ccToken(request, a);
    const created = await request.post('/sandbox/v1/projects', {
      headers: bearer(tokenA),
      data: { name: 'only-in-a' },
    });
    const projectA = ((await created.json()) as { id: string }).id;
    const emittedA = (await (
      await request.post('/sandbox/webhooks/emit', { headers: bearer(tokenA), data: { event: 'member.invited' } })
    ).json()) as { payload: string; headers: Record<string, string>; webhook_id: string; deliveries: { id: string }[] };
    const deliveryA = emittedA.deliveries[0]!.id;
    // A disabled endpoint of A: nothing is sent, but every route that takes an endpoint ID can aim at it.
    const endpointA = (await (
      await request.post('/sandbox/webhooks/endpoints', {
        headers: bearer(tokenA),
        data: { url: 'https://receiver.invalid/a', enabled: false },
      })
    ).json()) as { id: string; secret: string };
    const endpointOfA = async () =>
      (await (
        await request.get(`/sandbox/webhooks/endpoints/${endpointA.id}`, { headers: bearer(tokenA) })
      ).json()) as { url: string; secret: string; enabled: boolean };
    const { verifier, challenge } = pkce();
    const redirect = 'http://127.0.0.1:8123/cb';
    const codeA = codeOf(
      (
        await allow(
          request,
          { client_id: a.client_id, redirect_uri: redirect, code_challenge: challenge, scope: 'projects:read' },
          { personal_access_token: a.personal_access_token },
        )
      ).headers().location,
    )!;
    const refreshA = (
      (await (
        await request.post('/sandbox/v1/auth/token', {
          headers: { Authorization: basic(a) },
          form: { grant_type: 'authorization_code', code: codeA, redirect_uri: redirect, code_verifier: verifier },
        })
      ).json()) as { refresh_token: string }
    ).refresh_token;
    const totalA = await total(request, tokenA);
    const credentialsB = {
      pat: b.personal_access_token,
      clientCredentials: await ccToken(request, b),
      console: (
        await consoleTokens(
          request,
          baseURL!,
          b,
          'projects:read projects:write metrics:read webhooks:read sandbox:manage',
        )
      ).access_token,
    };
    const checks: Record<string, (token: string) => Promise<void>> = {
      listProjects: async (token) => {
        for (const environment of ['production', 'staging', 'development']) {
          const page = await request.get('/sandbox/v1/projects?limit=100', {
            headers: { ...bearer(token), 'AeThex-Environment': environment },
          });
          expect(JSON.stringify(await page.json())).not.toContain(projectA);
        }
      },
      createProject: async (token) => {
        expect(
          (await request.post('/sandbox/v1/projects', { headers: bearer(token), data: { name: 'b-side' } })).status(),
        ).toBe(201);
      },
      getProjectMetrics: async (token) => {
        expect(
          (await request.get(`/sandbox/v1/projects/${projectA}/metrics`, { headers: bearer(token) })).status(),
        ).toBe(404);
      },
      verifyWebhook: async (token) => {
        const verified = await request.post('/sandbox/v1/webhooks/verify', { headers: bearer(token), data: emittedA });
        expect(verified.status()).toBe(400);
      },
      createToken: async () => {
        const asA = await request.post('/sandbox/v1/auth/token', {
          headers: { Authorization: basic({ client_id: a.client_id, client_secret: b.client_secret }) },
          form: { grant_type: 'client_credentials' },
        });
        expect(asA.status()).toBe(401);
        const refreshed = await request.post('/sandbox/v1/auth/token', {
          headers: { Authorization: basic(b) },
          form: { grant_type: 'refresh_token', refresh_token: refreshA },
        });
        expect(refreshed.status()).toBe(400);
      },
    };
    expect(Object.keys(checks).sort()).toEqual(
      listOperations()
        .map((operation) => operation.operationId)
        .sort(),
    );
    const sandboxChecks: Record<string, (token: string) => Promise<void>> = {
      'sandbox.setMaintenance': async (token) => {
        expect(
          (
            await request.put('/sandbox/maintenance', {
              headers: bearer(token),
              data: { enabled: true, retry_after: 60 },
            })
          ).status(),
        ).toBe(200);
        expect((await request.get('/sandbox/v1/projects?limit=1', { headers: bearer(tokenA) })).status()).toBe(200);
        expect(
          (await request.put('/sandbox/maintenance', { headers: bearer(token), data: { enabled: false } })).status(),
        ).toBe(200);
      },
      'sandbox.setRateLimit': async (token) => {
        expect(
          (
            await request.put('/sandbox/rate-limit', {
              headers: bearer(token),
              data: { limit: 5000, window_seconds: 60 },
            })
          ).status(),
        ).toBe(200);
        expect(
          (await request.get('/sandbox/v1/projects?limit=1', { headers: bearer(tokenA) })).headers()[
            'x-ratelimit-limit'
          ],
        ).toBe('100');
      },
      'sandbox.emitWebhook': async (token) => {
        const delivery = (await (
          await request.post('/sandbox/webhooks/emit', { headers: bearer(token), data: { event: 'member.invited' } })
        ).json()) as { payload: string; headers: Record<string, string> };
        expect(
          (await request.post('/sandbox/v1/webhooks/verify', { headers: bearer(tokenA), data: delivery })).status(),
        ).toBe(400);
      },
      'sandbox.requestLog': async (token) => {
        const sentByA = await request.get('/sandbox/v1/projects?limit=1', { headers: bearer(tokenA) });
        const id = sentByA.headers()['x-request-id']!;
        expect((await request.get(`/sandbox/requests/${id}`, { headers: bearer(tokenA) })).status()).toBe(200);
        // Another tenant's ID is as unknown as one never sent (never 403).
        expect((await request.get(`/sandbox/requests/${id}`, { headers: bearer(token) })).status()).toBe(404);
      },
      'sandbox.loginTicket': async () => {
        const ticket = ((await (await loginTicket(request, b, challenge)).json()) as { login_ticket: string })
          .login_ticket;
        const decision = await allow(
          request,
          { client_id: a.client_id, redirect_uri: redirect, code_challenge: challenge, scope: 'projects:read' },
          { login_ticket: ticket },
        );
        expect(decision.status()).toBe(400);
      },
      'sandbox.authorize': async () => {
        const page = await request.get(
          `/sandbox/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: CONSOLE, redirect_uri: `${baseURL}/console/callback`, code_challenge: challenge, code_challenge_method: 'S256', login_hint: a.tenant_id })}`,
        );
        expect(await page.text()).not.toContain(a.tenant_id);
      },
      'sandbox.authorizeDecision': async () => {
        const decision = await allow(
          request,
          { client_id: a.client_id, redirect_uri: redirect, code_challenge: challenge, scope: 'projects:read' },
          { personal_access_token: b.personal_access_token },
        );
        expect(decision.status()).toBe(400);
      },
      'sandbox.createWebhookEndpoint': async (token) => {
        const made = await request.post('/sandbox/webhooks/endpoints', {
          headers: bearer(token),
          data: { url: 'https://receiver.invalid/b', enabled: false },
        });
        expect(made.status()).toBe(201);
        const ofA = (await (await request.get('/sandbox/webhooks/endpoints', { headers: bearer(tokenA) })).json()) as {
          data: { id: string }[];
        };
        expect(ofA.data.map((endpoint) => endpoint.id)).toEqual([endpointA.id]);
      },
      'sandbox.listWebhookEndpoints': async (token) => {
        const list = await request.get('/sandbox/webhooks/endpoints', { headers: bearer(token) });
        expect(list.status()).toBe(200);
        expect(await list.text()).not.toContain(endpointA.id);
      },
      'sandbox.getWebhookEndpoint': async (token) => {
        const got = await request.get(`/sandbox/webhooks/endpoints/${endpointA.id}`, { headers: bearer(token) });
        expect(got.status()).toBe(404);
        expect(await got.text()).not.toContain(endpointA.secret);
      },
      'sandbox.updateWebhookEndpoint': async (token) => {
        const patched = await request.patch(`/sandbox/webhooks/endpoints/${endpointA.id}`, {
          headers: bearer(token),
          data: { url: 'https://receiver.invalid/taken', enabled: true },
        });
        expect(patched.status()).toBe(404);
      },
      'sandbox.deleteWebhookEndpoint': async (token) => {
        const deleted = await request.delete(`/sandbox/webhooks/endpoints/${endpointA.id}`, { headers: bearer(token) });
        expect(deleted.status()).toBe(404);
      },
      'sandbox.rotateWebhookSecret': async (token) => {
        const rotated = await request.post(`/sandbox/webhooks/endpoints/${endpointA.id}/rotate-secret`, {
          headers: bearer(token),
        });
        expect(rotated.status()).toBe(404);
      },
      'sandbox.listWebhookMessages': async (token) => {
        const messages = await request.get('/sandbox/webhooks/messages?limit=100', { headers: bearer(token) });
        expect(messages.status()).toBe(200);
        expect(await messages.text()).not.toContain(emittedA.webhook_id);
      },
      'sandbox.getWebhookDelivery': async (token) => {
        const got = await request.get(`/sandbox/webhooks/deliveries/${deliveryA}`, { headers: bearer(token) });
        expect(got.status()).toBe(404);
      },
      'sandbox.replayWebhookDelivery': async (token) => {
        const replayed = await request.post(`/sandbox/webhooks/deliveries/${deliveryA}/replay`, {
          headers: bearer(token),
        });
        expect(replayed.status()).toBe(404);
      },
      'sandbox.reportWebhookAttempt': async (token) => {
        const reported = await request.post(`/sandbox/webhooks/deliveries/${deliveryA}/attempts`, {
          headers: bearer(token),
          data: { status: 204, duration_ms: 1 },
        });
        expect(reported.status()).toBe(404);
      },
      'sandbox.webhookInbox': async (token) => {
        // B's stream is open while A triggers an event: nothing of A may arrive on it.
        const stream = await fetch(`${baseURL}/sandbox/webhooks/inbox`, {
          headers: bearer(token),
          signal: AbortSignal.timeout(2_000),
        });
        expect(stream.status).toBe(200);
        const emitted = (await (
          await request.post('/sandbox/webhooks/emit', { headers: bearer(tokenA), data: { event: 'incident.opened' } })
        ).json()) as { webhook_id: string };
        let text = '';
        try {
          const reader = stream.body!.getReader();
          for (let read = await reader.read(); !read.done; read = await reader.read())
            text += Buffer.from(read.value).toString('utf8');
        } catch {
          // Aborted after 2 s: what arrived until then is in `text`.
        }
        expect(text).toContain('event: ready');
        expect(text).not.toContain(emitted.webhook_id);
        expect(text).not.toContain(a.tenant_id);
      },
      // Tenant-free routes: nothing of A to reach.
      'sandbox.createApp': async () => undefined,
      'sandbox.metadata': async () => undefined,
    };
    expect(Object.keys(sandboxChecks).sort()).toEqual(
      sandboxOnlyRoutes()
        .map((route) => route.key)
        .sort(),
    );
    await request.put('/sandbox/rate-limit', {
      headers: bearer(b.personal_access_token),
      data: { limit: 6000, window_seconds: 60 },
    });
    for (const [kind, token] of Object.entries(credentialsB)) {
      for (const [name, check] of Object.entries({ ...checks, ...sandboxChecks }))
        await test.step(`${kind}: ${name}`, () => check(token));
    }
    expect(await total(request, tokenA)).toBe(totalA);
    // A's endpoint and delivery are as A left them.
    expect(await endpointOfA()).toMatchObject({
      url: 'https://receiver.invalid/a',
      secret: endpointA.secret,
      enabled: false,
    });
    const deliveryOfA = (await (
      await request.get(`/sandbox/webhooks/deliveries/${deliveryA}`, { headers: bearer(tokenA) })
    ).json()) as { attempts: unknown[] };
    expect(deliveryOfA.attempts).toEqual([]);
    expect((await request.get(`/sandbox/v1/projects/${projectA}/metrics`, { headers: bearer(tokenA) })).status()).toBe(
      200,
    );
  });
});
