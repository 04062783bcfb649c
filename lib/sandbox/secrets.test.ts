import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { s256 } from './ids';
import { startSandboxServer } from './server';
import { basic, FORM_TYPE, type App } from './test-helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-secrets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every byte the database holds on disk: the main file, the WAL and the shared-memory index. */
function rawDatabase(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/**
 * Captures everything written to the console and to stdout/stderr while `run` runs (the sandbox must log nothing;
 * if it ever logs, the secrets check below still proves no issued secret is in it).
 */
async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string[] }> {
  const output: string[] = [];
  const record = (...args: unknown[]) => {
    output.push(
      args
        .map((a) =>
          typeof a === 'string' ? a : a instanceof Uint8Array ? Buffer.from(a).toString('utf8') : JSON.stringify(a),
        )
        .join(' '),
    );
  };
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation(record),
    ),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (record(chunk), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (record(chunk), true)),
  ];
  try {
    return { result: await run(), output };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

describe('secrets at rest and in logs (server side)', () => {
  // The flow's requests carry tenant credentials, so the request log keeps them (redacted): the scan covers its rows.
  it('after a full flow over HTTP, no issued token, secret, code or verifier is in the SQLite files (request log included) or in any output', async () => {
    const file = path.join(dir, 'flow.db');
    const issued: Record<string, string> = {};
    let webhookSecret = '';
    let openScan: Buffer = Buffer.alloc(0);
    const { output } = await captureOutput(async () => {
      const server = await startSandboxServer({ port: 0, db: file, purgeIntervalMs: 0 });
      const url = server.url;
      try {
        const redirect = 'http://127.0.0.1:9/callback';
        const app = (await (
          await fetch(`${url}/apps`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ redirect_uris: ['https://app.example.org/cb'] }),
          })
        ).json()) as App;
        Object.assign(issued, {
          client_secret: app.client_secret,
          personal_access_token: app.personal_access_token,
          // What an HTTP Basic header carries: the client secret, base64-encoded with its ID.
          basic_credentials: basic(app.client_id, app.client_secret).slice('Basic '.length),
        });
        webhookSecret = app.webhook_secret;
        // Client credentials.
        const cc = (await (
          await fetch(`${url}/v1/auth/token`, {
            method: 'POST',
            headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
            body: 'grant_type=client_credentials',
          })
        ).json()) as { access_token: string };
        issued.client_credentials_token = cc.access_token;
        // Authorization code + PKCE through the consent screen, then a refresh (rotation).
        const verifier = randomBytes(32).toString('base64url');
        issued.code_verifier = verifier;
        const params = {
          response_type: 'code',
          client_id: app.client_id,
          redirect_uri: redirect,
          scope: 'projects:read sandbox:manage',
          state: 'st',
          code_challenge: s256(verifier),
          code_challenge_method: 'S256',
        };
        const html = await (await fetch(`${url}/oauth/authorize?${new URLSearchParams(params)}`)).text();
        const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
          m[1]!,
          m[2]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"'),
        ]);
        // The bearer header makes the consent POST a tenant's request: logged, with the PAT in its form and the code
        // in its Location.
        const decision = await fetch(`${url}/oauth/authorize`, {
          method: 'POST',
          headers: { ...FORM_TYPE, Authorization: `Bearer ${app.personal_access_token}` },
          body: new URLSearchParams([
            ...hidden,
            ['decision', 'allow'],
            ['personal_access_token', app.personal_access_token],
          ]).toString(),
          redirect: 'manual',
        });
        const code = new URL(decision.headers.get('location')!).searchParams.get('code')!;
        issued.authorization_code = code;
        const exchanged = await fetch(`${url}/v1/auth/token`, {
          method: 'POST',
          headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirect,
            code_verifier: verifier,
          }).toString(),
        });
        const exchangeId = exchanged.headers.get('x-request-id')!;
        const exchange = (await exchanged.json()) as { access_token: string; refresh_token: string };
        issued.code_access_token = exchange.access_token;
        issued.refresh_token = exchange.refresh_token;
        const refreshed = (await (
          await fetch(`${url}/v1/auth/token`, {
            method: 'POST',
            headers: { ...FORM_TYPE, Authorization: basic(app.client_id, app.client_secret) },
            body: new URLSearchParams({
              grant_type: 'refresh_token',
              refresh_token: exchange.refresh_token,
            }).toString(),
          })
        ).json()) as { access_token: string; refresh_token: string };
        issued.refreshed_access_token = refreshed.access_token;
        issued.rotated_refresh_token = refreshed.refresh_token;
        // A secret in the query string is refused (and must not be logged either), also from a proven client.
        for (const authorization of [{}, { Authorization: basic(app.client_id, app.client_secret) }] as Record<
          string,
          string
        >[])
          expect(
            (
              await fetch(`${url}/v1/auth/token?client_secret=${app.client_secret}`, {
                method: 'POST',
                headers: { ...FORM_TYPE, ...authorization },
                body: 'grant_type=client_credentials',
              })
            ).status,
          ).toBe(400);
        // A login ticket (its response holds it) and a 400 whose body holds secrets.
        const ticket = (await (
          await fetch(`${url}/oauth/login-ticket`, {
            method: 'POST',
            headers: { Authorization: basic(app.client_id, app.client_secret), 'Content-Type': 'application/json' },
            body: JSON.stringify({ code_challenge: s256(randomBytes(32).toString('base64url')) }),
          })
        ).json()) as { login_ticket: string };
        issued.login_ticket = ticket.login_ticket;
        const invalid = await fetch(`${url}/v1/projects?password=${verifier}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.personal_access_token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: '', token: cc.access_token, secret: verifier, note: app.client_secret }),
        });
        expect(invalid.status).toBe(400);
        // Personal access token use, an idempotent create, a webhook delivery.
        const pat = { Authorization: `Bearer ${app.personal_access_token}` };
        expect((await fetch(`${url}/v1/projects`, { headers: pat })).status).toBe(200);
        expect(
          (
            await fetch(`${url}/v1/projects`, {
              method: 'POST',
              headers: { ...pat, 'Content-Type': 'application/json', 'Idempotency-Key': '"k1"' },
              body: '{"name":"s"}',
            })
          ).status,
        ).toBe(201);
        expect(
          (
            await fetch(`${url}/webhooks/emit`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${refreshed.access_token}`, 'Content-Type': 'application/json' },
              body: '{"event":"member.invited"}',
            })
          ).status,
        ).toBe(200);
        expect(
          (await fetch(`${url}/v1/projects`, { headers: { Authorization: `Bearer ${refreshed.access_token}` } }))
            .status,
        ).toBe(200);
        // The log holds the flow: the code exchange is there, its secrets redacted.
        const logged = (await (
          await fetch(`${url}/requests/${exchangeId}`, {
            headers: { Authorization: `Bearer ${refreshed.access_token}` },
          })
        ).json()) as { request: { body: string }; response: { body: string } };
        expect(logged.request.body).toMatch(/^grant_type=authorization_code&code=\[redacted\]&/);
        expect(JSON.parse(logged.response.body)).toMatchObject({
          access_token: '[redacted]',
          refresh_token: '[redacted]',
        });
      } finally {
        // Scan while open (WAL not yet checkpointed) and again after close.
        openScan = rawDatabase(file);
        await server.close();
      }
    });
    const scans = { open: openScan, closed: rawDatabase(file) };
    expect(Object.keys(issued)).toHaveLength(11);
    for (const [name, secret] of Object.entries(issued)) {
      expect(secret, name).toMatch(/^[A-Za-z0-9_\-+/=]{20,}$/);
      for (const [when, bytes] of Object.entries(scans))
        expect(bytes.includes(Buffer.from(secret)), `${name} in the database files (${when})`).toBe(false);
      expect(
        output.some((line) => line.includes(secret)),
        `${name} in the output`,
      ).toBe(false);
    }
    // The webhook signing secret is the one secret kept (HMAC signing needs the key itself); it must be there.
    expect(scans.closed.includes(Buffer.from(webhookSecret))).toBe(true);
    // The sandbox logs nothing at all; keep it so (a log line would have to be reviewed for secrets first).
    expect(output).toEqual([]);
  });
});
