/**
 * Helpers of the webhook delivery tests: real receivers on 127.0.0.1 (ports the kernel picks: the sqlite and postgres
 * projects run at once), waiting for a condition without long sleeps, and reading server-sent events from a body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, expect } from 'vitest';

import type { Sandbox } from './handler';
import { bearer, JSON_TYPE, send, type App } from './test-helpers';
import type { deliveryView, endpointView } from './webhook-views';

/** One request a receiver got. */
export interface Received {
  headers: Record<string, string>;
  body: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/**
 * A receiver on 127.0.0.1 answering the given statuses in turn (the last one repeated), with `reply` as the body,
 * `delayMs` after each request arrived.
 * @returns what it received, and its URL (`http://127.0.0.1:<port>/hook`).
 */
export async function receiver(
  statuses: number[],
  reply = 'ok',
  delayMs = 0,
): Promise<{ received: Received[]; url: string; port: number }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = statuses[Math.min(received.length, statuses.length) - 1] ?? 200;
      setTimeout(() => response.writeHead(status).end(reply), delayMs);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  closers.push(() => new Promise<void>((closed) => (server.closeAllConnections(), server.close(() => closed()))));
  const { port } = server.address() as AddressInfo;
  return { received, port, url: `http://127.0.0.1:${port}/hook` };
}

/** Resolves once `check` returns a value other than undefined/false, polling every 50 ms; fails after `ms`. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 5_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends a JSON request with the app's personal access token. */
export function call(sandbox: Sandbox, app: App, method: string, path: string, body?: unknown): Promise<Response> {
  return send(sandbox, path, {
    method,
    headers: bearer(app.personal_access_token, body === undefined ? {} : JSON_TYPE),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** The API's endpoint object (the route's own view, so the tests read what it sends). */
export type EndpointJson = ReturnType<typeof endpointView>;

/** The API's delivery object, with its attempts. */
export type DeliveryJson = ReturnType<typeof deliveryView>;

/** Registers an endpoint (201 expected). */
export async function addEndpoint(sandbox: Sandbox, app: App, body: Record<string, unknown>): Promise<EndpointJson> {
  const response = await call(sandbox, app, 'POST', '/webhooks/endpoints', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as EndpointJson;
}

/** Emits an event (200 expected) and returns the answer. */
export async function emit(
  sandbox: Sandbox,
  app: App,
  event = 'deployment.succeeded',
): Promise<{ webhook_id: string; payload: string; headers: Record<string, string>; deliveries: DeliveryJson[] }> {
  const response = await call(sandbox, app, 'POST', '/webhooks/emit', { event });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Awaited<ReturnType<typeof emit>>;
}

/** A delivery as GET /webhooks/deliveries/{id} shows it. */
export async function deliveryOf(sandbox: Sandbox, app: App, id: string): Promise<DeliveryJson> {
  const response = await call(sandbox, app, 'GET', `/webhooks/deliveries/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as DeliveryJson;
}

/** One server-sent event. */
export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Reads server-sent events from a response body as they arrive.
 * @returns `next(match?)`: the next event (matching `match`), failing after 5 s; `close()`: cancels the body.
 */
export function events(response: Response): {
  next(match?: (event: ServerEvent) => boolean, ms?: number): Promise<ServerEvent>;
  close(): Promise<void>;
} {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: ServerEvent[] = [];
  const pull = async (deadline: number) => {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no event in time')), Math.max(1, deadline - Date.now())),
    );
    const { value, done } = await Promise.race([reader.read(), timeout]);
    if (done) throw new Error('stream ended');
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      queue.push({ event: event ?? (block.startsWith(':') ? 'comment' : 'message'), data: data ?? block });
    }
  };
  return {
    async next(match = () => true, ms = 5_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const index = queue.findIndex(match);
        if (index >= 0) return queue.splice(index, 1)[0]!;
        queue.length = 0;
        await pull(deadline);
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}
