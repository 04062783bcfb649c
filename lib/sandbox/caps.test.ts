import { describe, expect, it } from 'vitest';

import { LIMITS } from './config';
import type { Sandbox } from './handler';
import {
  basic,
  codeOf,
  countRows,
  createTestApp,
  FORM_TYPE,
  pkce,
  postConsent,
  sandboxFactory,
  send,
  storeOf,
  type App,
} from './test-helpers';

const setup = sandboxFactory();
const REDIRECT = 'http://127.0.0.1:8123/cb';
const count = countRows;

/** Allow on the consent screen for the app's own client, proven by its personal access token. */
function codeFor(sandbox: Sandbox, app: App, challenge: string): Promise<Response> {
  return postConsent(sandbox, {
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    personal_access_token: app.personal_access_token,
    decision: 'allow',
  });
}

describe('per-tenant caps the e2e suite does not reach cheaply', () => {
  it('the apps-per-address 429 reports that hourly budget in X-RateLimit-*, consistent with Retry-After', async () => {
    const clock = 1_800_000_000_000;
    const sandbox = setup(() => clock);
    (await sandbox.ready).caps.appsPerHour = 2;
    const create = () => send(sandbox, '/apps', { method: 'POST', headers: { 'X-Forwarded-For': '198.51.100.7' } });
    for (let i = 0; i < 2; i += 1) expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('2');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(clock / 1000) + retryAfter);
  });

  it('grants: at the cap Allow redirects with temporarily_unavailable and stores no code', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const { db } = await storeOf(sandbox);
    const grants = Array.from({ length: LIMITS.caps.grants }, (_, i) => ({
      id: `grt_seed${i}`,
      tenant_id: app.tenant_id,
      client_id: app.client_id,
    }));
    await db.insertInto('grants').values(grants).execute();
    const codes = await count(sandbox, 'authorization_codes');
    const refused = await codeFor(sandbox, app, pkce().challenge);
    const location = new URL(refused.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(location.searchParams.get('error_description')).toContain(`${LIMITS.caps.grants} grants`);
    expect(await count(sandbox, 'authorization_codes')).toBe(codes);
    expect(await count(sandbox, 'grants')).toBe(LIMITS.caps.grants);
  });

  it('pending codes: at the cap Allow redirects with temporarily_unavailable; an exchanged or expired code frees a slot', async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup(() => clock);
    const app = await createTestApp(sandbox);
    const { db } = await storeOf(sandbox);
    for (let i = 0; i < LIMITS.caps.pendingCodes; i += 1) {
      const owner = { tenant_id: app.tenant_id, client_id: app.client_id };
      await db
        .insertInto('grants')
        .values({ id: `grt_p${i}`, ...owner })
        .execute();
      await db
        .insertInto('authorization_codes')
        .values({
          hash: `h${i}`,
          ...owner,
          grant_id: `grt_p${i}`,
          redirect_uri: REDIRECT,
          scope: 'projects:read',
          code_challenge: 'x',
          expires_at: clock + 600_000,
          used_at: null,
        })
        .execute();
    }
    const refused = await codeFor(sandbox, app, pkce().challenge);
    const location = new URL(refused.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(location.searchParams.get('error_description')).toContain(
      `${LIMITS.caps.pendingCodes} authorization codes not yet exchanged`,
    );
    expect(await count(sandbox, 'authorization_codes')).toBe(LIMITS.caps.pendingCodes);
    clock += 600_001;
    expect(codeOf(await codeFor(sandbox, app, pkce().challenge))).toMatch(/^ac_/);
  });

  it('refresh tokens: at the cap a refresh is a 429 problem and the old refresh token stays usable', async () => {
    const sandbox = setup();
    const app = await createTestApp(sandbox);
    const { verifier, challenge } = pkce();
    const code = codeOf(await codeFor(sandbox, app, challenge));
    const auth = { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) };
    const exchange = await send(sandbox, '/v1/auth/token', {
      method: 'POST',
      headers: auth,
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }).toString(),
    });
    const { refresh_token: refresh } = (await exchange.json()) as { refresh_token: string };
    const { db } = await storeOf(sandbox);
    const grant = (await db.selectFrom('refresh_tokens').select('grant_id').executeTakeFirstOrThrow()).grant_id;
    const seeds = Array.from({ length: LIMITS.caps.refreshTokens - 1 }, (_, i) => ({
      hash: `seed${i + 1}`,
      tenant_id: app.tenant_id,
      client_id: app.client_id,
      grant_id: grant,
      scope: 'projects:read',
      used_at: 1,
    }));
    for (let i = 0; i < seeds.length; i += 500)
      await db
        .insertInto('refresh_tokens')
        .values(seeds.slice(i, i + 500))
        .execute();
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh }).toString();
    const refused = await send(sandbox, '/v1/auth/token', { method: 'POST', headers: auth, body });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      `${LIMITS.caps.refreshTokens} refresh tokens`,
    );
    expect(await count(sandbox, 'refresh_tokens')).toBe(LIMITS.caps.refreshTokens);
    await db.deleteFrom('refresh_tokens').where('hash', 'like', 'seed%').execute();
    expect((await send(sandbox, '/v1/auth/token', { method: 'POST', headers: auth, body })).status).toBe(200);
  });

  it('expired access tokens, tickets and never-exchanged codes (with their grants) are purged, so they stop counting', async () => {
    let clock = 1_800_000_000_000;
    const sandbox = setup(() => clock);
    const app = await createTestApp(sandbox);
    const { challenge } = pkce();
    await codeFor(sandbox, app, challenge);
    await send(sandbox, '/oauth/login-ticket', {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.personal_access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code_challenge: challenge }),
    });
    await send(sandbox, '/v1/auth/token', {
      method: 'POST',
      headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
      body: 'grant_type=client_credentials',
    });
    const live = () =>
      Promise.all(
        (['access_tokens', 'login_tickets', 'authorization_codes', 'grants'] as const).map((t) => count(sandbox, t)),
      );
    expect(await live()).toEqual([1, 1, 1, 1]);
    clock += LIMITS.accessTokenSeconds * 1000 + 1;
    await sandbox.purge();
    expect(await live()).toEqual([0, 0, 0, 0]);
  });
});
