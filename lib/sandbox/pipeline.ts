/**
 * The sandbox's request pipeline, one small async function per concern, in the order a request meets them:
 *
 *   1. request ID        context()         X-Request-ID (the caller's safe value or a new one), origin, mount
 *   2. CORS              preflight()       OPTIONS answered here (not counted); every reply gets CORS headers in finish()
 *   3. body limits       readWithin()      at most LIMITS.maxBodyBytes, else 413 (not counted)
 *   4. client            identify()        bearer token, or HTTP Basic client credentials, else the client address
 *   5. rate limit        rateLimit()       one window per tenant (or address), counted atomically in the database
 *   6. route + validate  route(), check()  the routing table (router.ts), access, JSON body, the document's schemas
 *   7. handler           route.handler     the operation or sandbox-only route
 *   8. problems          toProblem()       anything thrown → RFC 9457 problem (413, else a generic 500)
 *   9. request log       keepExchange()    a request that proved a tenant is kept in its log (request-log.ts)
 *
 * Each step returns a Reply to stop the request there, or what the next step needs.
 */
import type { Call, Identity } from './call';
import { accessDenied, parseJsonBody, validateCall } from './checks';
import { LIMITS } from './config';
import {
  BodyTooLargeError,
  commonHeaders,
  methodNotAllowed,
  noRoute,
  originOf,
  preflightHeaders,
  problem,
  readBody,
  requestIdFor,
  type OriginPolicy,
  type Reply,
  type RequestContext,
} from './http';
import {
  anonymousSubject,
  clientAddress,
  countRequest,
  peekRequest,
  tenantSubject,
  type ClientAddress,
} from './limits';
import { authenticateBearer } from './oauth/bearer';
import { basicClient } from './oauth/clients';
import { isLookupPath } from './request-log';
import { matchRoute, splitBase, type Route } from './router';
import type { Runtime } from './runtime';

/** Connection facts an adapter may know (node:http does, a Fetch Request does not). */
export interface ConnectionInfo {
  remoteAddress?: string;
}

/** Where a sandbox is mounted and how it names its public origin. */
export interface Mount {
  /** Accepted mount prefixes in order of preference (`['/sandbox']` mounted, `['/sandbox', '']` standalone). */
  bases: readonly string[];
  origin: OriginPolicy;
}

/** 1. The request's context: its ID, public origin, mount prefix and path within the mount (undefined: outside it). */
export function context(request: Request, url: URL, mount: Mount): { ctx: RequestContext; inside: boolean } {
  const split = splitBase(url.pathname, mount.bases);
  const { origin, fromRequest } = originOf(request, url, mount.origin);
  const ctx: RequestContext = {
    requestId: requestIdFor(request.headers.get('x-request-id')),
    origin,
    originFromRequest: fromRequest,
    base: split?.base ?? '',
    path: split?.path ?? url.pathname,
    instance: `${url.pathname}${url.search}`,
  };
  return { ctx, inside: split !== undefined };
}

/** 2. A CORS preflight (Fetch standard §3.2.3): not counted, but its rate-limit headers show the caller's window. */
async function preflight(rt: Runtime, ctx: RequestContext, client: ClientAddress): Promise<Reply> {
  ctx.rate = await peekRequest(rt, anonymousSubject(client));
  return { status: 204, headers: preflightHeaders(), body: null };
}

/**
 * 3. The body, read up to LIMITS.maxBodyBytes (declared by Content-Length or counted while streaming).
 * @returns the bytes, or a 413 problem; it is not counted, and its rate-limit headers show the caller's window.
 */
async function readWithin(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  client: ClientAddress,
): Promise<Uint8Array | Reply> {
  try {
    return await readBody(request, LIMITS.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    ctx.rate = await peekRequest(rt, (await identify(rt, request, client)).subject);
    return toProblem(ctx, error);
  }
}

/** 4. Who is calling: a tenant by bearer token or HTTP Basic client credentials, else anonymous by client address. */
async function identify(rt: Runtime, request: Request, client: ClientAddress): Promise<Identity> {
  const header = request.headers.get('authorization');
  const anonymous = { tenant: undefined, failure: undefined, subject: anonymousSubject(client), client };
  if (header !== null && /^basic /i.test(header)) {
    const found = await basicClient(rt.store, header, rt.portalUrl);
    const tenant = found?.tenantId ? await rt.store.tenant(found.tenantId) : undefined;
    if (!tenant) return anonymous;
    return {
      ...anonymous,
      proven: tenant.id,
      subject: tenantSubject(tenant.id, tenant.rate_limit, tenant.rate_window_seconds),
      ...(tenant.maintenance ? { maintenance: { retryAfter: tenant.maintenance_retry_after } } : {}),
    };
  }
  const result = await authenticateBearer(rt.store, header, rt.now());
  if (!('tenantId' in result)) return { ...anonymous, failure: result };
  const { row } = result;
  return {
    ...anonymous,
    tenant: result,
    proven: result.tenantId,
    subject: tenantSubject(result.tenantId, row.rate_limit, row.rate_window_seconds),
    ...(row.maintenance ? { maintenance: { retryAfter: row.maintenance_retry_after } } : {}),
  };
}

/** 5. Counts the request in its window (sets `ctx.rate` for the headers); 429 with Retry-After over the limit. */
async function rateLimit(rt: Runtime, ctx: RequestContext, who: Identity): Promise<Reply | undefined> {
  const rate = await countRequest(rt, who.subject);
  ctx.rate = rate;
  if (!rate.exceeded) return undefined;
  return problem(
    ctx,
    429,
    `The rate limit of ${rate.limit} requests per window is used up; it resets in ${rate.retryAfter} seconds. Respect the rate limit headers or enable adaptive backoff via the SDK.`,
    { headers: { 'Retry-After': String(rate.retryAfter) } },
  );
}

/** 6a. The route of a request, or the 404 / 405 (with Allow) reply. */
function route(
  ctx: RequestContext,
  request: Request,
  url: URL,
  inside: boolean,
): { route: Route; params: Record<string, string> } | Reply {
  const match = inside ? matchRoute(request.method, ctx.path) : ({ kind: 'not-found' } as const);
  if (match.kind === 'not-found') return noRoute(ctx, request.method, url.pathname);
  if (match.kind === 'method-not-allowed') return methodNotAllowed(ctx, request.method, url.pathname, match.allow);
  return { route: match.route, params: match.params };
}

/**
 * 6b. Access (401/403/503), the JSON body (415/400), then, for a document operation, validation against the
 * document (400 listing every invalid field).
 * @returns the handler's call, or the reply that stops the request.
 */
async function check(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  url: URL,
  routed: { route: Route; params: Record<string, string> },
  who: Identity,
  rawBody: Uint8Array,
): Promise<Call | Reply> {
  const { route: target, params } = routed;
  const denied = accessDenied(ctx, target, who);
  if (denied) return denied;
  let body: unknown;
  if (target.body === 'json') {
    const parsed = parseJsonBody(ctx, request, rawBody);
    if (!parsed.ok) return parsed.reply;
    body = parsed.value;
  }
  const call: Call = {
    rt,
    ctx,
    request,
    url,
    who,
    identity: who.tenant,
    params,
    rawBody,
    body,
    query: {},
    environment: '',
    header: (name) => request.headers.get(name),
  };
  // Form bodies are the token endpoint's and the consent form's: their handlers parse and check them (OAuth errors).
  if (!target.documented || target.body === 'form') return call;
  const validated = await validateCall(ctx, request, url, target.key, body);
  if (!validated.ok) return validated.reply;
  return { ...call, query: validated.query, environment: validated.environment };
}

/** Whether a step stopped the request with a reply. */
function isReply(value: object): value is Reply {
  return 'status' in value && 'body' in value;
}

/**
 * Steps 2 to 7 for one request: the reply without the common headers (finish() adds them).
 * @param inside - whether the path is under an accepted mount prefix (`ctx.path` is then the path within it).
 * @throws whatever a step or handler throws unexpectedly (toProblem maps it to a 500 problem).
 */
export async function answer(
  rt: Runtime,
  request: Request,
  url: URL,
  ctx: RequestContext,
  inside: boolean,
  info: ConnectionInfo | undefined,
): Promise<Reply> {
  const client = clientAddress(request, info?.remoteAddress, rt.trustProxy);
  if (request.method === 'OPTIONS') return preflight(rt, ctx, client);
  const rawBody = await readWithin(rt, ctx, request, client);
  if (!(rawBody instanceof Uint8Array)) return rawBody;
  const who = await identify(rt, request, client);
  const logged = who.proven !== undefined && !isLookupPath(ctx.path);
  ctx.log = { body: rawBody, receivedAt: rt.now(), ...(logged ? { tenantId: who.proven } : {}) };
  const limited = await rateLimit(rt, ctx, who);
  if (limited) return limited;
  const routed = route(ctx, request, url, inside);
  if (isReply(routed)) return routed;
  const call = await check(rt, ctx, request, url, routed, who, rawBody);
  if (isReply(call)) return call;
  return routed.route.handler(call);
}

const UNEXPECTED = 'The sandbox failed unexpectedly. Retry, and quote the request ID if it persists.';

/** 8. The problem of a failure: 413 for an oversized body, else the generic 500 (no internals). */
export function toProblem(ctx: RequestContext, error: unknown): Reply {
  if (!(error instanceof BodyTooLargeError)) return problem(ctx, 500, UNEXPECTED);
  const size = error.size ?? `more than ${error.limit}`;
  return problem(ctx, 413, `The request body is ${size} bytes; the limit is ${error.limit} bytes.`);
}

/** The headers every reply carries (request ID, CORS, rate-limit state); HEAD loses the body. */
export function finish(ctx: RequestContext, request: Request, reply: Reply): Reply {
  commonHeaders(ctx, reply.headers);
  if (request.method === 'HEAD') reply.body = null;
  return reply;
}
