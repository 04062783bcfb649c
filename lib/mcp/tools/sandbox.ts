/**
 * The sandbox tools `sandbox_create_app` and `sandbox_call`: this portal's mounted sandbox only, in-process
 * (lib/mcp/sandbox-request.ts builds every request; nothing here opens a connection).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { apiModel, getOperation } from '@/lib/openapi';

import type { McpContext } from '../context';
import { MAX_CALL_RESPONSE_BYTES } from '../limits';
import { capBytes, guarded, scrubSecrets, structured, toolError } from '../result';
import {
  basicAuthorization,
  buildCall,
  clientCredentialsToken,
  credentialsError,
  sandboxBase,
  sandboxRequest,
  type CallCredentials,
} from '../sandbox-request';
import { SANDBOX_WRITE } from './annotations';
import { unknownOperation } from './operation';

/** Response headers sandbox_call returns (the rest are the same on every answer). */
export const CALL_HEADERS = [
  'content-type',
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
  'link',
  'location',
  'x-total-count',
  'idempotent-replayed',
  'www-authenticate',
] as const;

/** The `sandbox_create_app` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_SANDBOX_CREATE_APP = {
  title: 'Create a sandbox app',
  description:
    'Creates an app (a tenant with seed projects) in this portal’s AeThex sandbox and returns its credentials: client_id and client_secret (OAuth client credentials), a personal access token and a webhook signing secret. Pass {"access_token": <personal_access_token>} or {"client_id", "client_secret"} as sandbox_call’s credentials. Sandbox only: never production. Apps expire after a day; each client address may create a limited number per hour.',
  inputSchema: { name: z.string().trim().min(1).max(100).optional().describe('A name for the app.') },
  outputSchema: {
    tenant_id: z.string(),
    client_id: z.string(),
    client_secret: z.string(),
    personal_access_token: z.string(),
    webhook_secret: z.string(),
    scopes: z.array(z.string()),
    expires_at: z.string(),
    sandbox_base_url: z.string(),
    token_url: z.string(),
    usage: z.string(),
  },
  annotations: SANDBOX_WRITE,
};

/** Registers `sandbox_create_app()`: a new sandbox app (tenant) with its credentials. */
export function registerSandboxCreateApp(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'sandbox_create_app',
    CONFIG_SANDBOX_CREATE_APP,
    guarded('sandbox_create_app', async ({ name }) => {
      const response = await ctx.sandbox.handle(
        sandboxRequest(ctx, 'POST', '/apps', {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(name ? { name } : {}),
        }),
      );
      const app = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.status !== 201) {
        const retry = response.headers.get('retry-after');
        return toolError(
          `The sandbox did not create an app: HTTP ${response.status}${typeof app.detail === 'string' ? `: ${app.detail}` : ''}${retry ? ` Retry after ${retry} s.` : ''}`,
        );
      }
      const base = sandboxBase(ctx.origin);
      return structured({
        tenant_id: String(app.tenant_id),
        client_id: String(app.client_id),
        client_secret: String(app.client_secret),
        personal_access_token: String(app.personal_access_token),
        webhook_secret: String(app.webhook_secret),
        scopes: Array.isArray(app.scopes) ? app.scopes.map(String) : [],
        expires_at: String(app.expires_at),
        sandbox_base_url: base,
        token_url: `${base}${apiModel().oauth?.tokenPath ?? ''}`,
        usage:
          'Call sandbox_call with credentials {"access_token": personal_access_token}, or {"client_id", "client_secret"} (the tool gets a token with the client credentials grant). Outside MCP, send Authorization: Bearer <token> to sandbox_base_url + the operation path.',
      });
    }),
  );
}

const credentialsSchema = z.union([
  z.strictObject({
    access_token: z.string().min(1).max(512).describe('A pat_ personal access token or an OAuth access token.'),
  }),
  z.strictObject({ client_id: z.string().min(1).max(200), client_secret: z.string().min(1).max(200) }),
]);

/** The `sandbox_call` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_SANDBOX_CALL = {
  title: 'Call the API in the sandbox',
  description: `Runs one operation of the AeThex API (see get_operation) against this portal’s sandbox, never production and never another host, and returns the status, the headers that matter (X-Request-ID, X-RateLimit-*, Retry-After, Link, Location, Idempotent-Replayed…) and the body (JSON parsed; over ${MAX_CALL_RESPONSE_BYTES / 1024} KiB it comes back as cut text). Create credentials with sandbox_create_app. To follow a Link (pagination), pass the parameters of its URL (e.g. page and limit) to the same operation.`,
  inputSchema: {
    operation_id: z.string().trim().min(1).max(100).describe('The operationId, e.g. "listProjects".'),
    parameters: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .optional()
      .describe('Path, query and header parameters by their documented names, e.g. {"limit": 5}.'),
    body: z.unknown().optional().describe('The request body: JSON, or an object of strings for a form.'),
    credentials: credentialsSchema.optional().describe('How to authenticate (from sandbox_create_app).'),
  },
  outputSchema: {
    operation_id: z.string(),
    request: z.object({ method: z.string(), url: z.string() }),
    status: z.number(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
    body_truncated: z.boolean(),
  },
  annotations: SANDBOX_WRITE,
};

/** Registers `sandbox_call(operation_id, parameters?, body?, credentials?)`. */
export function registerSandboxCall(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'sandbox_call',
    CONFIG_SANDBOX_CALL,
    guarded(
      'sandbox_call',
      async ({ operation_id, parameters, body, credentials }) => {
        const op = getOperation(operation_id);
        if (!op) return toolError(unknownOperation(operation_id));
        if (Object.keys(parameters ?? {}).length > 30) return toolError('At most 30 parameters.');
        const badCredentials = credentialsError(credentials);
        if (badCredentials) return toolError(badCredentials);
        const authorization = await authorize(ctx, op.credential, op.operationId, credentials);
        if ('error' in authorization) return toolError(authorization.error);
        const built = buildCall(ctx, op, parameters ?? {}, body, authorization.header);
        if ('error' in built) return toolError(built.error);
        const response = await ctx.sandbox.handle(built.request);
        const given =
          credentials && ('access_token' in credentials ? credentials.access_token : credentials.client_secret);
        const secrets = [given, authorization.token].filter((secret): secret is string => secret !== undefined);
        const headers: Record<string, string> = {};
        for (const name of CALL_HEADERS) {
          const value = response.headers.get(name);
          if (value !== null) headers[name] = scrubSecrets(value, secrets);
        }
        const cut = capBytes(scrubSecrets(await response.text(), secrets), MAX_CALL_RESPONSE_BYTES);
        let parsed: unknown = cut.text;
        if (!cut.truncated && /json/i.test(headers['content-type'] ?? '')) {
          try {
            parsed = JSON.parse(cut.text);
          } catch {
            // Not JSON after all: returned as text.
          }
        }
        return structured({
          operation_id: op.operationId,
          request: { method: op.method, url: built.request.url },
          status: response.status,
          headers,
          body: cut.text === '' ? null : parsed,
          body_truncated: cut.truncated,
        });
      },
      ({ credentials }) => callSecrets(credentials),
    ),
  );
}

/** The secrets among sandbox_call's credentials (logFailure removes them from what it logs). */
function callSecrets(credentials: CallCredentials | undefined): string[] {
  if (!credentials) return [];
  return 'access_token' in credentials ? [credentials.access_token] : [credentials.client_secret];
}

/** The Authorization header an operation's credential kind asks for, or why the given credentials cannot make it. */
async function authorize(
  ctx: McpContext,
  kind: string,
  operationId: string,
  credentials: CallCredentials | undefined,
): Promise<{ header?: string; token?: string } | { error: string }> {
  if (kind === 'none') return {};
  if (kind === 'client-basic') {
    if (!credentials) return {};
    if (!('client_id' in credentials))
      return { error: `${operationId} authenticates the OAuth client: pass {"client_id", "client_secret"}.` };
    return { header: basicAuthorization(credentials.client_id, credentials.client_secret) };
  }
  if (!credentials)
    return { error: `${operationId} needs credentials: create an app with sandbox_create_app and pass them.` };
  if ('access_token' in credentials) return { header: `Bearer ${credentials.access_token}` };
  const granted = await clientCredentialsToken(ctx, credentials.client_id, credentials.client_secret);
  if ('error' in granted) return granted;
  return { header: `Bearer ${granted.token}`, token: granted.token };
}
