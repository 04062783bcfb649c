import { afterEach, describe, expect, it, vi } from 'vitest';

import { testSandbox } from '@/lib/sandbox/test-helpers';

import { BATCH_REFUSED, handleMcp } from './http';
import { MAX_REQUEST_BYTES } from './limits';
import { RateLimiter } from './rate-limit';
import { rpcRequest, TEST_ORIGIN } from './test-helpers';

const sandbox = testSandbox();
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
const call = (request: Request, ratePerMinute = 1000) =>
  handleMcp(request, { sandbox, limiter: new RateLimiter(), ratePerMinute });

async function rpcErrorOf(response: Response): Promise<{ code: number; message: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { jsonrpc: string; error: { code: number; message: string }; id: null };
  expect(body.jsonrpc).toBe('2.0');
  expect(body.id).toBeNull();
  return body.error;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the /mcp HTTP pipeline', () => {
  it('answers a JSON-RPC request without an Origin and with its own origin', async () => {
    for (const headers of [{}, { Origin: TEST_ORIGIN }] as Record<string, string>[]) {
      const response = await call(rpcRequest(LIST, headers));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(7);
    }
  });

  it('refuses a DNS-rebinding page whose Origin matches the Host it sent, and accepts PORTAL_URL behind a proxy', async () => {
    const rebound = 'http://evil.example:3000';
    const request = new Request(`${rebound}/mcp`, rpcRequest(LIST, { Origin: rebound }));
    expect(request.headers.get('origin')).toBe(rebound);
    expect((await call(request)).status).toBe(403);
    vi.stubEnv('PORTAL_URL', 'https://docs.aethex.dev');
    const proxied = new Request('http://10.0.0.5:3000/mcp', rpcRequest(LIST, { Origin: 'https://docs.aethex.dev' }));
    expect((await call(proxied)).status).toBe(200);
  });

  it('accepts any loopback name of its own port on a loopback request (next start makes request.url localhost)', async () => {
    for (const origin of ['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000'])
      expect((await call(rpcRequest(LIST, { Origin: origin }))).status).toBe(200);
    for (const origin of [
      'http://127.0.0.1:4000',
      'https://127.0.0.1:3000',
      'http://127.1:3000',
      'http://127.0.0.1:3000/',
    ])
      expect((await call(rpcRequest(LIST, { Origin: origin }))).status).toBe(403);
    const remote = new Request('http://10.0.0.5:3000/mcp', rpcRequest(LIST, { Origin: 'http://127.0.0.1:3000' }));
    expect((await call(remote)).status).toBe(403);
  });

  it('refuses a foreign Origin with 403 and a JSON-RPC error, unless MCP_ALLOWED_ORIGINS lists it', async () => {
    const foreign = await call(rpcRequest(LIST, { Origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);
    expect((await rpcErrorOf(foreign)).message).toMatch(/Origin/);
    expect((await call(rpcRequest(LIST, { Origin: 'null' }))).status).toBe(403);
    vi.stubEnv('MCP_ALLOWED_ORIGINS', 'https://inspector.example, https://other.example/');
    const allowed = await call(rpcRequest(LIST, { Origin: 'https://other.example' }));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://other.example');
    const preflight = await call(rpcRequest('', { Origin: 'https://inspector.example' }, 'OPTIONS'));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('answers GET and DELETE with 405 and Allow (stateless: no stream, no session)', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const response = await call(rpcRequest('', {}, method));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
      expect((await rpcErrorOf(response)).code).toBe(-32000);
    }
  });

  it('caps the body at 64 KiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'search_docs', arguments: { query: 'x'.repeat(MAX_REQUEST_BYTES) } },
    });
    const declared = await call(rpcRequest(big));
    expect(declared.status).toBe(413);
    expect((await rpcErrorOf(declared)).code).toBe(-32000);
    const stream = new Blob([big]).stream();
    const chunked = new Request(rpcRequest('').url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await call(chunked)).status).toBe(413);
  });

  it('answers malformed JSON with 400 and -32700, and JSON that is no JSON-RPC message with 400 and -32600', async () => {
    const response = await call(rpcRequest('{"jsonrpc": "2.0", "id": 1,'));
    expect(response.status).toBe(400);
    expect((await rpcErrorOf(response)).code).toBe(-32700);
    const envelopes: unknown[] = [
      { hello: 'world' },
      { jsonrpc: '1.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', id: 1 },
      { jsonrpc: '2.0', id: null, method: 'tools/list' },
      { jsonrpc: '2.0', id: 1.5, method: 'tools/list' },
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: [1] },
    ];
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const envelope of envelopes) {
      const invalid = await call(rpcRequest(JSON.stringify(envelope)));
      expect(invalid.status).toBe(400);
      expect((await rpcErrorOf(invalid)).message).toMatch(/^Invalid Request: the body is not a JSON-RPC 2\.0 message/);
    }
    expect(log).not.toHaveBeenCalled();
  });

  it('limits requests per client address with 429, Retry-After and a JSON-RPC error', async () => {
    const limiter = new RateLimiter();
    const from = (address: string) =>
      handleMcp(rpcRequest(LIST, { 'X-Forwarded-For': address }), { sandbox, limiter, ratePerMinute: 2 });
    expect((await from('192.0.2.1')).status).toBe(200);
    expect((await from('192.0.2.1')).status).toBe(200);
    const limited = await from('192.0.2.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await rpcErrorOf(limited)).message).toMatch(/at most 2 a minute/);
    expect((await from('192.0.2.2')).status).toBe(200);
  });

  it('reads MCP_RATE_LIMIT_PER_MINUTE', async () => {
    vi.stubEnv('MCP_RATE_LIMIT_PER_MINUTE', '1');
    const limiter = new RateLimiter();
    expect((await handleMcp(rpcRequest(LIST), { sandbox, limiter })).status).toBe(200);
    expect((await handleMcp(rpcRequest(LIST), { sandbox, limiter })).status).toBe(429);
  });

  it('turns a failure inside into a JSON-RPC internal error: no 5xx, no details, logged without secrets', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = new Request('http://localhost:3000/mcp', { method: 'POST', body: LIST });
    Object.defineProperty(broken, 'headers', {
      get() {
        throw new Error('boom with pat_0123456789abcdef0123456789abcdef');
      },
    });
    const response = await call(broken);
    expect(response.status).toBe(200);
    const error = await rpcErrorOf(response);
    expect(error).toEqual({ code: -32603, message: 'Internal error' });
    expect(log.mock.calls.join(' ')).toMatch(/pat_\[redacted\]/);
    expect(log.mock.calls.join(' ')).not.toMatch(/0123456789abcdef/);
  });

  it('answers notifications with 202 and a wrong Accept with the SDK’s 406', async () => {
    const note = await call(rpcRequest(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })));
    expect(note.status).toBe(202);
    const json = await call(rpcRequest(LIST, { Accept: 'text/html' }));
    expect(json.status).toBe(406);
  });
});

describe('one message per request', () => {
  it('refuses a JSON-RPC batch with 400 and -32600 before any message runs', async () => {
    const batch = JSON.stringify(
      Array.from({ length: 3 }, (_, id) => ({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: { name: 'get_error', arguments: { code: 429 } },
      })),
    );
    const limiter = new RateLimiter();
    const response = await handleMcp(rpcRequest(batch), { sandbox, limiter, ratePerMinute: 1000 });
    expect(response.status).toBe(400);
    expect(await rpcErrorOf(response)).toEqual({ code: -32600, message: BATCH_REFUSED });
    expect((await call(rpcRequest('[]'))).status).toBe(400);
  });

  it('refuses a JSON body that is not an object (number, string, null) with 400 and -32600', async () => {
    for (const body of ['1', '"tools/list"', 'null', 'true']) {
      const response = await call(rpcRequest(body));
      expect(response.status).toBe(400);
      expect((await rpcErrorOf(response)).code).toBe(-32600);
    }
  });
});

describe('the body read', () => {
  const streaming = (body: ReadableStream<Uint8Array>) =>
    new Request(rpcRequest('').url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body,
      duplex: 'half',
    } as RequestInit);

  it('answers a body still arriving after the timeout with 408 and -32000, and cancels the stream', async () => {
    let cancelled = false;
    const trickle = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{')),
      cancel: () => void (cancelled = true),
    });
    const options = { sandbox, limiter: new RateLimiter(), ratePerMinute: 1000, bodyTimeoutMs: 50 };
    const response = await handleMcp(streaming(trickle), options);
    expect(response.status).toBe(408);
    expect(await rpcErrorOf(response)).toEqual({ code: -32000, message: 'Request body not received within 0.05 s' });
    expect(cancelled).toBe(true);
  });

  it('does not log a client that closes the connection mid-body as a failure', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const aborted = new ReadableStream<Uint8Array>({
      start: (controller) => controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })),
    });
    const response = await call(streaming(aborted));
    expect(response.status).toBeLessThan(500);
    expect((await rpcErrorOf(response)).code).toBe(-32000);
    expect(log).not.toHaveBeenCalled();
  });
});
