/**
 * The whole webhook loop with the guide's own receiver programs (lib/snippets/webhook-verify.ts), JavaScript (the
 * official `standardwebhooks` package) and Python (the Standard Webhooks algorithm in its standard library):
 * - through `npm run sandbox:listen` against the sandbox mounted in `next start`: an event triggered for the app
 *   reaches the receiver, which verifies it (prints `verified <type>`, answers 204), and the attempt the listener
 *   reports back is in the delivery's log;
 * - through a registered endpoint of the standalone sandbox (`npm run sandbox`, which may deliver to loopback): the
 *   receiver, started with the endpoint's own secret, verifies the delivery and the attempt log holds its 204.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { WEBHOOK_VERIFY_SNIPPETS } from '../../lib/snippets/webhook-verify';
import { freePort, sampleEnv, start, stop } from '../../scripts/samples/process';
import type { CreatedApp } from './fixtures';

test.describe.configure({ timeout: 180_000 });

type Started = ReturnType<typeof start>;
type Attempt = { status: number | null; trigger: string; outcome: string; headers: Record<string, string> };
type DeliveryView = {
  id: string;
  endpoint_id: string | null;
  status: string;
  headers: Record<string, string>;
  attempts: Attempt[];
};

const RECEIVERS = ['javascript', 'python'] as const;
const EVENT = 'deployment.succeeded';
/** What every receiver program prints on a delivery it verified (lib/snippets/webhook-verify.ts). */
const VERIFIED = /^verified\b/m;

/** Starts the guide's receiver in `language` on a free port with `secret`; resolves once it listens. */
async function startReceiver(language: (typeof RECEIVERS)[number], secret: string, work: string) {
  const snippet = WEBHOOK_VERIFY_SNIPPETS.find((candidate) => candidate.id === language)!;
  const dir = mkdtempSync(path.join(work, `receiver-${language}-`));
  writeFileSync(path.join(dir, snippet.filename), snippet.code);
  // `npm install standardwebhooks` in the reader's project: here the portal's node_modules.
  if (language === 'javascript') symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  const port = await freePort();
  const command = language === 'javascript' ? process.execPath : 'python3';
  const receiver = start(
    command,
    [snippet.filename],
    dir,
    sampleEnv(work, path.join(work, 'go'), { AETHEX_WEBHOOK_SECRET: secret, PORT: String(port) }),
  );
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${port}/`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  return { receiver, url: `http://127.0.0.1:${port}/webhooks` };
}

/** Waits until `process`'s output matches `pattern` (or fails with the output so far). */
async function waitForOutput(process: Started, pattern: RegExp, timeout = 60_000) {
  await expect.poll(() => process.output(), { timeout }).toMatch(pattern);
}

/** The delivery `id` as the sandbox reports it, once its status is no longer pending. */
async function settled(base: string, token: string, id: string): Promise<DeliveryView> {
  let view: DeliveryView | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${base}/webhooks/deliveries/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        view = (await response.json()) as DeliveryView;
        return view.status;
      },
      { timeout: 30_000 },
    )
    .not.toBe('pending');
  return view!;
}

async function emit(base: string, token: string) {
  const response = await fetch(`${base}/webhooks/emit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ event: EVENT }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { webhook_id: string; deliveries: DeliveryView[] };
}

async function createApp(base: string): Promise<CreatedApp> {
  const response = await fetch(`${base}/apps`, { method: 'POST' });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedApp;
}

let work = '';
const running: Started[] = [];
test.beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'aethex-webhook-loop-'));
  mkdirSync(path.join(work, 'home'));
});
test.afterAll(() => {
  for (const process of running) stop(process.child);
  rmSync(work, { recursive: true, force: true });
});

for (const language of RECEIVERS) {
  test(`${language} receiver verifies an event forwarded by sandbox:listen from next start`, async ({ baseURL }) => {
    const base = `${baseURL}/sandbox`;
    const app = await createApp(base);
    const { receiver, url } = await startReceiver(language, app.webhook_secret, work);
    running.push(receiver);
    const listener = start('npx', ['tsx', 'scripts/sandbox-listen.ts', '--forward-to', url, '--base-url', base], '.', {
      ...process.env,
      AETHEX_TOKEN: app.personal_access_token,
    });
    running.push(listener);
    await waitForOutput(listener, /Ready/);
    const emitted = await emit(base, app.personal_access_token);
    await waitForOutput(receiver, VERIFIED);
    const listen = emitted.deliveries.find((delivery) => delivery.endpoint_id === null)!;
    const view = await settled(base, app.personal_access_token, listen.id);
    expect(view.status).toBe('succeeded');
    expect(view.attempts.map((attempt) => [attempt.trigger, attempt.status])).toEqual([['listen', 204]]);
    // The token never appears in what the listener prints.
    expect(listener.output()).not.toContain(app.personal_access_token);
  });
}

test('javascript and python receivers verify deliveries to registered endpoints of the standalone sandbox', async () => {
  const port = await freePort();
  const sandbox = start('npx', ['tsx', 'scripts/sandbox-server.ts'], '.', {
    ...process.env,
    SANDBOX_PORT: String(port),
    SANDBOX_DB: ':memory:',
  });
  running.push(sandbox);
  await waitForOutput(sandbox, /listening/);
  const base = `http://127.0.0.1:${port}/sandbox`;
  const app = await createApp(base);
  const auth = { authorization: `Bearer ${app.personal_access_token}`, 'content-type': 'application/json' };
  const receivers: Started[] = [];
  for (const language of RECEIVERS) {
    // Each endpoint signs with its own secret: register first, then start the receiver with that secret.
    const probe = await freePort();
    const created = await fetch(`${base}/webhooks/endpoints`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: `http://127.0.0.1:${probe}/webhooks`, events: [EVENT], enabled: false }),
    });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };
    expect(endpoint.secret).not.toBe(app.webhook_secret);
    const { receiver, url } = await startReceiver(language, endpoint.secret, work);
    running.push(receiver);
    receivers.push(receiver);
    const patched = await fetch(`${base}/webhooks/endpoints/${endpoint.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ url, enabled: true }),
    });
    expect(patched.status).toBe(200);
  }
  const emitted = await emit(base, app.personal_access_token);
  const toEndpoints = emitted.deliveries.filter((delivery) => delivery.endpoint_id !== null);
  expect(toEndpoints).toHaveLength(2);
  for (const receiver of receivers) await waitForOutput(receiver, VERIFIED);
  for (const delivery of toEndpoints) {
    const view = await settled(base, app.personal_access_token, delivery.id);
    expect(view.status).toBe('succeeded');
    expect(view.attempts.map((attempt) => [attempt.trigger, attempt.status, attempt.outcome])).toEqual([
      ['schedule', 204, 'succeeded'],
    ]);
    expect(view.attempts[0]!.headers['webhook-id']).toBe(emitted.webhook_id);
  }
});
