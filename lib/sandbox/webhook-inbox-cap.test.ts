/**
 * The inbox's 5-stream cap against clients that never read, over node:http (attack finding 4): once a stream falls
 * more than 1 MiB behind, its connection is destroyed, so freeing its slot does not leave the socket (and its
 * buffered megabytes) alive beside the next 5 streams.
 */
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer } from './server';
import { testDatabase } from './test-helpers';

type Server = Awaited<ReturnType<typeof startSandboxServer>>;
let server: Server;
const sockets: net.Socket[] = [];
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, ...testDatabase(), purgeIntervalMs: 0 });
  server.server.on('connection', (socket) => sockets.push(socket));
});
afterAll(() => server.close());

/** A JSON request with the token; the status and body text. */
async function send(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text() };
}

describe('inbox streams over node:http', () => {
  it('destroy the connection of a client that never reads, so at most 5 stay open per app', async () => {
    const app = JSON.parse(await (await fetch(`${server.url}/apps`, { method: 'POST' })).text()) as {
      personal_access_token: string;
    };
    const token = app.personal_access_token;
    expect((await send(token, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 })).status).toBe(200);
    const before = sockets.length;
    const port = Number(new URL(server.url).port);
    const clients = Array.from({ length: 5 }, () => {
      const client = net.connect(port, '127.0.0.1');
      client.on('error', () => undefined);
      client.write(`GET /webhooks/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      client.pause();
      return client;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const streams = sockets.slice(before, before + 5);
    expect(streams).toHaveLength(5);
    // Each replay sends the listen copy's delivery with ~49 KiB of attempts to every stream: megabytes per stream.
    const report = { status: 500, duration_ms: 1, response_excerpt: 'x'.repeat(1024), error: 'e'.repeat(256) };
    for (let message = 0; message < 12 && streams.some((socket) => !socket.destroyed); message++) {
      const emitted = JSON.parse((await send(token, 'POST', '/webhooks/emit', { event: 'member.invited' })).text) as {
        deliveries: { id: string; endpoint_id: string | null }[];
      };
      const listen = emitted.deliveries.find((delivery) => delivery.endpoint_id === null)!.id;
      for (let i = 0; i < 40; i++)
        expect((await send(token, 'POST', `/webhooks/deliveries/${listen}/attempts`, report)).status).toBe(201);
      for (let i = 0; i < 50 && streams.some((socket) => !socket.destroyed); i++)
        expect((await send(token, 'POST', `/webhooks/deliveries/${listen}/replay`)).status).toBe(202);
    }
    // Before: the slots were freed with res.end(), and the sockets stayed open with what they had queued.
    expect(streams.filter((socket) => !socket.destroyed)).toHaveLength(0);
    const sixth = await fetch(`${server.url}/webhooks/inbox`, { headers: { authorization: `Bearer ${token}` } });
    expect(sixth.status).toBe(200);
    await sixth.body?.cancel();
    clients.forEach((client) => client.destroy());
  });
});
