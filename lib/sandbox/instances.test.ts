import { spawn, type ChildProcess } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { basic, FORM_TYPE, JSON_TYPE, pkce, testDatabase, testPostgresUrl, type App } from './test-helpers';

/**
 * Two sandbox processes (`npm run sandbox`, as a team runs them behind a load balancer) on one PostgreSQL database:
 * tenants, tokens, codes, idempotency records and rate-limit windows are one state, whichever instance answers.
 * Runs in vitest's `postgres` project only.
 */

/** Starts `scripts/sandbox-server.ts` on a free port; resolves to its base URL once it listens. */
function startInstance(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox-server.ts'], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no instance after 30 s:\n${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}:\n${out}`)));
  });
}

const postgres = testPostgresUrl();
let instances: { url: string; child: ChildProcess }[] = [];

/** Instance `i % 2`: requests alternate between the two. */
const at = (i: number) => instances[i % 2]!.url;
const pat = (app: App, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${app.personal_access_token}`,
  ...extra,
});

async function newApp(url: string): Promise<App> {
  const response = await fetch(`${url}/sandbox/apps`, { method: 'POST' });
  expect(response.status).toBe(201);
  return (await response.json()) as App;
}

async function total(url: string, app: App): Promise<number> {
  const response = await fetch(`${url}/v1/projects?limit=1`, { headers: pat(app) });
  return Number(response.headers.get('x-total-count'));
}

const REDIRECT = 'http://127.0.0.1:9/cb';

/** An authorization code of `app`'s own client, from its consent screen on `url` (Allow, proven by its PAT). */
async function authorizationCode(url: string, app: App): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const consent = await fetch(`${url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: FORM_TYPE,
    body: new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      personal_access_token: app.personal_access_token,
      decision: 'allow',
    }).toString(),
  });
  return { code: new URL(consent.headers.get('location')!).searchParams.get('code')!, verifier };
}

describe.skipIf(!postgres)('two sandbox processes on one PostgreSQL database', () => {
  beforeAll(async () => {
    const { db, schema } = testDatabase();
    const env = { SANDBOX_DATABASE_URL: db!, SANDBOX_DATABASE_SCHEMA: schema!, SANDBOX_APPS_PER_HOUR: '1000' };
    // One after the other would hide a migration race: start both at once.
    instances = await Promise.all([startInstance(env), startInstance(env)]);
  }, 60_000);
  afterAll(() => {
    for (const { child } of instances) child.kill();
  });

  it('a token issued by one instance works on the other; a code is redeemed once across both', async () => {
    const app = await newApp(at(0));
    const issued = await fetch(`${at(0)}/v1/auth/token`, {
      method: 'POST',
      headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
      body: 'grant_type=client_credentials&scope=projects:read',
    });
    const { access_token: token } = (await issued.json()) as { access_token: string };
    const list = await fetch(`${at(1)}/v1/projects`, { headers: { Authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);

    const { code, verifier } = await authorizationCode(at(0), app);
    const exchange = (i: number) =>
      fetch(`${at(i)}/v1/auth/token`, {
        method: 'POST',
        headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT,
          code_verifier: verifier,
        }).toString(),
      });
    const statuses = (await Promise.all([0, 1, 2, 3].map(exchange))).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400]);
  }, 60_000);

  it('a revocation on one instance holds on both at once', async () => {
    const app = await newApp(at(1));
    const { code, verifier } = await authorizationCode(at(1), app);
    const token = (i: number, form: Record<string, string>) =>
      fetch(`${at(i)}/v1/auth/token`, {
        method: 'POST',
        headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
        body: new URLSearchParams(form).toString(),
      }).then((response) => response.json() as Promise<{ access_token: string; refresh_token: string }>);
    const first = await token(0, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    const rotated = await token(1, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    const works = async (i: number, access: string) =>
      (await fetch(`${at(i)}/v1/projects`, { headers: { Authorization: `Bearer ${access}` } })).status;
    expect([await works(0, rotated.access_token), await works(1, rotated.access_token)]).toEqual([200, 200]);
    // Reusing the rotated-away refresh token on instance 0 revokes the grant: its tokens fail on both instances.
    await token(0, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect([await works(0, rotated.access_token), await works(1, rotated.access_token)]).toEqual([401, 401]);
  }, 60_000);

  it('100 requests split across both use up one 100-request window: the 101st is 429 with Retry-After', async () => {
    const app = await newApp(at(0));
    const remaining: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const response = await fetch(`${at(i)}/v1/projects?limit=1`, { headers: pat(app) });
      expect(response.status).toBe(200);
      remaining.push(Number(response.headers.get('x-ratelimit-remaining')));
    }
    expect(remaining).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
    for (const i of [0, 1]) {
      const refused = await fetch(`${at(i)}/v1/projects?limit=1`, { headers: pat(app) });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 60_000);

  it('30 concurrent POSTs with one Idempotency-Key split across both create exactly one project', async () => {
    const app = await newApp(at(1));
    const before = await total(at(0), app);
    const post = (i: number) =>
      fetch(`${at(i)}/v1/projects`, {
        method: 'POST',
        headers: pat(app, { ...JSON_TYPE, 'Idempotency-Key': '"race-1"' }),
        body: '{"name":"raced"}',
      });
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(i)));
    const statuses = responses.map((response) => response.status);
    expect(
      statuses.every((status) => status === 201 || status === 409),
      statuses.join(),
    ).toBe(true);
    const created = await Promise.all(
      responses.filter((response) => response.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
    );
    expect(new Set(created).size).toBe(1);
    // Once the first has finished, every retry on either instance replays it.
    const replay = await post(1);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(created[0]);
    expect(await total(at(1), app)).toBe(before + 1);
  }, 60_000);

  it('a request answered by one instance is found at once by a lookup on the other (its log is written behind)', async () => {
    const app = await newApp(at(0));
    for (let round = 0; round < 5; round += 1) {
      const answered = await fetch(`${at(0)}/v1/projects/prj_0000000000000000/metrics`, { headers: pat(app) });
      expect(answered.status).toBe(404);
      const lookup = await fetch(`${at(1)}/sandbox/requests/${answered.headers.get('x-request-id')}`, {
        headers: pat(app),
      });
      expect(lookup.status).toBe(200);
      expect(((await lookup.json()) as { response: { status: number } }).response.status).toBe(404);
    }
  }, 60_000);

  it('a quoted and an unquoted form of one key are one key across instances', async () => {
    const app = await newApp(at(0));
    const before = await total(at(0), app);
    const post = (i: number, key: string) =>
      fetch(`${at(i)}/v1/projects`, {
        method: 'POST',
        headers: pat(app, { ...JSON_TYPE, 'Idempotency-Key': key }),
        body: '{"name":"one-key"}',
      });
    const bare = await post(0, 'one-key-7');
    const quoted = await post(1, '"one-key-7"');
    expect([bare.status, quoted.status, quoted.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    expect(((await quoted.json()) as { id: string }).id).toBe(((await bare.json()) as { id: string }).id);
    expect(await total(at(1), app)).toBe(before + 1);
  }, 60_000);
});
