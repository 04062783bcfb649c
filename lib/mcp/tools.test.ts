import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getOperation, listOperations, listWebhooks } from '@/lib/openapi';
import { testSandbox } from '@/lib/sandbox/test-helpers';

import { MAX_SCHEMA_BYTES } from './limits';
import { connectClient } from './test-helpers';
import { cappedSchema } from './tools/operation';
import { MCP_SERVER_NAME, MCP_TOOLS_VERSION } from './version';

let client: Client;
beforeAll(async () => {
  client = await connectClient(testSandbox());
});
afterAll(() => client.close());

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text?: string }[] };
const tool = (name: string, args: Record<string, unknown> = {}) =>
  client.callTool({ name, arguments: args }) as Promise<Result>;

describe('MCP documentation tools', () => {
  it('names itself with the tools version', () => {
    expect(client.getServerVersion()).toMatchObject({ name: MCP_SERVER_NAME, version: MCP_TOOLS_VERSION });
    expect(client.getInstructions()).toContain(MCP_TOOLS_VERSION);
  });

  it('search_docs("rate limit") ranks the rate-limits guide first, with an absolute URL and a snippet', async () => {
    const { structuredContent } = await tool('search_docs', { query: 'rate limit' });
    const hits = structuredContent?.hits as { url: string; kind: string; snippet: string }[];
    expect(hits[0]).toMatchObject({ kind: 'guide', url: 'http://localhost:3000/docs/rate-limits' });
    expect(hits[0]?.snippet).toMatch(/429/);
    const few = await tool('search_docs', { query: 'project', limit: 2 });
    expect((few.structuredContent?.hits as unknown[]).length).toBe(2);
  });

  it('search_docs refuses an oversized query as a tool error', async () => {
    const result = await tool('search_docs', { query: 'x'.repeat(201) });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/200/);
  });

  it('read_page reads a path, its .md twin and an absolute URL, and says how to find pages otherwise', async () => {
    for (const path of ['/docs/rate-limits', '/docs/rate-limits.md', 'http://localhost:3000/docs/rate-limits/']) {
      const result = await tool('read_page', { path });
      expect(result.isError, path).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        url: 'http://localhost:3000/docs/rate-limits',
        truncated: false,
      });
      expect(result.content[0]?.text).toMatch(/^# Rate limits/m);
    }
    const unknown = await tool('read_page', { path: '/docs/nope' });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0]?.text).toMatch(/No page at “\/docs\/nope”.*search_docs/);
    const foreign = await tool('read_page', { path: 'https://evil.example/docs/rate-limits' });
    expect(foreign.isError).toBe(true);
    expect(foreign.content[0]?.text).toMatch(/this site’s pages only/);
  });

  it('get_operation returns method, path, auth, parameters, schemas, errors with hints and a sample', async () => {
    const op = getOperation('createProject')!;
    const { structuredContent: out } = await tool('get_operation', {
      operation_id: 'createProject',
      language: 'python',
    });
    expect(out).toMatchObject({ operation_id: 'createProject', method: op.method, path: op.path });
    expect(out?.auth).toMatchObject({ credential: op.credential, scopes: [...op.scopes] });
    const body = out?.request_body as { schema: { properties: Record<string, unknown> } };
    expect(Object.keys(body.schema.properties)).toEqual(
      Object.keys(op.requestBody!.content['application/json']!.schema!.properties!),
    );
    const errors = out?.errors as { status: number; hint: string; url: string }[];
    expect(errors.map((e) => e.status)).toEqual([...op.errorStatuses]);
    expect(errors.find((e) => e.status === 429)?.hint).toBeTruthy();
    expect((out?.sample as { language: string; code: string }).code).toMatch(/import requests/);
  });

  it('get_operation of an unknown operation is a tool error in words naming the known ones', async () => {
    const result = await tool('get_operation', { operation_id: 'deleteEverything' });
    expect(result.isError).toBe(true);
    for (const { operationId } of listOperations()) expect(result.content[0]?.text).toContain(operationId);
  });

  it('caps large schemas with a stand-in that says where to look', () => {
    const huge = { description: 'x'.repeat(MAX_SCHEMA_BYTES) };
    expect(cappedSchema(huge, 'http://localhost:3000/reference/x')).toMatchObject({ 'x-truncated': true });
    expect(cappedSchema({ type: 'string' }, '')).toEqual({ type: 'string' });
  });

  it('list_webhook_events lists every event with its page', async () => {
    const { structuredContent } = await tool('list_webhook_events');
    const events = structuredContent?.events as { event: string; url: string }[];
    expect(events.map((e) => e.event)).toEqual(listWebhooks().map((w) => w.event));
  });

  it('get_error takes 429, "429" or the problem type URI, and explains unknown codes', async () => {
    for (const code of [429, '429', 'https://docs.aethex.dev/reference/errors#429']) {
      const { structuredContent } = await tool('get_error', { code });
      expect(structuredContent).toMatchObject({ status: 429, retryable: true, retry_after_header: true });
    }
    const unknown = await tool('get_error', { code: 418 });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0]?.text).toMatch(/429/);
  });
});

describe('MCP resources and prompts', () => {
  it('lists every page as a text/markdown resource and reads one; an unknown URI is a protocol error', async () => {
    const { resources } = await client.listResources();
    expect(resources.find((r) => r.uri === 'http://localhost:3000/docs/rate-limits.md')).toMatchObject({
      mimeType: 'text/markdown',
    });
    const read = await client.readResource({ uri: 'http://localhost:3000/docs/rate-limits.md' });
    expect((read.contents[0] as { text: string }).text).toMatch(/^# Rate limits/m);
    await expect(client.readResource({ uri: 'http://localhost:3000/nope.md' })).rejects.toThrow(/not found/i);
  });

  it('offers the first-api-call and integrate-webhooks prompts', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['first-api-call', 'integrate-webhooks']);
    const prompt = await client.getPrompt({ name: 'first-api-call', arguments: { language: 'go' } });
    expect(JSON.stringify(prompt.messages)).toMatch(
      /sandbox_create_app.*get_operation\(\\"listProjects\\", \\"go\\"\)/,
    );
  });
});
