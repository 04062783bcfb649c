import { getOperation } from '@/lib/openapi';

import { createApp, setMaintenance, setRateLimit } from './apps';
import { LIMITS, SANDBOX_SCOPE } from './config';
import {
  json,
  methodNotAllowed,
  noRoute,
  preflightHeaders,
  problem,
  readBody,
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
  type RateSubject,
} from './limits';
import { handleAuthorize, handleDecision } from './oauth/authorize';
import { authenticateBearer, bearerChallenge } from './oauth/bearer';
import { basicClient } from './oauth/clients';
import { createLoginTicket } from './oauth/login-ticket';
import { authorizationServerMetadata } from './oauth/metadata';
import { handleToken } from './oauth/token';
import { callOperation, maintenance, readJsonBody, type Caller } from './operation';
import { matchRoute } from './router';
import type { Runtime } from './runtime';
import { emitWebhook } from './webhooks';

/** Connection facts an adapter may know (node:http does, a Fetch Request does not). */
export interface ConnectionInfo {
  remoteAddress?: string;
}

/** The caller plus what rate limiting needs: the subject counted and the client address. */
type Identity = Caller & { subject: RateSubject; client: ClientAddress };

const BEARER_SANDBOX_ROUTES = new Set(['sandbox.emitWebhook', 'sandbox.setMaintenance', 'sandbox.setRateLimit']);

/** Who is calling, for rate limiting and maintenance: a tenant by bearer token or Basic client credentials, else anonymous. */
function identify(rt: Runtime, request: Request, info: ConnectionInfo | undefined): Identity {
  const header = request.headers.get('authorization');
  const address = clientAddress(request, info?.remoteAddress, rt.trustProxy);
  if (header !== null && /^basic /i.test(header)) {
    const client = basicClient(rt.store, header, rt.portalUrl);
    const tenant = client?.tenantId ? rt.store.tenant(client.tenantId) : undefined;
    if (!tenant) return { tenant: undefined, failure: undefined, subject: anonymousSubject(address), client: address };
    return {
      tenant: undefined,
      failure: undefined,
      client: address,
      subject: tenantSubject(tenant.id, tenant.rate_limit, tenant.rate_window_seconds),
      ...(tenant.maintenance ? { maintenance: { retryAfter: tenant.maintenance_retry_after } } : {}),
    };
  }
  const result = authenticateBearer(rt.store, header, rt.now());
  if ('tenantId' in result) {
    const { row } = result;
    return {
      tenant: result,
      failure: undefined,
      client: address,
      subject: tenantSubject(result.tenantId, row.rate_limit, row.rate_window_seconds),
      ...(row.maintenance ? { maintenance: { retryAfter: row.maintenance_retry_after } } : {}),
    };
  }
  return { tenant: undefined, failure: result, subject: anonymousSubject(address), client: address };
}

/** The sandbox-only control routes: Bearer credential with the SANDBOX_SCOPE scope, else 401 / 403. */
function controlDenied(ctx: RequestContext, who: Identity): Reply | undefined {
  if (!who.tenant) {
    const failure = who.failure ?? { kind: 'missing' as const };
    return problem(
      ctx,
      401,
      "Send the sandbox app's access token or personal access token as Authorization: Bearer <token>.",
      { headers: { 'WWW-Authenticate': bearerChallenge(failure) } },
    );
  }
  if (who.tenant.scopes.has(SANDBOX_SCOPE.name)) return undefined;
  return problem(
    ctx,
    403,
    `This sandbox-only route requires the ${SANDBOX_SCOPE.name} scope; the token has ${[...who.tenant.scopes].join(' ') || 'no scopes'}. Request ${SANDBOX_SCOPE.name} (the sandbox app must hold it) or use its personal access token.`,
    {
      headers: {
        'WWW-Authenticate': `Bearer realm="aethex", error="insufficient_scope", scope="${SANDBOX_SCOPE.name}"`,
      },
    },
  );
}

/**
 * The authorization server metadata. Named by the configured public origin it may be cached by anyone; named by the
 * request's Host, only by the client (a shared cache must not hand one caller's issuer to another).
 */
function metadata(ctx: RequestContext, issuer: string): Reply {
  return json(200, authorizationServerMetadata(issuer), {
    'Cache-Control': ctx.originFromRequest ? 'private, max-age=300' : 'public, max-age=300',
  });
}

async function callSandboxRoute(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  url: URL,
  key: string,
  who: Identity,
): Promise<Reply> {
  const issuer = `${ctx.origin}${ctx.base}`;
  const action = `${ctx.base}/oauth/authorize`;
  if (key === 'sandbox.metadata') return metadata(ctx, issuer);
  if (key === 'sandbox.authorize') return handleAuthorize(rt, url, issuer, action);
  if (key === 'sandbox.authorizeDecision')
    return handleDecision(rt, request, await readBody(request, LIMITS.maxBodyBytes), issuer, action);
  if (BEARER_SANDBOX_ROUTES.has(key)) {
    const denied = controlDenied(ctx, who);
    if (denied) return denied;
  }
  const read = await readJsonBody(ctx, request, false);
  if (!read.ok) return read.reply;
  const tenantId = who.tenant?.tenantId ?? '';
  if (key === 'sandbox.loginTicket') return createLoginTicket(rt, ctx, request, read.value);
  if (key === 'sandbox.createApp') return createApp(rt, ctx, read.value, who.client);
  if (key === 'sandbox.emitWebhook') return emitWebhook(rt, ctx, tenantId, read.value);
  if (key === 'sandbox.setMaintenance') return setMaintenance(rt, ctx, tenantId, read.value);
  return setRateLimit(rt, ctx, tenantId, read.value);
}

/**
 * Answers one request inside the sandbox mount: CORS preflight (not counted), identification and rate limiting
 * (429 with Retry-After), routing (404, 405 with Allow), then the token endpoint, a sandbox-only route or a
 * document operation. Sets `ctx.rate` for the rate-limit headers.
 * @param inside - whether the path is under an accepted mount prefix (`ctx.path` is then the path within it).
 * @returns the reply without the common headers (the caller adds them); a promise only when a body is read.
 * @throws BodyTooLargeError (or rejects with it) when a body passes LIMITS.maxBodyBytes (the caller maps it to 413).
 */
export function dispatch(
  rt: Runtime,
  request: Request,
  url: URL,
  ctx: RequestContext,
  inside: boolean,
  info: ConnectionInfo | undefined,
): Reply | Promise<Reply> {
  if (request.method === 'OPTIONS') {
    ctx.rate = peekRequest(rt, anonymousSubject(clientAddress(request, info?.remoteAddress, rt.trustProxy)));
    return { status: 204, headers: preflightHeaders(), body: null };
  }
  const who = identify(rt, request, info);
  const rate = countRequest(rt, who.subject);
  ctx.rate = rate;
  if (rate.exceeded) {
    return problem(
      ctx,
      429,
      `The rate limit of ${rate.limit} requests per window is used up; it resets in ${rate.retryAfter} seconds. Respect the rate limit headers or enable adaptive backoff via the SDK.`,
      {
        headers: { 'Retry-After': String(rate.retryAfter) },
      },
    );
  }
  const route = inside ? matchRoute(request.method, ctx.path) : ({ kind: 'not-found' } as const);
  if (route.kind === 'not-found') return noRoute(ctx, request.method, url.pathname);
  if (route.kind === 'method-not-allowed') return methodNotAllowed(ctx, request.method, url.pathname, route.allow);
  if (!route.documented) return callSandboxRoute(rt, ctx, request, url, route.key, who);
  // The operation a client calls with HTTP Basic client authentication is the token endpoint (the model decides).
  if (getOperation(route.key)?.credential === 'client-basic') {
    if (who.maintenance) return maintenance(ctx, who.maintenance.retryAfter);
    return readBody(request, LIMITS.maxBodyBytes).then((body) => handleToken(rt, ctx, request, url, body));
  }
  return callOperation(rt, ctx, request, url, route.key, route.params, who);
}
