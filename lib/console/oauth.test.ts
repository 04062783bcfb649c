import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { CONSOLE_CLIENT_ID } from '@/lib/sandbox/console-client';
import { createSandbox, type Sandbox } from '@/lib/sandbox/handler';

import { consoleData } from './data';
import {
  authorizationServer,
  clientCredentialsToken,
  completeAuthorization,
  describeOAuthError,
  PENDING_KEY,
  startAuthorization,
} from './oauth';

const ORIGIN = 'http://localhost:3140';
const BASE = `${ORIGIN}/sandbox`;
const { oauthPaths } = consoleData();
let sandbox: Sandbox;
let app: { tenant_id: string; client_id: string; client_secret: string; personal_access_token: string };

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

beforeAll(async () => {
  sandbox = createSandbox({ db: ':memory:', purgeIntervalMs: 0 });
  // The console's fetches go to the real sandbox handler, in process.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => sandbox.handle(new Request(input, init)));
  const response = await fetch(`${BASE}/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  app = (await response.json()) as typeof app;
});

afterAll(() => {
  vi.unstubAllGlobals();
  sandbox.close();
});

describe('OAuth through oauth4webapi against the sandbox', () => {
  it('discovers the RFC 8414 metadata of the issuer <origin>/sandbox', async () => {
    const as = await authorizationServer(BASE, oauthPaths);
    expect(as.issuer).toBe(BASE);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.token_endpoint).toBe(`${BASE}/v1/auth/token`);
  });

  it('gets a client credentials token (ClientSecretBasic) with the granted scopes and expiry', async () => {
    const before = Date.now();
    const token = await clientCredentialsToken(BASE, oauthPaths, {
      clientId: app.client_id,
      clientSecret: app.client_secret,
      scopes: ['projects:read'],
    });
    expect(token.grant).toBe('client_credentials');
    expect(token.scopes).toEqual(['projects:read']);
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 3_500_000);
  });

  it('reports a wrong secret as the OAuth error', async () => {
    const error = await clientCredentialsToken(BASE, oauthPaths, {
      clientId: app.client_id,
      clientSecret: 'cs_wrong',
      scopes: ['projects:read'],
    }).catch((e: unknown) => e);
    expect(await describeOAuthError(error)).toMatch(/^401 invalid_client/);
  });

  it('runs authorization code + PKCE S256 and deletes the round-trip data', async () => {
    const storage = memoryStorage();
    const redirectUri = `${ORIGIN}/console/callback`;
    const url = new URL(
      await startAuthorization(
        BASE,
        oauthPaths,
        { scopes: ['projects:write'], redirectUri, personalAccessToken: app.personal_access_token },
        storage,
      ),
    );
    expect(url.searchParams.get('client_id')).toBe(CONSOLE_CLIENT_ID);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    // The app is proven by a single-use login ticket bound to the challenge; the token itself never enters the URL.
    expect(url.searchParams.get('login_ticket')).toMatch(/^lt_/);
    expect(url.toString()).not.toContain(app.personal_access_token);
    const pending = JSON.parse(storage.map.get(PENDING_KEY) ?? '{}') as { verifier: string; state: string };
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.toString()).not.toContain(pending.verifier);

    const form = new URLSearchParams(url.searchParams);
    form.set('decision', 'allow');
    const consent = await fetch(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const callback = consent.headers.get('Location') ?? '';
    expect(callback.startsWith(redirectUri)).toBe(true);

    const token = await completeAuthorization(callback, storage);
    expect(token).toMatchObject({ grant: 'authorization_code', scopes: ['projects:write'] });
    expect(storage.map.has(PENDING_KEY)).toBe(false);
    await expect(completeAuthorization(callback, storage)).rejects.toThrow(/No authorization request is pending/);
  });

  it('rejects a callback whose state does not match, and still forgets the verifier', async () => {
    const storage = memoryStorage();
    await startAuthorization(
      BASE,
      oauthPaths,
      { scopes: ['projects:read'], redirectUri: `${ORIGIN}/console/callback` },
      storage,
    );
    await expect(
      completeAuthorization(
        `${ORIGIN}/console/callback?code=ac_x&state=forged&iss=${encodeURIComponent(BASE)}`,
        storage,
      ),
    ).rejects.toThrow();
    expect(storage.map.has(PENDING_KEY)).toBe(false);
  });
});
