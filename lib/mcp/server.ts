/**
 * The MCP server of the portal (Model Context Protocol 2025-11-25, the official TypeScript SDK's McpServer): the
 * seven tools, the page resources and the prompts. A fresh server per HTTP request, the SDK's stateless pattern
 * (./http.ts). Its cost, measured here (tsx, 2,000 servers after a warm-up): 0.34-0.44 ms per server with the tools'
 * zod schemas built once at module level, 1.1-1.3 ms when each registration built them; a whole request through
 * handleMcp in-process is about 1.1 ms (get_error) to 1.5 ms (read_page). No I/O happens at registration.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import type { McpContext } from './context';
import { registerPrompts } from './prompts';
import { registerPageResources } from './resources';
import { registerReadPage, registerSearchDocs } from './tools/docs';
import { registerGetOperation } from './tools/operation';
import { registerGetError, registerListWebhookEvents } from './tools/reference';
import { registerSandboxCall, registerSandboxCreateApp } from './tools/sandbox';
import { MCP_SERVER_NAME, MCP_TOOLS_VERSION } from './version';

/** What the server tells a client at initialize: the tools and their contract version. */
export const INSTRUCTIONS = `The AeThex Developer Portal: docs, API reference and a sandbox of the AeThex API. Tools contract version ${MCP_TOOLS_VERSION} (semver; names, inputs and outputs change only with a new major version). Find pages with search_docs and read them with read_page; get_operation describes an operation with a code sample; sandbox_create_app and sandbox_call try the API against this portal's sandbox (never production).`;

/**
 * A server with every tool, resource and prompt registered, for one request.
 * @param ctx the request's origin, client address and the sandbox the sandbox tools call
 */
export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, title: 'AeThex Developer Portal', version: MCP_TOOLS_VERSION },
    { instructions: INSTRUCTIONS },
  );
  registerSearchDocs(server);
  registerReadPage(server, ctx);
  registerGetOperation(server);
  registerListWebhookEvents(server);
  registerGetError(server);
  registerSandboxCreateApp(server, ctx);
  registerSandboxCall(server, ctx);
  registerPageResources(server);
  registerPrompts(server);
  return server;
}
