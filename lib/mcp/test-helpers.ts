/**
 * Test helpers of lib/mcp: the SDK's own Client over its Streamable HTTP client transport, whose `fetch` calls
 * handleMcp in-process, so tests go through the whole HTTP pipeline (Origin, limits, body cap) without a server.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { Sandbox } from '@/lib/sandbox/handler';

import { handleMcp, type McpHttpOptions } from './http';
import { RateLimiter } from './rate-limit';

/** The origin tests call from. */
export const TEST_ORIGIN = 'http://localhost:3000';

/** The endpoint tests call. */
export const MCP_URL = `${TEST_ORIGIN}/mcp`;

/**
 * A fetch that answers with handleMcp, as `next start` would, adding the X-Forwarded-For Next fills in.
 * @param sandbox the sandbox of the sandbox tools; @param address the client address the caller seems to come from
 * @param options handleMcp's other options (default: a limiter of its own, 10,000 requests a minute)
 */
export function mcpFetch(sandbox: Sandbox, address = '192.0.2.10', options: Omit<McpHttpOptions, 'sandbox'> = {}) {
  const rest = { limiter: new RateLimiter(), ratePerMinute: 10_000, ...options };
  return (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('X-Forwarded-For', address);
    return handleMcp(new Request(request, { headers }), { sandbox, ...rest });
  };
}

/**
 * A connected SDK Client (initialize done) over Streamable HTTP to handleMcp.
 * @returns the client; close it after the test
 */
export async function connectClient(sandbox: Sandbox, address?: string): Promise<Client> {
  const client = new Client({ name: 'lib-mcp-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), { fetch: mcpFetch(sandbox, address) }));
  return client;
}

/** A raw JSON-RPC POST as an MCP client sends it (both Accept types), with extra headers and a raw body. */
export function rpcRequest(body: string, headers: Record<string, string> = {}, method = 'POST'): Request {
  return new Request(MCP_URL, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
  });
}
