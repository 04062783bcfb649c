import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { getOperation } from '@/lib/openapi';
import { testSandbox } from '@/lib/sandbox/test-helpers';

import type { McpContext } from './context';
import { MAX_CALL_BODY_DEPTH } from './limits';
import { buildCall } from './sandbox-request';
import { connectClient, MCP_URL, mcpFetch, TEST_ORIGIN } from './test-helpers';

const sandbox = testSandbox({ appsPerHour: 3 });
const clients: Client[] = [];
afterAll(() => Promise.all(clients.map((c) => c.close())));

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text?: string }[] };
type App = { personal_access_token: string; client_id: string; client_secret: string; tenant_id: string };

async function connect(address: string) {
  const client = await connectClient(sandbox, address);
  clients.push(client);
  const tool = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args }) as Promise<Result>;
  return { tool, app: async () => (await tool('sandbox_create_app')).structuredContent as App };
}

const ctx: McpContext = { sandbox, origin: TEST_ORIGIN, clientAddress: '192.0.2.99' };

describe('sandbox_create_app and sandbox_call', async () => {
  const a = await connect('198.51.100.1');

  it('creates an app and lists its projects with X-Request-ID, rate-limit headers and Link', async () => {
    const app = await a.app();
    expect(app.personal_access_token).toMatch(/^pat_/);
    const result = await a.tool('sandbox_call', {
      operation_id: 'listProjects',
      parameters: { limit: 5 },
      credentials: { access_token: app.personal_access_token },
    });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as { status: number; headers: Record<string, string>; body: unknown[] };
    expect(out.status).toBe(200);
    expect(out.headers['x-request-id']).toMatch(/^req_/);
    expect(out.headers['x-ratelimit-remaining']).toBeDefined();
    expect(out.headers.link).toContain('rel="next"');
    expect(out.body).toHaveLength(5);
    expect(JSON.stringify(result)).not.toContain(app.personal_access_token);
  });

  it('gets a token with the client credentials grant and creates a project (Location, replayed Idempotency-Key)', async () => {
    const app = await a.app();
    const credentials = { client_id: app.client_id, client_secret: app.client_secret };
    const create = () =>
      a.tool('sandbox_call', {
        operation_id: 'createProject',
        parameters: { 'Idempotency-Key': '"mcp-test-1"' },
        body: { name: 'from mcp' },
        credentials,
      });
    const first = (await create()).structuredContent as { status: number; headers: Record<string, string> };
    expect(first.status).toBe(201);
    expect(first.headers.location).toMatch(/^http:\/\/localhost:3000\/sandbox\/v1\/projects\//);
    const again = (await create()).structuredContent as { headers: Record<string, string> };
    expect(again.headers['idempotent-replayed']).toBe('true');
    const bad = await a.tool('sandbox_call', {
      operation_id: 'listProjects',
      credentials: { client_id: app.client_id, client_secret: 'cs_wrong' },
    });
    expect(bad.isError).toBe(true);
    expect(bad.content[0]?.text).toMatch(/refused these client credentials/);
  });

  it('isolates tenants: app A’s token cannot read app B’s project', async () => {
    const b = await connect('198.51.100.2');
    const [appA, appB] = [await a.app(), await b.app()];
    const listB = await b.tool('sandbox_call', {
      operation_id: 'listProjects',
      credentials: { access_token: appB.personal_access_token },
    });
    const projectB = ((listB.structuredContent as { body: { id: string }[] }).body[0] as { id: string }).id;
    const asA = await a.tool('sandbox_call', {
      operation_id: 'getProjectMetrics',
      parameters: { projectId: projectB },
      credentials: { access_token: appA.personal_access_token },
    });
    expect((asA.structuredContent as { status: number }).status).toBe(404);
    const listA = await a.tool('sandbox_call', {
      operation_id: 'listProjects',
      parameters: { limit: 100 },
      credentials: { access_token: appA.personal_access_token },
    });
    expect(JSON.stringify(listA.structuredContent)).not.toContain(projectB);
  });

  it('counts apps against the MCP caller’s address (the sandbox’s per-address cap), not the portal’s', async () => {
    const c = await connect('198.51.100.3');
    for (let i = 0; i < 3; i++) expect((await c.tool('sandbox_create_app')).isError).toBeFalsy();
    const over = await c.tool('sandbox_create_app');
    expect(over.isError).toBe(true);
    expect(over.content[0]?.text).toMatch(/HTTP 429.*Retry after/);
    const d = await connect('198.51.100.4');
    expect((await d.tool('sandbox_create_app')).isError).toBeFalsy();
  });

  it('never leaves the sandbox: hostile path parameters stay one encoded segment or are refused', () => {
    const op = getOperation('getProjectMetrics')!;
    for (const projectId of ['//evil.example', 'https://evil.example/x', '%2F..%2Fapps', 'a/../../apps', '?x=1#y']) {
      const built = buildCall(ctx, op, { projectId }, undefined, undefined);
      if (!('request' in built)) throw new Error(built.error);
      const url = new URL(built.request.url);
      expect(url.origin).toBe(TEST_ORIGIN);
      expect(url.pathname).toBe(`/sandbox/v1/projects/${encodeURIComponent(projectId)}/metrics`);
    }
    for (const projectId of ['..', '.', '']) {
      expect(buildCall(ctx, op, { projectId }, undefined, undefined)).toEqual({
        error: expect.stringMatching(/cannot be/),
      });
    }
  });

  it('refuses unknown operations and parameters in words, and never sets its own headers from parameters', async () => {
    const unknown = await a.tool('sandbox_call', { operation_id: 'dropDatabase' });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0]?.text).toMatch(/Unknown operation “dropDatabase”.*listProjects/);
    const op = getOperation('listProjects')!;
    const host = buildCall(ctx, op, { Host: 'evil.example' }, undefined, undefined);
    expect(host).toEqual({ error: expect.stringMatching(/no parameter “Host”/) });
    const noCredentials = await a.tool('sandbox_call', { operation_id: 'listProjects' });
    expect(noCredentials.content[0]?.text).toMatch(/needs credentials.*sandbox_create_app/);
  });

  it('refuses a header parameter that is not a field-value, in words naming it, without echoing or logging it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Refused before any request: the token is never checked.
    const credentials = { access_token: `pat_${'a'.repeat(32)}` };
    for (const value of ['x\r\nAuthorization: Bearer evil', 'a\u0000b', 'é☃']) {
      const result = await a.tool('sandbox_call', {
        operation_id: 'listProjects',
        parameters: { 'AeThex-Environment': value },
        credentials,
      });
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(/header parameter “AeThex-Environment”.*RFC 9110/);
      expect(result.content[0]?.text).not.toContain(value);
    }
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('refuses credentials outside their RFC character sets, naming the field, never echoing or logging them', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const token = 'ghp_SECRETSHOULDNOTBELOGGED123';
    const cases: [Record<string, string>, RegExp][] = [
      [{ access_token: `${token}\r\n[mcp] forged line` }, /credentials\.access_token/],
      [{ access_token: `x ${token}` }, /credentials\.access_token/],
      [{ access_token: `${token}é` }, /credentials\.access_token/],
      [{ client_id: 'cli_x', client_secret: `${token}\n` }, /credentials\.client_secret/],
      [{ client_id: 'cli_☃', client_secret: token }, /credentials\.client_id/],
    ];
    for (const [credentials, field] of cases) {
      const result = await a.tool('sandbox_call', { operation_id: 'listProjects', credentials });
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(field);
      expect(JSON.stringify(result)).not.toContain(token);
    }
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('refuses lone surrogates and over-deep bodies with tool errors naming the field, nothing logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const credentials = { access_token: `pat_${'a'.repeat(32)}` };
    const refused = async (args: Record<string, unknown>, reason: RegExp) => {
      const result = await a.tool('sandbox_call', { credentials, ...args });
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(reason);
    };
    await refused(
      { operation_id: 'getProjectMetrics', parameters: { projectId: '\uD800' } },
      /parameter “projectId” is not valid Unicode/,
    );
    await refused({ operation_id: 'listProjects', parameters: { page: 'a\uDC00' } }, /“page” is not valid Unicode/);
    await refused(
      { operation_id: 'createProject', body: { name: 'ok', tags: ['x', '\uDBFF'] } },
      /“body\.tags\[1\]” is not valid Unicode/,
    );
    // Sent as raw text: the SDK client's own JSON.stringify would overflow first.
    const depth = 32_000;
    const deep = `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
    const raw = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sandbox_call","arguments":{"operation_id":"createProject","credentials":${JSON.stringify(credentials)},"body":${deep}}}}`;
    const answer = await mcpFetch(sandbox)(MCP_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: raw,
    });
    const deepResult = ((await answer.json()) as { result: Result }).result;
    expect(deepResult.isError).toBe(true);
    expect(deepResult.content[0]?.text).toMatch(new RegExp(`more than ${MAX_CALL_BODY_DEPTH} levels`));
    let fits: unknown = {};
    for (let i = 1; i < MAX_CALL_BODY_DEPTH; i++) fits = { a: fits };
    const op = getOperation('createProject')!;
    expect('request' in buildCall(ctx, op, {}, fits, undefined)).toBe(true);
    expect(buildCall(ctx, op, {}, { a: fits }, undefined)).toEqual({ error: expect.stringMatching(/levels deep/) });
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('turns a sandbox failure into a generic tool error, logged without the token', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = {
      ...sandbox,
      handle: () => Promise.reject(new Error('db down for pat_abcdefghijklmnopqrstuvwxyz012345')),
    };
    const client = await connectClient(broken, '198.51.100.5');
    clients.push(client);
    const result = (await client.callTool({
      name: 'sandbox_call',
      arguments: {
        operation_id: 'listProjects',
        credentials: { access_token: 'pat_abcdefghijklmnopqrstuvwxyz012345' },
      },
    })) as Result;
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/failed unexpectedly/);
    expect(JSON.stringify(result)).not.toContain('abcdefghijklmnop');
    expect(log.mock.calls.join(' ')).not.toContain('abcdefghijklmnop');
    log.mockRestore();
  });
});
