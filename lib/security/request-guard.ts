/**
 * The request guard: answers, before Next.js sees them, the requests Next itself cannot route.
 *
 * What Next 16.4 does with them under `next start`, and where (node_modules/next/dist/server/):
 * - **A path with malformed percent-encoding** (`/docs/%E0`, `/sandbox/%E0%A4%A`): on a dynamic route the route
 *   matcher throws DecodeError (next/dist/shared/lib/router/utils/route-matcher.js, called from `checkTrue` in
 *   lib/router-utils/resolve-routes.js); router-server.js catches it and renders the `/400` error page, which an
 *   App Router build does not have, so base-server.js (`renderErrorToResponse`) falls back to a bare
 *   `500 Internal Server Error` in text/plain: no request ID, no security headers, nothing logged.
 * - **TRACE**: every route handler and the proxy turn the request into a Fetch Request (NextRequestAdapter
 *   .fromNodeNextRequest, web/adapter.js), and the Fetch standard forbids TRACE: `TypeError: 'TRACE' HTTP method is
 *   unsupported.`, a stack trace in the log and a bare 500, on every route but static files.
 * - **Other methods Node's parser knows but Next does not route** (PROPFIND, MKCOL, QUERY…): a bare 400 from a route
 *   handler (the app-route module's method check), the page itself (200) from a prerendered page, a bare 405 from a
 *   static file.
 *
 * Why here and not in proxy.ts or the route handlers: both run after the Fetch Request is built, so neither ever sees
 * a TRACE, and Next has no option to refuse a method. What runs first is the node:http server that `next start`
 * creates; instrumentation.ts installs this guard in front of its request listener (found through Node's documented
 * `http.server.request.start` diagnostics channel, published before the request event). One check there covers every
 * route, pages and /sandbox alike, without putting the proxy on /sandbox (which would cut bodies at 10 MiB and cost
 * throughput). On the hot path the check is a Set lookup and a scan for '%' in the request target, about 20 ns
 * measured here (`GET /sandbox/v1/projects?limit=25`, 5 million calls), plus one diagnostics-channel message; Next
 * spends about 1 ms on the same request.
 *
 * - **A target that is not a path**: `OPTIONS *` and `GET *` make Next build `new URL('*')`, a bare 500 with
 *   `TypeError: Invalid URL` in the log; an absolute-form target (`GET http://other.example/docs`, which servers must
 *   accept, RFC 9112 §3.2.2) gets a redirect to the host it names. The guard answers `OPTIONS *` with 204 and Allow,
 *   other non-paths with a 400 problem, and hands an absolute-form request to Next with its path and query only.
 *
 * Method tokens Node's parser does not know (TRACK, lower-case `get`) never become requests: Node answers 400 and
 * closes the connection; CONNECT is closed unanswered (no 'connect' listener). Neither reaches Next or this guard.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { MCP_ENDPOINT } from '@/lib/mcp/version';
import {
  bareContext,
  commonHeaders,
  methodNotAllowed,
  noRoute,
  problem,
  requestIdFor,
  writeReply,
  type Reply,
} from '@/lib/sandbox/http';
import { allowedMethods, splitBase } from '@/lib/sandbox/router';

import COMMON_HEADERS from './common-headers.json';
import { variesOnAccept, varyOnAccept } from './vary-accept';

/** The methods Next routes to a page or route handler (its HTTP_METHODS); any other one never gets a proper answer. */
const ROUTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What pages and the portal's other route handlers serve (Next's own 405 for a static file says the same). */
const PAGE_METHODS = ['GET', 'HEAD'] as const;

/** Longest request target echoed as the problem's `instance`. */
const MAX_INSTANCE = 2048;

const MALFORMED_PATH =
  'The request path is not valid percent-encoding: every "%" must start an escape of UTF-8 bytes such as %20 (RFC 3986 §2.1). Encode a literal "%" as %25.';

/**
 * Headers of every guard answer: the portal's common security headers, plus a policy and caching fit for an error
 * body that loads nothing and must not be stored (404 and 405 are cacheable by default, RFC 9111 §4.2.2).
 */
const GUARD_HEADERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(COMMON_HEADERS.map(({ key, value }) => [key, value])),
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};

/** Whether a path decodes as percent-encoded UTF-8 (what Next's route matcher requires). */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The guard's answer to a request, or `undefined` to let Next handle it.
 * - a path (before `?`) that is not valid percent-encoded UTF-8: 400;
 * - a method Next does not route: under /sandbox the sandbox's own answer (405 with its Allow list for the path, 404
 *   for an unknown path), on /mcp 405 with the MCP endpoint's methods (`Allow: POST, OPTIONS`), elsewhere 405 with
 *   `Allow: GET, HEAD`.
 *
 * Answers are RFC 9457 problems shaped like the sandbox's (`problem()` in lib/sandbox/http.ts), with an X-Request-ID
 * (the caller's if safe, else generated), the common security headers, and CORS under /sandbox as the sandbox sends.
 * The query is left alone: Next and the sandbox read it leniently, and a bad escape there never failed.
 * @param method - the request method as received (case-sensitive, RFC 9110 §9.1).
 * @param target - the request target as received (`req.url`: path and query, still percent-encoded).
 * @param requestId - the X-Request-ID request header, if any.
 * @returns the Reply to write, or undefined (no allocation on that path: it is every normal request).
 */
export function guardReply(method: string, target: string, requestId: string | undefined): Reply | undefined {
  if (target.charCodeAt(0) !== SLASH) return nonPathReply(method, target, requestId);
  const routed = ROUTED_METHODS.has(method);
  const percent = target.indexOf('%');
  if (routed && percent === -1) return undefined;
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  const malformed = percent !== -1 && (query === -1 || percent < query) && !decodes(path);
  if (routed && !malformed) return undefined;

  const ctx = bareContext(target.slice(0, MAX_INSTANCE), requestIdFor(requestId ?? null));
  const sandbox = splitBase(path, ['/sandbox']);
  let reply: Reply;
  if (malformed) {
    reply = problem(ctx, 400, MALFORMED_PATH);
  } else if (sandbox) {
    const allow = allowedMethods(sandbox.path);
    reply = allow ? methodNotAllowed(ctx, method, path, allow) : noRoute(ctx, method, path);
  } else {
    reply = methodNotAllowed(ctx, method, path, path === MCP_ENDPOINT.path ? MCP_ENDPOINT.methods : PAGE_METHODS);
  }
  Object.assign(reply.headers, GUARD_HEADERS);
  if (sandbox) commonHeaders(ctx, reply.headers);
  else reply.headers['X-Request-ID'] = ctx.requestId;
  if (method === 'HEAD') reply.body = null;
  return reply;
}

const SLASH = 0x2f;

/** What the whole server allows: `OPTIONS *` (RFC 9110 §9.3.7) asks the server, not a resource. */
const SERVER_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const NOT_A_PATH =
  'The request target must be a path such as /docs/quickstart (origin-form, RFC 9112 §3.2.1); "*" is only for OPTIONS.';

/**
 * The answer to a target that is not a path (after absoluteToOrigin): `OPTIONS *` gets 204 with the server's Allow
 * list; anything else (`GET *`, an authority) gets a 400 problem. Next would build `new URL('*')` and answer a bare
 * 500.
 */
function nonPathReply(method: string, target: string, requestId: string | undefined): Reply {
  const ctx = bareContext(target.slice(0, MAX_INSTANCE), requestIdFor(requestId ?? null));
  const reply: Reply =
    method === 'OPTIONS' && target === '*'
      ? { status: 204, headers: { Allow: SERVER_METHODS.join(', ') }, body: null }
      : problem(ctx, 400, NOT_A_PATH);
  Object.assign(reply.headers, GUARD_HEADERS);
  reply.headers['X-Request-ID'] = ctx.requestId;
  if (method === 'HEAD') reply.body = null;
  return reply;
}

/**
 * An absolute-form target (`GET http://host/path`, RFC 9112 §3.2.2) as the path and query Next routes on. Servers must
 * accept the form; Next would otherwise answer it with a redirect to that host.
 * @returns the origin-form target, or the target unchanged when it is not absolute-form
 */
export function absoluteToOrigin(target: string): string {
  if (target.charCodeAt(0) === SLASH) return target;
  const authority = /^https?:\/\/[^/?#]*/i.exec(target);
  if (!authority) return target;
  const rest = target.slice(authority[0].length);
  return rest.charCodeAt(0) === SLASH ? rest : `/${rest}`;
}

type RequestListener = (this: Server, req: IncomingMessage, res: ServerResponse) => void;

/** Answers a request the guard refuses; `false` when it is Next's to handle. */
function refuse(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== undefined && req.url.charCodeAt(0) !== SLASH) req.url = absoluteToOrigin(req.url);
  const header = req.headers['x-request-id'];
  const reply = guardReply(req.method ?? 'GET', req.url ?? '/', typeof header === 'string' ? header : undefined);
  if (!reply) return false;
  // The body of a refused request is never read: do not keep a connection that still has one coming.
  if (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0)
    reply.headers.Connection = 'close';
  writeReply(reply, res);
  return true;
}

const guarded = new WeakSet<Server>();

/** Puts the guard in front of a server's request listeners, once per server. */
function guard(server: Server): void {
  if (guarded.has(server)) return;
  guarded.add(server);
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', function guardedRequest(this: Server, req: IncomingMessage, res: ServerResponse) {
    if (refuse(req, res)) return;
    if (variesOnAccept(req.method, req.url)) varyOnAccept(res);
    for (const listener of listeners) listener.call(this, req, res);
  });
}

let installed = false;

/**
 * Installs the guard on every node:http server of this process, from its next request on: Node publishes each
 * request on the `http.server.request.start` diagnostics channel, with its server, just before emitting the request
 * event, so the guard wraps that server's listeners in time for the very request that revealed it. `next start`
 * calls register() while it loads, before it serves; requests that arrived earlier (and, under `next dev`, which
 * registers on the first request, that first one) are Next's. Idempotent.
 */
export function installRequestGuard(): void {
  if (installed) return;
  installed = true;
  subscribe('http.server.request.start', (message) => guard((message as { server: Server }).server));
}
