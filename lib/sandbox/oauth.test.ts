import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import { listScopes } from '@/lib/openapi';

import type { Sandbox } from './handler';
import {
  basic,
  createTestApp,
  FORM_TYPE,
  ORIGIN,
  postConsent,
  sandboxFactory,
  sandboxFetch,
  send,
  type App,
} from './test-helpers';

const REDIRECT = 'http://127.0.0.1:8123/callback';
const setup = sandboxFactory();

function options(sandbox: Sandbox) {
  return { [oauth.customFetch]: sandboxFetch(sandbox), [oauth.allowInsecureRequests]: true } as const;
}

async function discover(sandbox: Sandbox): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(`${ORIGIN}/sandbox`);
  return oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...options(sandbox) }),
  );
}

async function tokenRequest(
  sandbox: Sandbox,
  body: string,
  headers: Record<string, string> = {},
  query = '',
): Promise<Response> {
  return send(sandbox, `/v1/auth/token${query}`, { method: 'POST', headers: { ...FORM_TYPE, ...headers }, body });
}

/**
 * Runs the consent screen like a browser: GET the page, POST its form with the chosen button and, when given, the
 * personal access token typed into the sign-in field (the proof of the tenant when no login ticket is sent).
 */
async function consent(
  sandbox: Sandbox,
  params: Record<string, string>,
  decision: 'allow' | 'deny' = 'allow',
  pat?: string,
): Promise<{ page: string; location: URL }> {
  const page = await send(sandbox, `/oauth/authorize?${new URLSearchParams(params)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
    m[1]!,
    m[2]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"'),
  ]);
  const post = await send(sandbox, '/oauth/authorize', {
    method: 'POST',
    headers: FORM_TYPE,
    body: new URLSearchParams([
      ...hidden,
      ['decision', decision],
      ...(pat ? [['personal_access_token', pat]] : []),
    ]).toString(),
    redirect: 'manual',
  });
  expect(post.status).toBe(303);
  return { page: html, location: new URL(post.headers.get('location')!) };
}

/** Allows the consent screen for the app's own client with a challenge of `verifier`: the page and the callback. */
async function allowCode(sandbox: Sandbox, app: App, verifier: string, state: string, scope?: string) {
  return consent(
    sandbox,
    {
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT,
      ...(scope ? { scope } : {}),
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    },
    'allow',
    app.personal_access_token,
  );
}

/** Exchanges a code at the token endpoint as the app's confidential client (HTTP Basic). */
function exchangeCode(
  sandbox: Sandbox,
  as: oauth.AuthorizationServer,
  app: App,
  params: URLSearchParams,
  verifier: string,
): Promise<Response> {
  return oauth.authorizationCodeGrantRequest(
    as,
    { client_id: app.client_id },
    oauth.ClientSecretBasic(app.client_secret),
    params,
    REDIRECT,
    verifier,
    options(sandbox),
  );
}

async function authorizationCodeFlow(sandbox: Sandbox, app: App, scope = 'projects:read metrics:read') {
  const as = await discover(sandbox);
  const client: oauth.Client = { client_id: app.client_id };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const { page, location } = await allowCode(sandbox, app, verifier, state, scope);
  const params = oauth.validateAuthResponse(as, client, location, state);
  const response = await exchangeCode(sandbox, as, app, params, verifier);
  return {
    as,
    client,
    page,
    location,
    params,
    verifier,
    tokens: await oauth.processAuthorizationCodeResponse(as, client, response),
  };
}

describe('A. token endpoint', () => {
  it('1. client credentials with Basic (form-urlencoded id/secret) → Bearer token, no refresh token, no-store', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const as = await discover(sandbox);
    const client = { client_id: app.client_id };
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(app.client_secret),
      { scope: 'projects:read' },
      options(sandbox),
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = await oauth.processClientCredentialsResponse(as, client, response);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.access_token).toMatch(/^atx_/);
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe('projects:read');
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('1. decodes Basic credentials that were form-urlencoded before base64', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    // Percent-encoding an unreserved-only secret must decode to the same secret (RFC 6749 §2.3.1).
    const encoded = `Basic ${Buffer.from(`${app.client_id}:${app.client_secret.replace('_', '%5F')}`).toString('base64')}`;
    const response = await tokenRequest(sandbox, 'grant_type=client_credentials', { Authorization: encoded });
    expect(response.status).toBe(200);
  });

  it('2. a narrower grant lists only the granted scopes', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox, { scopes: ['projects:read', 'metrics:read'] });
    const response = await tokenRequest(
      sandbox,
      'grant_type=client_credentials&scope=projects%3Aread+deployments%3Awrite',
      { Authorization: basic(app.client_id, app.client_secret) },
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { scope: string }).scope).toBe('projects:read');
  });

  it('3. wrong or missing client authentication → 401 invalid_client; Basic challenge only without Origin', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const wrong = await tokenRequest(sandbox, 'grant_type=client_credentials', {
      Authorization: basic(app.client_id, 'cs_wrong'),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="aethex"');
    const fromPage = await tokenRequest(sandbox, 'grant_type=client_credentials', {
      Authorization: basic(app.client_id, 'cs_wrong'),
      Origin: 'http://localhost:3000',
    });
    expect(fromPage.status).toBe(401);
    expect(fromPage.headers.get('www-authenticate')).toBeNull();
    const missing = await tokenRequest(sandbox, 'grant_type=client_credentials');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBeNull();
    const unknown = await tokenRequest(sandbox, 'grant_type=client_credentials', {
      Authorization: basic('cli_nope', 'x'),
    });
    expect(((await unknown.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('4. unsupported grants, missing/duplicated parameters, unknown scopes, secrets in the query', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const auth = { Authorization: basic(app.client_id, app.client_secret) };
    const error = async (response: Response) => ((await response.json()) as { error: string }).error;
    for (const grant of ['password', 'implicit']) {
      const response = await tokenRequest(sandbox, `grant_type=${grant}&username=a&password=b`, auth);
      expect(response.status).toBe(400);
      expect(await error(response)).toBe('unsupported_grant_type');
    }
    expect(await error(await tokenRequest(sandbox, 'scope=projects%3Aread', auth))).toBe('invalid_request');
    expect(
      await error(await tokenRequest(sandbox, 'grant_type=client_credentials&grant_type=client_credentials', auth)),
    ).toBe('invalid_request');
    expect(
      await error(
        await tokenRequest(sandbox, 'grant_type=client_credentials&scope=projects%3Aread&scope=metrics%3Aread', auth),
      ),
    ).toBe('invalid_request');
    expect(
      await error(await tokenRequest(sandbox, 'grant_type=client_credentials&scope=projects%3Adelete', auth)),
    ).toBe('invalid_scope');
    const inQuery = await tokenRequest(
      sandbox,
      'grant_type=client_credentials',
      {},
      `?client_id=${app.client_id}&client_secret=${app.client_secret}`,
    );
    expect(inQuery.status).toBe(400);
    const text = await inQuery.text();
    expect(text).toContain('invalid_request');
    expect(text).not.toContain(app.client_secret);
    const json = await send(sandbox, '/v1/auth/token', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{"grant_type":"client_credentials"}',
    });
    expect(json.status).toBe(400);
  });

  it('5. authorization code + PKCE via the consent screen (oauth4webapi), then invalid_grant cases', async () => {
    let clock = Date.now();
    const sandbox = setup(() => clock);
    const app = await createTestApp(sandbox);
    const { as, client, params, verifier, tokens } = await authorizationCodeFlow(sandbox, app);
    expect(tokens.access_token).toMatch(/^atx_/);
    expect(tokens.refresh_token).toMatch(/^rtx_/);
    expect(tokens.scope).toBe('projects:read metrics:read');
    const list = await send(sandbox, '/v1/projects', { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(list.status).toBe(200);

    // Reusing the code fails and revokes what it issued.
    const reuse = await exchangeCode(sandbox, as, app, params, verifier);
    await expect(oauth.processAuthorizationCodeResponse(as, client, reuse)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(
      (await send(sandbox, '/v1/projects', { headers: { Authorization: `Bearer ${tokens.access_token}` } })).status,
    ).toBe(401);
    const refreshAfterReuse = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(app.client_secret),
      tokens.refresh_token!,
      options(sandbox),
    );
    await expect(oauth.processRefreshTokenResponse(as, client, refreshAfterReuse)).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // A fresh flow still works after the revocation.
    expect((await authorizationCodeFlow(sandbox, app)).tokens.access_token).toMatch(/^atx_/);

    // Wrong verifier.
    const third = await allowCode(sandbox, app, oauth.generateRandomCodeVerifier(), 's3');
    const wrong = await exchangeCode(
      sandbox,
      as,
      app,
      oauth.validateAuthResponse(as, client, third.location, 's3'),
      oauth.generateRandomCodeVerifier(),
    );
    await expect(oauth.processAuthorizationCodeResponse(as, client, wrong)).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // Expired code (10 minutes) with the injected clock.
    const v4 = oauth.generateRandomCodeVerifier();
    const fourth = await allowCode(sandbox, app, v4, 's4');
    clock += 601_000;
    const expired = await exchangeCode(
      sandbox,
      as,
      app,
      oauth.validateAuthResponse(as, client, fourth.location, 's4'),
      v4,
    );
    await expect(oauth.processAuthorizationCodeResponse(as, client, expired)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('6. refresh tokens rotate; reusing an old one → invalid_grant and revokes the grant', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const { as, client, tokens } = await authorizationCodeFlow(sandbox, app);
    const auth = oauth.ClientSecretBasic(app.client_secret);
    const first = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, options(sandbox)),
    );
    expect(first.refresh_token).toMatch(/^rtx_/);
    expect(first.refresh_token).not.toBe(tokens.refresh_token);
    const second = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token!, options(sandbox)),
    );
    expect(
      (await send(sandbox, '/v1/projects', { headers: { Authorization: `Bearer ${second.access_token}` } })).status,
    ).toBe(200);
    const replay = await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, options(sandbox));
    await expect(oauth.processRefreshTokenResponse(as, client, replay)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The whole grant is revoked: the newest tokens stop working too.
    expect(
      (await send(sandbox, '/v1/projects', { headers: { Authorization: `Bearer ${second.access_token}` } })).status,
    ).toBe(401);
    const latest = await oauth.refreshTokenGrantRequest(as, client, auth, second.refresh_token!, options(sandbox));
    await expect(oauth.processRefreshTokenResponse(as, client, latest)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('7. RFC 8414 metadata, discovered by oauth4webapi (algorithm oauth2) at both locations', async () => {
    const sandbox = setup();
    const as = await discover(sandbox);
    expect(as.issuer).toBe(`${ORIGIN}/sandbox`);
    expect(as.token_endpoint).toBe(`${ORIGIN}/sandbox/v1/auth/token`);
    expect(as.authorization_endpoint).toBe(`${ORIGIN}/sandbox/oauth/authorize`);
    expect(as.response_types_supported).toEqual(['code']);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token']),
    );
    expect(as.scopes_supported).toEqual([...listScopes().map((s) => s.name), 'sandbox:manage']);
    const direct = await send(sandbox, '/.well-known/oauth-authorization-server');
    expect(((await direct.json()) as { issuer: string }).issuer).toBe(`${ORIGIN}/sandbox`);
    // Forwarding headers of an untrusted caller are ignored, and an issuer taken from Host is not shared-cacheable.
    const forwarded = await send(sandbox, '/.well-known/oauth-authorization-server', {
      headers: { 'X-Forwarded-Host': 'portal.example.org', 'X-Forwarded-Proto': 'https' },
    });
    expect(((await forwarded.json()) as { issuer: string }).issuer).toBe(`${ORIGIN}/sandbox`);
    expect(forwarded.headers.get('cache-control')).toBe('private, max-age=300');
  });
});

describe('B. hosted consent screen', () => {
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('8. missing code_challenge, plain method or response_type=token → error redirect', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const base = { client_id: app.client_id, redirect_uri: REDIRECT, state: 'xyz' };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, response_type: 'code' }, 'invalid_request'],
      [
        { ...base, response_type: 'code', code_challenge: challenge, code_challenge_method: 'plain' },
        'invalid_request',
      ],
      [
        { ...base, response_type: 'token', code_challenge: challenge, code_challenge_method: 'S256' },
        'unsupported_response_type',
      ],
      [
        {
          ...base,
          response_type: 'code',
          code_challenge: challenge,
          code_challenge_method: 'S256',
          scope: 'projects:delete',
        },
        'invalid_scope',
      ],
    ];
    for (const [params, error] of cases) {
      const response = await send(sandbox, `/oauth/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('xyz');
      expect(location.searchParams.get('iss')).toBe(`${ORIGIN}/sandbox`);
    }
  });

  it('9. an unregistered redirect_uri or unknown client → error page, never a redirect', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox, { redirect_uris: ['https://app.example.org/callback'] });
    const params = { response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' };
    for (const query of [
      { ...params, client_id: app.client_id, redirect_uri: 'https://app.example.org/callback/evil' },
      { ...params, client_id: app.client_id, redirect_uri: 'https://evil.example.org/callback' },
      { ...params, client_id: app.client_id },
      { ...params, client_id: 'cli_unknown', redirect_uri: 'https://app.example.org/callback' },
      {
        ...params,
        client_id: 'aethex-console',
        redirect_uri: 'https://evil.example.org/console/callback',
        login_hint: app.tenant_id,
      },
    ]) {
      const response = await send(sandbox, `/oauth/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
    }
    const ok = await send(
      sandbox,
      `/oauth/authorize?${new URLSearchParams({ ...params, client_id: app.client_id, redirect_uri: 'https://app.example.org/callback' })}`,
    );
    expect(ok.status).toBe(200);
  });

  it('10. the page names client and scopes in words; Allow → code + state + iss; Deny → access_denied', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox, { name: 'Acme <Deploy> Bot' });
    const params = {
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT,
      state: 'st&ate=1',
      scope: 'projects:read webhooks:read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const { page, location } = await consent(sandbox, params, 'allow', app.personal_access_token);
    expect(page).toContain('Acme &lt;Deploy&gt; Bot');
    const asked = listScopes().filter((s) => ['projects:read', 'webhooks:read'].includes(s.name));
    expect(asked.map((s) => s.name).sort()).toEqual(['projects:read', 'webhooks:read']);
    for (const scope of asked) expect(page).toContain(scope.description);
    expect(page).not.toContain('<script');
    expect(location.searchParams.get('code')).toMatch(/^ac_/);
    expect(location.searchParams.get('state')).toBe('st&ate=1');
    expect(location.searchParams.get('iss')).toBe(`${ORIGIN}/sandbox`);
    const denied = await consent(sandbox, params, 'deny');
    expect(denied.location.searchParams.get('error')).toBe('access_denied');
    expect(denied.location.searchParams.get('state')).toBe('st&ate=1');
    expect(denied.location.searchParams.get('code')).toBeNull();
    // Deny needs no proof of the tenant: to a URI anyone could register, a page with the link, never a redirect.
    const registered = await createTestApp(sandbox, { redirect_uris: ['https://app.example.org/callback'] });
    const deniedThere = await postConsent(sandbox, {
      ...params,
      client_id: registered.client_id,
      redirect_uri: 'https://app.example.org/callback',
      decision: 'deny',
    });
    expect(deniedThere.status).toBe(200);
    expect(deniedThere.headers.get('location')).toBeNull();
    expect(await deniedThere.text()).toContain('https://app.example.org/callback?error=access_denied');
    const headers = (await send(sandbox, `/oauth/authorize?${new URLSearchParams(params)}`)).headers;
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('x-frame-options')).toBe('DENY');
  });

  it('10. the console public client: a login ticket proves the tenant; PKCE exchange without a secret', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox, { name: 'My sandbox app' });
    const as = await discover(sandbox);
    const client: oauth.Client = { client_id: 'aethex-console', token_endpoint_auth_method: 'none' };
    const verifier = oauth.generateRandomCodeVerifier();
    const codeChallenge = await oauth.calculatePKCECodeChallenge(verifier);
    const redirect = 'http://localhost:3000/console/callback';
    const issued = await send(sandbox, '/oauth/login-ticket', {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.personal_access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code_challenge: codeChallenge }),
    });
    expect(issued.status).toBe(201);
    const { login_ticket: ticket } = (await issued.json()) as { login_ticket: string };
    const { page, location } = await consent(sandbox, {
      response_type: 'code',
      client_id: 'aethex-console',
      redirect_uri: redirect,
      state: 'c1',
      login_ticket: ticket,
      scope: 'projects:read',
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    expect(page).toContain('My sandbox app');
    expect(page).toContain(app.tenant_id);
    expect(page).not.toContain('name="personal_access_token"');
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      oauth.validateAuthResponse(as, client, location, 'c1'),
      redirect,
      verifier,
      options(sandbox),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    const list = await send(sandbox, '/v1/projects', { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(list.headers.get('x-total-count')).toBe('60');
    // Without a ticket the screen asks for the personal access token; the tenant ID alone proves nothing.
    const noTicket = await send(
      sandbox,
      `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'aethex-console', redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', login_hint: app.tenant_id })}`,
    );
    expect(noTicket.status).toBe(200);
    expect(await noTicket.text()).toContain('name="personal_access_token"');
    const cc = await tokenRequest(sandbox, 'grant_type=client_credentials&client_id=aethex-console');
    expect(((await cc.json()) as { error: string }).error).toBe('unauthorized_client');
  });
});
