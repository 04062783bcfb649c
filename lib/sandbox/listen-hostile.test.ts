/**
 * sandbox:listen against a hostile --base-url (a fake inbox on a port the kernel picks) and a real receiver: control
 * characters in every field it prints, a line above 1 MiB (the connection ends, listen reconnects without starting
 * the backoff over), a flood of forward events (8 at once, the rest in order, past the queue skipped in words).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { listen } from './listen';
import { MAX_FORWARDS_RUNNING, MAX_FORWARDS_WAITING } from './listen-queue';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server on 127.0.0.1 that `closers` shuts down after the test. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  closers.push(() => new Promise<void>((closed) => (server.closeAllConnections(), server.close(() => closed()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A fake sandbox: `inbox(n, response)` writes the n-th inbox connection (from 1); attempts get `attemptStatus`. */
async function fakeSandbox(inbox: (n: number, response: http.ServerResponse) => void, attemptDetail?: string) {
  let connections = 0;
  return serve((request, response) => {
    if (request.url === '/webhooks/inbox') {
      connections += 1;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return inbox(connections, response);
    }
    request.resume();
    if (attemptDetail === undefined) return void response.writeHead(201).end('{}');
    const problem = { title: 'Bad Request', detail: attemptDetail };
    response.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
  });
}

const forwardEvent = (fields: Record<string, unknown>) =>
  `event: forward\ndata: ${JSON.stringify({ headers: { 'webhook-id': 'msg_1' }, payload: '{}', ...fields })}\n\n`;

/** Runs `listen` until the test ends. */
function start(baseUrl: string, forwardTo: string, backoffMs = [50]) {
  const lines: string[] = [];
  const controller = new AbortController();
  const done = listen(
    { baseUrl, forwardTo, print: (line) => lines.push(line), signal: controller.signal, backoffMs },
    {
      bearer: async () => 'pat_x',
    },
  );
  closers.unshift(() => (controller.abort(), done));
  return lines;
}

async function until(check: () => boolean, what: string, seconds = 8): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${seconds} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('sandbox:listen against a hostile --base-url', () => {
  it('prints no control character that came from the network', async () => {
    const escape = '\u001b[2J\u001b[1;31mFAKE\u001b[0m\u001b]0;pwned\u0007';
    const base = await fakeSandbox((n, response) => {
      if (n > 1) return;
      response.write(`event: ready\ndata: ${JSON.stringify({ tenant_id: `ten_${escape}` })}\n\n`);
      const forged = 'msg_\u001b[1A\u001b[2K\r→ deployment.succeeded msg_ok 204 in 3 ms';
      response.write(forwardEvent({ delivery_id: 'dlv_1', message_id: forged, event: 'x\u009b31m\ttab' }));
      response.write(`event: forward\ndata: {"oops":"\\u001b[31mred\\u0000"}\n\n`);
      setTimeout(() => response.end(), 300);
    }, `detail ${escape}\r\nInjected: yes`);
    const receiver = await serve((request, response) => (request.resume(), response.writeHead(204).end()));
    const lines = start(base, `${receiver}/webhooks`);
    await until(() => lines.some((line) => line.startsWith('Inbox connection lost')), 'the stream ends');
    await until(() => lines.some((line) => line.includes('not recorded')), 'the report is refused');
    expect(lines.filter((line) => CONTROL.test(line))).toEqual([]);
    expect(lines).toContain(`Ready: forwarding deliveries of ten_[2J[1;31mFAKE[0m]0;pwned to ${receiver}/webhooks`);
    expect(lines).toContainEqual(
      expect.stringMatching(/^→ x31mtab msg_\[1A\[2K→ deployment\.succeeded msg_ok 204 in 3 ms 204 in \d+ ms$/),
    );
    expect(lines).toContain('  a forward event without a delivery was skipped: {"oops":"\\u001b[31mred\\u0000"}');
    expect(lines).toContain('  the attempt was not recorded: 400 detail [2J[1;31mFAKE[0m]0;pwnedInjected: yes');
  });

  it('ends a connection at a line above 1 MiB, says so, and reconnects without starting the backoff over', async () => {
    const base = await fakeSandbox((n, response) => {
      response.write('event: ready\ndata: {"tenant_id":"ten_1"}\n\n');
      if (n <= 2) response.write(`data: ${'x'.repeat(1536 * 1024)}`);
    });
    const lines = start(base, 'http://127.0.0.1:9/', [50, 200]);
    await until(() => lines.filter((line) => line.startsWith('Ready:')).length === 3, 'a third connection');
    const limit =
      'the inbox stream sent a line of more than 1 MiB (1,048,576 bytes); the sandbox never does, so the connection was ended';
    expect(lines.filter((line) => line.startsWith('Inbox'))).toEqual([
      `Inbox connection lost (${limit}); reconnecting in 0.05 s…`,
      `Inbox connection lost (${limit}); reconnecting in 0.2 s…`,
    ]);
  });

  it(`forwards ${MAX_FORWARDS_RUNNING} at once, the rest in order, and skips past ${MAX_FORWARDS_WAITING} waiting`, async () => {
    const total = MAX_FORWARDS_RUNNING + MAX_FORWARDS_WAITING + 2;
    const base = await fakeSandbox((n, response) => {
      if (n > 1) return;
      let events = 'event: ready\ndata: {"tenant_id":"ten_1"}\n\n';
      for (let i = 0; i < total; i += 1) {
        const headers = { 'webhook-id': `msg_${i}` };
        events += forwardEvent({
          delivery_id: `dlv_${i}`,
          message_id: `msg_${i}`,
          event: 'deployment.succeeded',
          headers,
        });
      }
      response.write(events);
    });
    const order: string[] = [];
    const held: http.ServerResponse[] = [];
    let holding = true;
    const receiver = await serve((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        order.push(String(request.headers['webhook-id']));
        if (holding) held.push(response);
        else response.writeHead(204).end();
      });
    });
    const lines = start(base, `${receiver}/webhooks`);
    await until(() => held.length === MAX_FORWARDS_RUNNING, `${MAX_FORWARDS_RUNNING} forwards held`);
    await until(() => lines.filter((line) => line.startsWith('  skipped')).length === 2, 'two skipped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(held).toHaveLength(MAX_FORWARDS_RUNNING);
    // The first eight started; the next one waits for a free place (their requests may land in any order).
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `msg_${from + i}`);
    expect([...order].sort()).toEqual(ids(0, MAX_FORWARDS_RUNNING).sort());
    expect(lines.filter((line) => line.startsWith('  skipped'))).toEqual(
      [total - 2, total - 1].map(
        (i) =>
          `  skipped → deployment.succeeded msg_${i}: ${MAX_FORWARDS_RUNNING} forwards are running and the queue is full ` +
          `(${MAX_FORWARDS_WAITING} or 16 MiB waiting); send it again with POST /webhooks/deliveries/dlv_${i}/replay`,
      ),
    );
    holding = false;
    for (const response of held.splice(0)) response.writeHead(204).end();
    // 1,008 forwards and their reports, eight at a time: ~5 s on a busy 2-core machine.
    await until(() => lines.filter((line) => line.startsWith('→ ')).length === total - 2, 'every forward printed', 40);
    expect([...order].sort()).toEqual(ids(0, total - 2).sort());
    // Started in arrival order: never more than eight places apart from where the stream put them.
    order.forEach((id, index) => expect(Math.abs(Number(id.slice(4)) - index)).toBeLessThan(MAX_FORWARDS_RUNNING));
  }, 60_000);
});
