/**
 * The MCP endpoint's HTTP pipeline (Streamable HTTP, MCP 2025-11-25), in order:
 * 1. Origin: absent is fine (non-browser clients); present, it must be the portal's (PORTAL_URL), on a loopback
 *    request any loopback name (localhost, 127.0.0.1, [::1]) with the request's own scheme and port, or one of
 *    MCP_ALLOWED_ORIGINS, else 403. The specification's security warning asks this of every server: it stops a web
 *    page from driving a local server (DNS rebinding).
 * 2. Method: POST (and OPTIONS for allowed cross-origin callers); anything else 405 with Allow. The server is
 *    stateless, so there is no GET stream and no session to DELETE.
 * 3. Rate limit per client address (./rate-limit.ts) → 429 with Retry-After.
 * 4. Body at most MAX_REQUEST_BYTES → 413, all of it within BODY_TIMEOUT_MS → 408; not JSON → 400 with JSON-RPC
 *    -32700; a batch (array), any JSON that is not an object, or a malformed envelope (the SDK's JSONRPCMessageSchema)
 *    → 400 with -32600: one HTTP request is one message, so the rate limit and every cap hold per message.
 * 5. A fresh McpServer and WebStandardStreamableHTTPServerTransport (stateless, JSON responses) answer it.
 * Every refusal has a JSON-RPC error body. Nothing thrown leaves: it becomes a JSON-RPC internal error (-32603)
 * without details, logged without secrets; no answer is a 5xx.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

import { mountedSandbox, type Sandbox } from '@/lib/sandbox/handler';
import { BodyTimeoutError, BodyTooLargeError, readBody } from '@/lib/sandbox/http';
import { clientAddress } from '@/lib/sandbox/limits';
import { siteUrl } from '@/lib/site';
import { absoluteUrl, guideHref } from '@/lib/urls';

import { BODY_TIMEOUT_MS, MAX_REQUEST_BYTES } from './limits';
import { RateLimiter, rateLimitPerMinute } from './rate-limit';
import { logFailure } from './result';
import { createMcpServer } from './server';
import { MCP_ENDPOINT } from './version';

/** The methods the endpoint answers. */
export const ALLOWED_METHODS = MCP_ENDPOINT.methods.join(', ');

/** Options of handleMcp; the defaults are the portal's (tests inject their own). */
export interface McpHttpOptions {
  /** The sandbox the sandbox tools call (default: the portal's mounted one). */
  sandbox?: Sandbox;
  /** The rate limiter (default: one per process). */
  limiter?: RateLimiter;
  /** Requests per minute per client address (default: rateLimitPerMinute(), MCP_RATE_LIMIT_PER_MINUTE). */
  ratePerMinute?: number;
  /** Longest wait for the request body, in milliseconds (default: BODY_TIMEOUT_MS, 10 s). */
  bodyTimeoutMs?: number;
}

const processLimiter = new RateLimiter();

/** The answer to a JSON body that is not one JSON-RPC 2.0 message (not an object, or a malformed envelope). */
const INVALID_MESSAGE =
  'Invalid Request: the body is not a JSON-RPC 2.0 message (jsonrpc "2.0", a method, an id that is a string or an integer, params an object).';

/**
 * Whether a parsed body is a JSON-RPC message by the SDK's own schema, checked here because the transport answers a
 * malformed envelope with -32700 Parse error though the body is JSON (JSON-RPC 2.0 says -32600 Invalid Request). If
 * the schema itself throws (a RangeError from recursing into a crafted value), that is no message either, not a
 * failure of ours to log.
 */
function isJsonRpcMessage(value: object): boolean {
  try {
    return JSONRPCMessageSchema.safeParse(value).success;
  } catch {
    return false;
  }
}

/** The answer to a JSON-RPC batch (a JSON array body). */
export const BATCH_REFUSED =
  'Invalid Request: batches are not supported (MCP 2025-11-25); send one message per request';

/**
 * A JSON-RPC 2.0 error response (id null: the request was not read, or its id is not known here).
 * @param status the HTTP status; @param code the JSON-RPC error code; @param message one sentence
 */
export function rpcError(status: number, code: number, message: string, headers: HeadersInit = {}): Response {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  const response = new Response(body, { status, headers });
  response.headers.set('Content-Type', 'application/json');
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** The origins allowed besides the request's own: MCP_ALLOWED_ORIGINS, a comma-separated list. */
function allowedOrigins(): string[] {
  return (process.env.MCP_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** Loopback host names, as an Origin or URL spells them. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * 'same' (absent, the portal's own, or a loopback origin of the request's own port on a loopback host), 'cross'
 * (MCP_ALLOWED_ORIGINS) or 'forbidden'. The request's own origin comes from its Host header, which a DNS-rebinding page controls: a page on
 * `http://evil.example:3000` whose name now resolves to 127.0.0.1 sends `Origin: http://evil.example:3000` and
 * `Host: evil.example:3000`, so matching Host alone would let it in. The trusted origins are therefore PORTAL_URL's
 * and, for `next start` on another port, loopback origins of the request's port only when its host is loopback (a
 * browser only sends such an Origin from a page that really is on this machine).
 */
function originKind(request: Request, own: string): 'same' | 'cross' | 'forbidden' {
  const origin = request.headers.get('origin');
  if (origin === null || origin === new URL(siteUrl()).origin) return 'same';
  if (isLoopbackSibling(origin, new URL(own))) return 'same';
  return allowedOrigins().includes(origin) ? 'cross' : 'forbidden';
}

/**
 * Whether `origin` is this loopback server under another loopback name: `next start` always makes request.url
 * `http://localhost:<port>`, whatever the Host, so a page on `http://127.0.0.1:<port>` or `http://[::1]:<port>` (the
 * same server) would otherwise be refused. Only when the request's own host is loopback, with the same scheme and port,
 * and only for an Origin in its serialized form (so `127.1` or `LOCALHOST` stay refused). A rebinding page cannot send
 * a loopback Origin: its Origin names its own domain.
 */
function isLoopbackSibling(origin: string, own: URL): boolean {
  if (!LOOPBACK_HOSTS.has(own.hostname) || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (
    url.origin === origin && LOOPBACK_HOSTS.has(url.hostname) && url.protocol === own.protocol && url.port === own.port
  );
}

/** CORS headers for an allowed cross-origin caller (the Fetch standard's names). */
function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': 'Content-Type, Accept, Mcp-Protocol-Version, Authorization',
    'Access-Control-Expose-Headers': 'Mcp-Protocol-Version',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

/** What readCapped got: the body as text, or why not. */
type BodyRead = { text: string } | { refused: 'too-large' | 'timeout' | 'aborted' };

/**
 * The body as text, read by the sandbox's reader with two limits: at most `max` bytes (declared or read) and at most
 * `timeoutMs` for all of it. Any other failure is the client's connection closing (the stream is the socket):
 * 'aborted', which is not a failure of ours to log.
 */
async function readCapped(request: Request, max: number, timeoutMs: number): Promise<BodyRead> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    return { text: Buffer.from(await readBody(request, max, deadline.signal)).toString('utf8') };
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { refused: 'too-large' };
    if (error instanceof BodyTimeoutError) return { refused: 'timeout' };
    return { refused: 'aborted' };
  } finally {
    clearTimeout(timer);
  }
}

async function answer(request: Request, options: McpHttpOptions, cors: Record<string, string>): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'OPTIONS')
    return new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS, ...cors } });
  if (request.method !== 'POST')
    return rpcError(
      405,
      -32000,
      `Method not allowed: this is a stateless MCP endpoint (Streamable HTTP) that answers POST only; add ${url.origin}${MCP_ENDPOINT.path} to an MCP client as shown at ${absoluteUrl(guideHref('use-with-ai'))}.`,
      {
        Allow: ALLOWED_METHODS,
        ...cors,
      },
    );
  const address = clientAddress(request, undefined, false).address;
  const limit = options.ratePerMinute ?? rateLimitPerMinute();
  const decision = (options.limiter ?? processLimiter).hit(address, limit);
  if (!decision.allowed)
    return rpcError(429, -32000, `Too many requests: at most ${limit} a minute per client.`, {
      'Retry-After': String(decision.retryAfter),
      ...cors,
    });
  const timeoutMs = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const body = await readCapped(request, MAX_REQUEST_BYTES, timeoutMs);
  if ('refused' in body) {
    if (body.refused === 'too-large')
      return rpcError(413, -32000, `Request body over ${MAX_REQUEST_BYTES} bytes, the limit of this endpoint.`, cors);
    if (body.refused === 'timeout')
      return rpcError(408, -32000, `Request body not received within ${timeoutMs / 1000} s`, cors);
    // Nobody reads this answer: the client has gone.
    return rpcError(400, -32000, 'Request body not received: the client closed the connection.', cors);
  }
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(body.text);
  } catch {
    return rpcError(400, -32700, 'Parse error: the body is not JSON.', cors);
  }
  // MCP 2025-11-25 has no batching (removed in 2025-06-18), but the SDK transport still accepts an array of up to 100
  // messages: one request charged once to the limiter ran 100 tool calls (6.7 MB out, ~290 ms of CPU).
  if (Array.isArray(parsedBody)) return rpcError(400, -32600, BATCH_REFUSED, cors);
  if (parsedBody === null || typeof parsedBody !== 'object' || !isJsonRpcMessage(parsedBody))
    return rpcError(400, -32600, INVALID_MESSAGE, cors);
  const server = createMcpServer({
    sandbox: options.sandbox ?? mountedSandbox(),
    origin: url.origin,
    clientAddress: address,
  });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  transport.onerror = () => undefined; // Refusals (406, 415…) are answered to the caller; nothing to log.
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(request, { parsedBody });
    for (const [name, value] of Object.entries({ 'Cache-Control': 'no-store', ...cors }))
      response.headers.set(name, value);
    return response;
  } finally {
    await server.close().catch(() => undefined);
  }
}

/**
 * Answers one request to /mcp (app/mcp/route.ts exports it for every method). Never rejects, never a 5xx.
 * @returns the MCP answer, or a JSON-RPC error response (403, 405, 408, 413, 429, 400, or 200 with -32603)
 */
export async function handleMcp(request: Request, options: McpHttpOptions = {}): Promise<Response> {
  try {
    const own = new URL(request.url).origin;
    const kind = originKind(request, own);
    if (kind === 'forbidden')
      return rpcError(403, -32000, 'Forbidden: this Origin may not call the MCP endpoint (MCP_ALLOWED_ORIGINS).');
    const cors = kind === 'cross' ? corsHeaders(request.headers.get('origin') ?? '') : {};
    const response = await answer(request, options, cors);
    return response.status >= 500 ? rpcError(200, -32603, 'Internal error') : response;
  } catch (error) {
    logFailure('request', error);
    return rpcError(200, -32603, 'Internal error');
  }
}
