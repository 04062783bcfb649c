import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, test } from '@playwright/test';

import { getOperation } from '../../lib/openapi';

/**
 * The MCP endpoint against `next start`, through the SDK's own Client and its Streamable HTTP client transport, and
 * raw requests for the refusals. Nothing may answer 5xx.
 */

const port = Number(process.env.PORT ?? 3100);
const endpoint = `http://localhost:${port}/mcp`;
const snapshot = JSON.parse(readFileSync('lib/mcp/tools.snapshot.json', 'utf8')) as { tools: { name: string }[] };

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text?: string }[] };

let client: Client;
test.beforeAll(async () => {
  client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
});
test.afterAll(() => client.close());

const call = (name: string, args: Record<string, unknown> = {}) =>
  client.callTool({ name, arguments: args }) as Promise<Result>;

/** A raw POST to /mcp as an MCP client sends it. */
function post(body: string, headers: Record<string, string> = {}) {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body,
  });
}

test('lists the tools of the committed snapshot', async () => {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name)).toEqual(snapshot.tools.map((tool) => tool.name));
});

test('search_docs("rate limit") returns the rate-limits guide first', async () => {
  const { structuredContent } = await call('search_docs', { query: 'rate limit' });
  const [first] = structuredContent?.hits as { url: string; kind: string }[];
  expect(first?.kind).toBe('guide');
  expect(new URL(first!.url).pathname).toBe('/docs/rate-limits');
});

test('read_page("/reference/createProject") returns Markdown with the request body fields', async () => {
  const result = await call('read_page', { path: '/reference/createProject' });
  expect(result.isError).toBeFalsy();
  const markdown = result.content[0]?.text ?? '';
  const schema = getOperation('createProject')!.requestBody!.content['application/json']!.schema!;
  for (const field of Object.keys(schema.properties!)) expect(markdown, field).toContain(field);
});

test('sandbox_create_app then sandbox_call("listProjects") answers 200 with an X-Request-ID', async () => {
  const app = (await call('sandbox_create_app')).structuredContent as { personal_access_token: string };
  const result = await call('sandbox_call', {
    operation_id: 'listProjects',
    parameters: { limit: 3 },
    credentials: { access_token: app.personal_access_token },
  });
  expect(result.isError).toBeFalsy();
  const out = result.structuredContent as { status: number; headers: Record<string, string>; body: unknown[] };
  expect(out.status).toBe(200);
  expect(out.headers['x-request-id']).toMatch(/^req_/);
  expect(out.body).toHaveLength(3);
});

test('an unknown operation is a tool error in words, not a protocol error', async () => {
  for (const tool of ['get_operation', 'sandbox_call']) {
    const result = await call(tool, { operation_id: 'launchRockets' });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/Unknown operation “launchRockets”.*listProjects/);
  }
});

test('bad input gets protocol-correct errors and never a 5xx', async () => {
  const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  const huge = JSON.stringify({
    jsonrpc: '2.0',
    id: 2,
    method: 'tools/call',
    params: { name: 'search_docs', arguments: { query: 'x'.repeat(70 * 1024) } },
  });
  const cases: [string, Promise<Response>, number, number][] = [
    ['oversized body', post(huge), 413, -32000],
    ['malformed JSON', post('{"jsonrpc": "2.0", "id": '), 400, -32700],
    ['foreign Origin', post(list, { Origin: 'https://evil.example' }), 403, -32000],
    ['GET (no stream: stateless)', fetch(endpoint, { headers: { Accept: 'text/event-stream' } }), 405, -32000],
  ];
  for (const [name, pending, status, code] of cases) {
    const response = await pending;
    expect(response.status, name).toBe(status);
    expect(((await response.json()) as { error: { code: number } }).error.code, name).toBe(code);
  }
  // Oversized arguments within the body cap: the tool's input schema refuses them as a tool error.
  const long = await call('search_docs', { query: 'x'.repeat(5000) });
  expect(long.isError).toBe(true);
  // TRACE never reaches Next (the request guard answers it).
  const trace = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
    const req = httpRequest(endpoint, { method: 'TRACE' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, allow: res.headers.allow });
    });
    req.on('error', reject);
    req.end();
  });
  expect(trace).toEqual({ status: 405, allow: 'POST, OPTIONS' });
});
