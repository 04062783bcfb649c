/**
 * Webhook deliveries over real connections (issue #19, items 3 and 4): nothing sent where an address is refused, the
 * connection pinned to the checked addresses (DNS rebinding), and real receivers on this machine (status, redirects,
 * time-outs, caps, exact bytes, TLS names). The address rules themselves: outbound-refusal.test.ts.
 * Receivers listen on ports the kernel picks: this file runs in the sqlite and postgres projects at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { forwardWebhook, MAX_EXCERPT_BYTES, postWebhook, type OutboundPolicy } from './outbound';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real receiver on `host`; records every request it gets, then lets `answer` reply. */
async function receiver(
  answer: (request: http.IncomingMessage, response: http.ServerResponse) => void,
  host = '127.0.0.1',
  port = 0,
) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      answer(request, response);
    });
  });
  await new Promise<void>((listening) => server.listen(port, host, listening));
  closers.push(() => new Promise((closed) => server.close(() => closed()) && server.closeAllConnections()));
  const bound = (server.address() as AddressInfo).port;
  return { received, port: bound, url: `http://${host}:${bound}` };
}

const mounted: OutboundPolicy = { allowLoopback: false, timeoutMs: 5000 };
const standalone: OutboundPolicy = { allowLoopback: true, timeoutMs: 5000 };
const answering =
  (status: number, body = '', headers: http.OutgoingHttpHeaders = {}) =>
  (_request: http.IncomingMessage, response: http.ServerResponse) =>
    response.writeHead(status, headers).end(body);
const resolving =
  (...addresses: string[]): OutboundPolicy['resolve'] =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const);
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('postWebhook: what is refused is never sent', () => {
  it('refuses a name resolving to a public address first and a private one next; nothing is sent', async () => {
    const local = await receiver(answering(204));
    const result = await postWebhook(`http://hooks.example:${local.port}/`, {}, '{}', {
      ...mounted,
      resolve: resolving('93.184.215.14', '10.0.0.5'),
    });
    expect(result).toMatchObject({ outcome: 'refused', address: '10.0.0.5', excerpt: '' });
    expect(result.error).toBe(
      'refused: hooks.example resolves to 10.0.0.5, a private address (10.0.0.0/8); the sandbox in the portal delivers only to public addresses — use npm run sandbox:listen to forward to your machine',
    );
    await settle();
    expect(local.received).toHaveLength(0);
  });

  it('refuses loopback in every spelling in the portal, and a receiver on 127.0.0.1 gets nothing', async () => {
    const local = await receiver(answering(204));
    const urls = [
      `${local.url}/hooks`,
      `http://localhost:${local.port}/hooks`,
      `http://[::ffff:127.0.0.1]:${local.port}/hooks`,
      `http://[::ffff:7f00:1]:${local.port}/hooks`,
      `http://2130706433:${local.port}/hooks`,
      `http://0.0.0.0:${local.port}/hooks`,
    ];
    for (const url of urls) {
      const result = await postWebhook(url, {}, '{}', mounted);
      expect(result.outcome, url).toBe('refused');
      expect(result.error, url).toMatch(/^refused: .* (loopback|unspecified) address .*npm run sandbox:listen/);
    }
    const named = await postWebhook(`http://rebind.example:${local.port}/`, {}, '{}', {
      ...mounted,
      resolve: resolving('127.0.0.1'),
    });
    expect(named.error).toMatch(/^refused: rebind\.example resolves to 127\.0\.0\.1, a loopback address/);
    await settle();
    expect(local.received).toHaveLength(0);
  });

  it('refuses what is not an http(s) URL', async () => {
    const result = await postWebhook('file:///etc/passwd', {}, '{}', standalone);
    expect(result).toMatchObject({
      outcome: 'refused',
      error: 'refused: the URL uses file:; webhooks are delivered to http:// and https:// URLs only',
    });
  });

  it('pins the connection to the checked address: a second DNS answer (rebinding) is never used', async () => {
    const checked = await receiver(answering(204), '127.0.0.1');
    const swapped = await receiver(answering(204), '127.0.0.2', checked.port);
    let lookups = 0;
    const result = await postWebhook(`http://rebind.example:${checked.port}/hooks`, {}, '{}', {
      ...standalone,
      resolve: async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }],
    });
    expect(result).toMatchObject({ outcome: 'succeeded', status: 204, address: '127.0.0.1' });
    expect(checked.received).toHaveLength(1);
    expect(checked.received[0]?.headers.host).toBe(`rebind.example:${checked.port}`);
    expect(swapped.received).toHaveLength(0);
    expect(lookups).toBe(1);
  });
});

describe('postWebhook: a real receiver', () => {
  it('sends the exact body bytes and headers, and a 204 succeeds', async () => {
    const local = await receiver(answering(204));
    const body = '{"type":"member.invited","name":"Zoë 🚀","line":"a\u2028b"}';
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1796033700', 'webhook-signature': 'v1,abc=' };
    const result = await postWebhook(`${local.url}/hooks?team=1`, headers, body, standalone);
    expect(result).toMatchObject({ outcome: 'succeeded', status: 204, excerpt: '', address: '127.0.0.1' });
    expect(result.error).toBeUndefined();
    expect(result.durationMs).toBeGreaterThan(0);
    const [request] = local.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hooks?team=1');
    expect(request?.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(request?.headers).toMatchObject({
      ...headers,
      'content-type': 'application/json',
      'user-agent': 'AeThex-Sandbox-Webhooks/1',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('a 500 fails, with the status and an excerpt of the answer', async () => {
    const local = await receiver(answering(500, 'database down', { 'content-type': 'text/plain' }));
    const result = await postWebhook(local.url, {}, '{}', standalone);
    expect(result).toMatchObject({
      outcome: 'failed',
      status: 500,
      excerpt: 'database down',
      error: 'the receiver answered 500 Internal Server Error; a delivery needs 2xx',
    });
  });

  it('a 302 fails and its target is never requested', async () => {
    const local = await receiver((request, response) =>
      request.url === '/hooks'
        ? response.writeHead(302, { location: `http://127.0.0.1:${local.port}/elsewhere` }).end()
        : response.writeHead(200).end(),
    );
    const result = await postWebhook(`${local.url}/hooks`, {}, '{}', standalone);
    expect(result).toMatchObject({
      outcome: 'failed',
      status: 302,
      error: `redirect (302 to http://127.0.0.1:${local.port}/elsewhere) not followed: answer 2xx`,
    });
    await settle();
    expect(local.received.map((request) => request.url)).toEqual(['/hooks']);
  });

  it('a receiver that never answers times out, in words, after the policy timeout', async () => {
    const local = await receiver(() => undefined);
    const result = await postWebhook(local.url, {}, '{}', { ...standalone, timeoutMs: 300 });
    expect(result).toMatchObject({ outcome: 'failed', error: 'timed out after 0.3 s', address: '127.0.0.1' });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('an answer whose body never ends times out, keeping the status', async () => {
    const local = await receiver((_request, response) => response.writeHead(200).write('partial'));
    const result = await postWebhook(local.url, {}, '{}', { ...standalone, timeoutMs: 300 });
    expect(result).toMatchObject({ outcome: 'failed', status: 200, error: 'timed out after 0.3 s' });
  });

  it('the time-out covers a slow DNS answer too', async () => {
    const result = await postWebhook('http://slow.example/', {}, '{}', {
      ...standalone,
      timeoutMs: 200,
      resolve: () => new Promise((resolve) => setTimeout(() => resolve([{ address: '127.0.0.1', family: 4 }]), 5000)),
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'timed out after 0.2 s' });
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('a closed port is "connection refused", naming the address', async () => {
    const local = await receiver(answering(204));
    await closers.pop()?.();
    const result = await postWebhook(`${local.url}/hooks`, {}, '{}', standalone);
    expect(result).toMatchObject({
      outcome: 'failed',
      error: `connection refused (ECONNREFUSED) by 127.0.0.1:${local.port}`,
    });
    expect(result.status).toBeUndefined();
  });

  it('a connection closed without an answer is said in words', async () => {
    const local = await receiver((request) => request.socket.destroy());
    const result = await postWebhook(local.url, {}, '{}', standalone);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(new RegExp(`^connection (closed|reset).* by 127\\.0\\.0\\.1:${local.port}`));
  });

  it('a DNS failure is said in words', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND x.example'), { code: 'ENOTFOUND' });
    const result = await postWebhook('https://x.example/hooks', {}, '{}', {
      ...mounted,
      resolve: () => Promise.reject(notFound),
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'DNS lookup of x.example failed: not found (ENOTFOUND)' });
    const real = await postWebhook('https://nothing.invalid/', {}, '{}', mounted);
    expect(real.error).toMatch(/^DNS lookup of nothing\.invalid failed: .+ \((ENOTFOUND|EAI_AGAIN|ENODATA)\)$/);
  });

  it('a header that cannot be sent fails in words instead of throwing', async () => {
    const local = await receiver(answering(204));
    const result = await postWebhook(local.url, { 'webhook-id': 'msg_1\r\nx-injected: 1' }, '{}', standalone);
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^a header cannot be sent/) });
    expect(local.received).toHaveLength(0);
  });

  it('reads at most 64 KiB of an endless answer and keeps 1 KiB', async () => {
    let written = 0;
    const local = await receiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (!response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      pump();
    });
    const result = await postWebhook(local.url, {}, '{}', { ...standalone, timeoutMs: 5000 });
    expect(result).toMatchObject({ outcome: 'succeeded', status: 200, excerpt: 'a'.repeat(MAX_EXCERPT_BYTES) });
    expect(result.durationMs).toBeLessThan(4000);
    expect(written).toBeGreaterThan(64 * 1024);
  });

  it('cuts the excerpt at a character boundary', async () => {
    const answer = `a${'é'.repeat(600)}`; // 1,201 bytes: byte 1,024 is the middle of an é
    const local = await receiver(answering(400, answer, { 'content-type': 'text/plain; charset=utf-8' }));
    const result = await postWebhook(local.url, {}, '{}', standalone);
    expect(result.excerpt).toBe(`a${'é'.repeat(511)}`);
    expect(result.excerpt).not.toContain('\uFFFD');
  });
});

describe('postWebhook: TLS keeps the host name', () => {
  it('sends the name as SNI to the pinned address and names the certificate failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbound-tls-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=receiver.test',
        '-addext',
        'subjectAltName=DNS:receiver.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const names: string[] = [];
    const server = https.createServer(
      {
        key: readFileSync(join(dir, 'key.pem')),
        cert: readFileSync(join(dir, 'cert.pem')),
        SNICallback: (name, done) => {
          names.push(name);
          done(null);
        },
      },
      (_request, response) => response.writeHead(204).end(),
    );
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    closers.push(() => new Promise((closed) => server.close(() => closed())));
    const { port } = server.address() as AddressInfo;
    const result = await postWebhook(`https://receiver.test:${port}/hooks`, {}, '{}', {
      ...standalone,
      resolve: resolving('127.0.0.1'),
    });
    expect(names).toEqual(['receiver.test']);
    expect(result).toMatchObject({
      outcome: 'failed',
      address: '127.0.0.1',
      error: 'TLS: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
  });
});

describe('postWebhook: several addresses, and forwardWebhook', () => {
  it('tries every checked address in turn (a receiver on 127.0.0.1 only, localhost resolving to ::1 first)', async () => {
    const local = await receiver(answering(204));
    const policy = { ...standalone, resolve: resolving('::1', '127.0.0.1') };
    const result = await postWebhook(`http://localhost:${local.port}/hooks`, {}, '{}', policy);
    expect(result).toMatchObject({ outcome: 'succeeded', status: 204, address: '127.0.0.1' });
    await closers.pop()?.();
    const refused = await postWebhook(`http://localhost:${local.port}/hooks`, {}, '{}', policy);
    expect(refused.error).toBe(`connection refused (ECONNREFUSED) by [::1]:${local.port} and 127.0.0.1:${local.port}`);
  });

  it('forwardWebhook (sandbox:listen, on the developer machine) refuses no address; postWebhook does', async () => {
    const local = await receiver(answering(202, 'queued'));
    const url = `http://0.0.0.0:${local.port}/hooks`;
    expect(await postWebhook(url, {}, '{}', standalone)).toMatchObject({ outcome: 'refused' });
    expect(local.received).toHaveLength(0);
    const body = '{"name":"Zoë"}';
    const result = await forwardWebhook(url, { 'webhook-id': 'msg_2' }, body, 5000);
    expect(result).toMatchObject({ outcome: 'succeeded', status: 202, excerpt: 'queued' });
    expect(local.received[0]?.body.toString('utf8')).toBe(body);
    expect(local.received[0]?.headers['webhook-id']).toBe('msg_2');
  });
});
