import { describe, expect, it } from 'vitest';

import type { Sandbox } from './handler';
import {
  basic,
  bearer,
  codeOf,
  createTestApp,
  FORM_TYPE,
  pkce,
  postConsent,
  sandboxFactory,
  send,
  storeOf,
  testSandbox,
  type App,
} from './test-helpers';

const setup = sandboxFactory();
const LOOPBACK = 'http://127.0.0.1:8123/cb';

const token = (sandbox: Sandbox, form: Record<string, string>, auth?: string) =>
  send(sandbox, '/v1/auth/token', {
    method: 'POST',
    headers: { ...FORM_TYPE, ...(auth ? { Authorization: auth } : {}) },
    body: new URLSearchParams(form).toString(),
  });

/** An authorization code grant of the app's own client (proven by its PAT): the token response. */
async function grant(
  sandbox: Sandbox,
  app: App,
  scope: string,
): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const { verifier, challenge } = pkce();
  const code = codeOf(
    await postConsent(sandbox, {
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: LOOPBACK,
      scope,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      personal_access_token: app.personal_access_token,
      decision: 'allow',
    }),
  );
  const response = await token(
    sandbox,
    { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, code_verifier: verifier },
    basic(app.client_id, app.client_secret),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string; scope: string };
}

describe('isolation details found by an attack review', () => {
  it('an error before the tenant is proven is a page with a link, not a redirect to a URI anyone can register', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox, { redirect_uris: ['https://evil.example/phish'] });
    const response = await send(
      sandbox,
      `/oauth/authorize?${new URLSearchParams({ client_id: app.client_id, redirect_uri: 'https://evil.example/phish', response_type: 'code' })}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('href="https://evil.example/phish?error=invalid_request');
  });

  it('the consent screen does not name the tenant nor list its scopes to someone who only knows its client ID', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox, { name: 'Secret project', scopes: ['projects:read'] });
    const { challenge } = pkce();
    const query = {
      client_id: app.client_id,
      redirect_uri: LOOPBACK,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const page = await (await send(sandbox, `/oauth/authorize?${new URLSearchParams(query)}`)).text();
    // The client's name is shown (the screen must name who asks); the tenant behind it is not.
    expect(page).not.toContain(app.tenant_id);
    const scoped = await send(sandbox, `/oauth/authorize?${new URLSearchParams({ ...query, scope: 'metrics:read' })}`, {
      redirect: 'manual',
    });
    expect(new URL(scoped.headers.get('location')!).searchParams.get('error_description')).not.toContain(
      'projects:read',
    );
  });

  it('a refresh token presented by another client neither rotates nor revokes the grant', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const first = await grant(sandbox, app, 'projects:read');
    const rotated = (await (
      await token(
        sandbox,
        { grant_type: 'refresh_token', refresh_token: first.refresh_token },
        basic(app.client_id, app.client_secret),
      )
    ).json()) as { access_token: string; refresh_token: string };
    const replayed = await token(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: 'aethex-console',
    });
    expect(replayed.status).toBe(400);
    expect((await send(sandbox, '/v1/projects', { headers: bearer(rotated.access_token) })).status).toBe(200);
    expect(
      (
        await token(
          sandbox,
          { grant_type: 'refresh_token', refresh_token: rotated.refresh_token },
          basic(app.client_id, app.client_secret),
        )
      ).status,
    ).toBe(200);
  });

  it('revoking a grant revokes its access tokens, which then stop counting as live', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const first = await grant(sandbox, app, 'projects:read');
    await token(
      sandbox,
      { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      basic(app.client_id, app.client_secret),
    );
    await token(
      sandbox,
      { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      basic(app.client_id, app.client_secret),
    );
    const { db } = await storeOf(sandbox);
    const live = await db
      .selectFrom('access_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', app.tenant_id)
      .where('revoked', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(live.n)).toBe(0);
  });

  it('a refresh with a narrower scope narrows the access token only: the grant keeps its scope (RFC 6749 §6)', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const first = await grant(sandbox, app, 'projects:read metrics:read');
    const auth = basic(app.client_id, app.client_secret);
    const narrow = (await (
      await token(
        sandbox,
        { grant_type: 'refresh_token', refresh_token: first.refresh_token, scope: 'projects:read' },
        auth,
      )
    ).json()) as { scope: string; refresh_token: string };
    expect(narrow.scope).toBe('projects:read');
    const wide = await token(
      sandbox,
      { grant_type: 'refresh_token', refresh_token: narrow.refresh_token, scope: 'metrics:read' },
      auth,
    );
    expect(wide.status).toBe(200);
    expect(((await wide.json()) as { scope: string }).scope).toBe('metrics:read');
  });

  it('behind a trusted proxy the last X-Forwarded-Host / -Proto entry counts (the one the proxy appended)', async () => {
    const sandbox = testSandbox({ trustProxy: true });
    try {
      const response = await send(sandbox, '/.well-known/oauth-authorization-server', {
        headers: { 'X-Forwarded-Host': 'evil.example, portal.example.org', 'X-Forwarded-Proto': 'http, https' },
      });
      expect(((await response.json()) as { issuer: string }).issuer).toBe('https://portal.example.org/sandbox');
    } finally {
      sandbox.close();
    }
  });

  it('a configured public origin names the issuer whatever the Host, and the metadata may then be cached publicly', async () => {
    const sandbox = testSandbox({ publicOrigin: 'https://portal.example.org/' });
    try {
      const response = await send(sandbox, '/.well-known/oauth-authorization-server', {
        headers: { Host: 'attacker.example' },
      });
      expect(((await response.json()) as { issuer: string }).issuer).toBe('https://portal.example.org/sandbox');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    } finally {
      sandbox.close();
    }
  });

  it('maintenance applies to a code exchange and a refresh of the console (public) client too', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const { verifier, challenge } = pkce();
    const redirect = 'http://localhost:3000/console/callback';
    const ticket = (
      (await (
        await send(sandbox, '/oauth/login-ticket', {
          method: 'POST',
          headers: bearer(app.personal_access_token, { 'Content-Type': 'application/json' }),
          body: JSON.stringify({ code_challenge: challenge }),
        })
      ).json()) as { login_ticket: string }
    ).login_ticket;
    const code = codeOf(
      await postConsent(sandbox, {
        response_type: 'code',
        client_id: 'aethex-console',
        redirect_uri: redirect,
        scope: 'projects:read',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        login_ticket: ticket,
        decision: 'allow',
      }),
    );
    await send(sandbox, '/maintenance', {
      method: 'PUT',
      headers: bearer(app.personal_access_token, { 'Content-Type': 'application/json' }),
      body: '{"enabled":true,"retry_after":7}',
    });
    const exchange = {
      grant_type: 'authorization_code',
      client_id: 'aethex-console',
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    };
    const during = await token(sandbox, exchange);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('7');
    await send(sandbox, '/maintenance', {
      method: 'PUT',
      headers: bearer(app.personal_access_token, { 'Content-Type': 'application/json' }),
      body: '{"enabled":false}',
    });
    const tokens = (await (await token(sandbox, exchange)).json()) as { refresh_token: string };
    await send(sandbox, '/maintenance', {
      method: 'PUT',
      headers: bearer(app.personal_access_token, { 'Content-Type': 'application/json' }),
      body: '{"enabled":true}',
    });
    expect(
      (
        await token(sandbox, {
          grant_type: 'refresh_token',
          client_id: 'aethex-console',
          refresh_token: tokens.refresh_token,
        })
      ).status,
    ).toBe(503);
  });
});
