/**
 * sandbox:listen against a real sandbox over HTTP (startSandboxServer on a port the kernel picks, SQLite or
 * PostgreSQL by project) and a real receiver: the app it creates, forwarding the exact signed bytes, the attempts it
 * reports, replays, reconnection after the stream drops, refused credentials.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listen, ListenFatalError, type ListenAuth } from './listen';
import { listenAuth, ListenUsageError, parseListenArgs } from './listen-setup';
import { startSandboxServer } from './server';
import { testDatabase } from './test-helpers';
import type { DeliveryJson } from './webhook-test-helpers';

type Server = Awaited<ReturnType<typeof startSandboxServer>>;

let sandbox: Server;
let base: string;
beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, ...testDatabase(), purgeIntervalMs: 0 });
  base = `${sandbox.url}/sandbox`;
});
afterAll(() => sandbox.close());

/** A receiver on 127.0.0.1 answering `statuses` in turn (the last repeated), with `reply` as the body of errors. */
async function receiver(statuses: number[], reply = 'boom') {
  const received: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      const status = statuses[Math.min(received.length, statuses.length) - 1] ?? 204;
      response.writeHead(status).end(status === 204 ? undefined : reply);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const close = () => new Promise<void>((closed) => (server.closeAllConnections(), server.close(() => closed())));
  return { received, close, url: `http://localhost:${(server.address() as AddressInfo).port}/webhooks` };
}

/** Polls `check` every 20 ms until it returns something truthy; fails after 5 s. */
async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + 5000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `listen` in the background; `stop()` aborts it and waits for it to return. */
function start(forwardTo: string, auth: ListenAuth) {
  const lines: string[] = [];
  const controller = new AbortController();
  const done = listen(
    { baseUrl: base, forwardTo, print: (line) => lines.push(line), signal: controller.signal, backoffMs: [50] },
    auth,
  );
  return { lines, done, stop: () => (controller.abort(), done) };
}

async function manage(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

type Attempt = DeliveryJson['attempts'][number];

describe('sandbox:listen forwards the inbox to a local receiver', () => {
  it('creates an app, forwards the exact signed bytes, reports each answer, replays, and reconnects', async () => {
    const printed: string[] = [];
    const auth = await listenAuth(base, {}, (line) => printed.push(line));
    const pat = /personal access token\s+(pat_\S+)/.exec(printed.join('\n'))?.[1] ?? '';
    const secret = /AETHEX_WEBHOOK_SECRET=(whsec_\S+)/.exec(printed.join('\n'))?.[1] ?? '';
    expect(printed[0]).toMatch(/^Created sandbox app ten_\w+ \(until .+\):$/);
    expect(pat).toMatch(/^pat_/);
    expect(secret).toMatch(/^whsec_/);

    const local = await receiver([204, 500]);
    const run = start(local.url, auth);
    try {
      await until(() => run.lines.some((line) => line.startsWith('Ready: forwarding deliveries of ten_')));

      const emitted = await manage(pat, 'POST', '/webhooks/emit', { event: 'deployment.succeeded' });
      expect(emitted.status).toBe(200);
      const first = await until(() => local.received[0]);
      expect(first.body.toString('utf8')).toBe(emitted.json.payload);
      const sent = emitted.json.headers as Record<string, string>;
      expect(first.headers['webhook-id']).toBe(sent['webhook-id']);
      expect(first.headers['content-type']).toBe('application/json');
      expect(() => new Webhook(secret).verify(first.body.toString('utf8'), first.headers as never)).not.toThrow();
      const copy = (emitted.json.deliveries as { id: string; target: string }[]).find((d) => d.target === 'listen');
      const attempts = async (id: string) =>
        ((await manage(pat, 'GET', `/webhooks/deliveries/${id}`)).json.attempts ?? []) as Attempt[];
      const [reported] = await until(async () => {
        const list = await attempts(copy?.id ?? '');
        return list.length > 0 && list;
      });
      expect(reported).toMatchObject({ trigger: 'listen', status: 204, outcome: 'succeeded', error: null });
      expect(run.lines).toContainEqual(expect.stringMatching(/^→ deployment\.succeeded msg_\w+ 204 in \d+ ms$/));

      const failing = await manage(pat, 'POST', '/webhooks/emit', { event: 'member.invited' });
      const failingCopy = (failing.json.deliveries as { id: string; target: string }[]).find(
        (d) => d.target === 'listen',
      );
      const [failed] = await until(async () => {
        const list = await attempts(failingCopy?.id ?? '');
        return list.length > 0 && list;
      });
      expect(failed).toMatchObject({
        trigger: 'listen',
        status: 500,
        outcome: 'failed',
        response_excerpt: 'boom',
        error: 'the receiver answered 500 Internal Server Error; a delivery needs 2xx',
      });
      expect(run.lines).toContainEqual(
        expect.stringMatching(/^→ member\.invited msg_\w+ 500 failed in \d+ ms: the receiver answered 500/),
      );

      expect((await manage(pat, 'POST', `/webhooks/deliveries/${copy?.id}/replay`)).status).toBe(202);
      const replayed = await until(() => local.received[2]);
      expect(replayed.headers['webhook-id']).toBe(sent['webhook-id']);
      expect(replayed.body.equals(first.body)).toBe(true);
      await until(() => run.lines.some((line) => / \(replay\) 500 failed in /.test(line)));

      // The stream drops (every connection of the server cut): listen says so, reconnects, and forwards again.
      sandbox.server.closeAllConnections();
      await until(() =>
        run.lines.some((line) => /^Inbox connection lost \(.+\); reconnecting in 0\.05 s…$/.test(line)),
      );
      await until(() => run.lines.filter((line) => line.startsWith('Ready:')).length === 2);
      await manage(pat, 'POST', '/webhooks/emit', { event: 'incident.opened' });
      await until(() => local.received[3]);
    } finally {
      await run.stop();
      await local.close();
    }
    expect(run.lines.join('\n')).not.toContain(pat);
  });

  it('renews an expired credential once, for the stream and for the reports', async () => {
    const printed: string[] = [];
    const created = await listenAuth(base, {}, (line) => printed.push(line));
    const pat = await created.bearer();
    let token = 'atx_expiredExpiredExpiredExpired0000000000';
    let renewals = 0;
    const auth: ListenAuth = { bearer: async () => token, renew: async () => ((renewals += 1), (token = pat)) };
    const local = await receiver([204]);
    const run = start(local.url, auth);
    try {
      await until(() => run.lines.some((line) => line.startsWith('Ready:')));
      expect(renewals).toBe(1);
      token = 'atx_expiredExpiredExpiredExpired0000000000';
      const emitted = await manage(pat, 'POST', '/webhooks/emit', { event: 'deployment.failed' });
      const copy = (emitted.json.deliveries as { id: string; target: string }[]).find((d) => d.target === 'listen');
      await until(async () => {
        const delivery = await manage(pat, 'GET', `/webhooks/deliveries/${copy?.id}`);
        return (delivery.json.attempts as Attempt[]).length === 1;
      });
      expect(renewals).toBe(2);
      expect(run.lines.join('\n')).not.toContain('not recorded');
    } finally {
      await run.stop();
      await local.close();
    }
  });

  it('stops for good when the credential is refused, without printing it', async () => {
    const token = 'pat_notARealTokenAtAll000000000000000000000';
    const run = start('http://localhost:9/webhooks', { bearer: async () => token });
    await expect(run.done).rejects.toThrow(ListenFatalError);
    await expect(run.done).rejects.toThrow(/answered 401/);
    expect(run.lines.join('\n')).not.toContain(token);
  });

  it('stops for good when --base-url answers something else than an event stream', async () => {
    const page = http.createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi'),
    );
    await new Promise<void>((listening) => page.listen(0, '127.0.0.1', listening));
    try {
      const other = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
      const lines: string[] = [];
      const done = listen(
        {
          baseUrl: other,
          forwardTo: 'http://localhost:9/',
          print: (line) => lines.push(line),
          signal: new AbortController().signal,
        },
        { bearer: async () => 'pat_x' },
      );
      await expect(done).rejects.toThrow(`GET ${other}/webhooks/inbox answered text/html, not an event stream`);
    } finally {
      await new Promise((closed) => page.close(closed));
    }
  });

  it('uses client credentials from the environment, and says when they are refused', async () => {
    const app = (await (await fetch(`${base}/apps`, { method: 'POST' })).json()) as Record<string, string>;
    const env = { AETHEX_CLIENT_ID: app.client_id, AETHEX_CLIENT_SECRET: app.client_secret };
    const printed: string[] = [];
    const auth = await listenAuth(base, env, (line) => printed.push(line));
    expect(printed).toEqual([]);
    const token = await auth.bearer();
    expect((await manage(token, 'GET', '/webhooks/endpoints')).status).toBe(200);
    const wrong = await listenAuth(base, { ...env, AETHEX_CLIENT_SECRET: 'cs_wrong' }, () => undefined);
    await expect(wrong.bearer()).rejects.toThrow(/AETHEX_CLIENT_ID\/AETHEX_CLIENT_SECRET: 401 invalid_client/);
    await expect(listenAuth(base, { AETHEX_CLIENT_ID: app.client_id ?? '' }, () => undefined)).rejects.toThrow(
      ListenUsageError,
    );
  });
});

describe('parseListenArgs', () => {
  it('reads --forward-to and --base-url, with AETHEX_BASE_URL and the portal as defaults', () => {
    const forward = ['--forward-to', 'http://localhost:4242/webhooks'];
    expect(parseListenArgs(forward, {})).toEqual({
      forwardTo: 'http://localhost:4242/webhooks',
      baseUrl: 'http://localhost:3000/sandbox',
      help: false,
    });
    expect(parseListenArgs(forward, { AETHEX_BASE_URL: 'https://portal.example/sandbox/' }).baseUrl).toBe(
      'https://portal.example/sandbox',
    );
    expect(parseListenArgs([...forward, '--base-url', 'http://localhost:4010'], {}).baseUrl).toBe(
      'http://localhost:4010',
    );
    expect(parseListenArgs(['--help'], {}).help).toBe(true);
  });

  it.each([
    [[], /--forward-to is required/],
    [['--forward-to', 'localhost:4242'], /^--forward-to (must be an absolute|uses localhost:)/],
    [
      ['--forward-to', 'ftp://x/'],
      /^--forward-to uses ftp:; webhooks are delivered to http:\/\/ and https:\/\/ URLs only$/,
    ],
    [
      ['--forward-to', 'http://localhost:1/', '--base-url', 'nope'],
      /^--base-url must be an absolute http:\/\/ or https:\/\/ URL/,
    ],
    [['--forward-to', 'http://localhost:1/', '--token', 'pat_x'], /Unknown option '--token'/],
    [['--forward-to'], /argument missing/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseListenArgs(argv, {})).toThrow(ListenUsageError);
    expect(() => parseListenArgs(argv, {})).toThrow(message);
  });
});
