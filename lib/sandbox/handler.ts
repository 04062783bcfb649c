import { environments, getOperation } from '@/lib/openapi';

import type { ApiCall } from './api-request';
import { createApp, setMaintenance, setRateLimit } from './apps';
import { LIMITS } from './config';
import {
  BodyTooLargeError, commonHeaders, json, originOf, preflightHeaders, problem, readBody, requestIdFor, type FieldError, type RequestContext,
} from './http';
import { anonymousSubject, clientAddress, countRequest, peekRequest, tenantSubject, type ClientAddress, type RateSubject } from './limits';
import { getProjectMetrics } from './metrics';
import { handleAuthorize, handleDecision } from './oauth/authorize';
import { authenticateBearer, bearerChallenge, type BearerFailure, type BearerIdentity } from './oauth/bearer';
import { findClient, secretMatches } from './oauth/clients';
import { authorizationServerMetadata } from './oauth/metadata';
import { decodeBasic, handleToken } from './oauth/token';
import { createProject, listProjects } from './projects';
import { RateWindows } from './rate-windows';
import { matchRoute, splitBase } from './router';
import { isMediaType, type Runtime } from './runtime';
import { SandboxStore } from './store';
import { nonDecimalIntegers, validateRequest } from './validate';
import { emitWebhook, verifyWebhook } from './webhooks';

/** Options of a sandbox instance. */
export interface SandboxOptions {
  /** SQLite file or `':memory:'` (default: SANDBOX_DB, else `.data/sandbox.db`). */
  db?: string;
  /** Mount prefix: `'/sandbox'` inside the portal (default); `''` standalone, which also accepts a `/sandbox` prefix. */
  basePath?: '/sandbox' | '';
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
  /** Tenant lifetime in seconds (default SANDBOX_TENANT_TTL_SECONDS, else 86400). */
  tenantTtlSeconds?: number;
  /** Interval of the background purge, in ms (default min(TTL, 60 s)); 0 disables the timer. */
  purgeIntervalMs?: number;
  /** Extra console origin for the public client's redirect URI (default PORTAL_URL). */
  portalUrl?: string;
  /** Tenants one client address may create per hour (default SANDBOX_APPS_PER_HOUR, else 20). */
  appsPerHour?: number;
  /** Projects one tenant may hold (default SANDBOX_PROJECTS_PER_TENANT, else 500). */
  projectsPerTenant?: number;
  /** Trust the last X-Forwarded-For entry over the socket address (default SANDBOX_TRUST_PROXY === '1'). */
  trustProxy?: boolean;
}

/** Connection facts an adapter may know (node:http does, a Fetch Request does not). */
export interface ConnectionInfo {
  remoteAddress?: string;
}

/** A running sandbox. */
export interface Sandbox {
  /** Answers one request: `(Request) => Promise<Response>`, framework-agnostic. Never rejects. */
  handle(request: Request, info?: ConnectionInfo): Promise<Response>;
  /** Deletes expired tenants now, synchronously; returns how many. */
  purge(): number;
  /**
   * Deletes expired tenants in batches of LIMITS.purgeRowBatch rows, yielding to the event loop between batches so
   * requests are served meanwhile (what the purge timer runs). Resolves to the number of tenants deleted.
   */
  purgeInBackground(): Promise<number>;
  /** Stops the purge timer and closes the database. */
  close(): void;
  readonly runtime: Runtime;
}

type Identity = {
  tenant: BearerIdentity | undefined; failure: BearerFailure | undefined; subject: RateSubject; client: ClientAddress; maintenance?: { retryAfter: number };
};

const JSON_OPERATIONS = new Set(['createProject', 'verifyWebhook']);
const RESOURCE_HANDLERS: Record<string, (call: ApiCall) => Response> = {
  listProjects,
  createProject,
  getProjectMetrics,
  verifyWebhook,
};
const BEARER_SANDBOX_ROUTES = new Set(['sandbox.emitWebhook', 'sandbox.setMaintenance', 'sandbox.setRateLimit']);

/** Every document operationId the handler implements (createToken is the token endpoint). */
export const HANDLED_OPERATIONS: readonly string[] = ['createToken', ...Object.keys(RESOURCE_HANDLERS)];

/** Who is calling, for rate limiting and maintenance: a tenant by bearer token or Basic client credentials, else anonymous. */
function identify(rt: Runtime, request: Request, info: ConnectionInfo | undefined): Identity {
  const header = request.headers.get('authorization');
  const address = clientAddress(request, info?.remoteAddress, rt.trustProxy);
  const anonymous = anonymousSubject(address);
  if (header !== null && /^basic /i.test(header)) {
    const basic = decodeBasic(header);
    const client = basic ? findClient(rt.store, basic.id, rt.portalUrl) : undefined;
    const tenant = client?.tenantId && basic && secretMatches(client, basic.secret) ? rt.store.tenant(client.tenantId) : undefined;
    if (!tenant) return { tenant: undefined, failure: undefined, subject: anonymous, client: address };
    return {
      tenant: undefined, failure: undefined, client: address, subject: tenantSubject(tenant.id, tenant.rate_limit, tenant.rate_window_seconds),
      ...(tenant.maintenance ? { maintenance: { retryAfter: tenant.maintenance_retry_after } } : {}),
    };
  }
  const result = authenticateBearer(rt.store, header, rt.now());
  if ('tenantId' in result) {
    const { row } = result;
    return {
      tenant: result, failure: undefined, client: address, subject: tenantSubject(result.tenantId, row.rate_limit, row.rate_window_seconds),
      ...(row.maintenance ? { maintenance: { retryAfter: row.maintenance_retry_after } } : {}),
    };
  }
  return { tenant: undefined, failure: result, subject: anonymous, client: address };
}

/** A sentence for a validation problem's `detail`. */
function validationDetail(errors: FieldError[]): string {
  const describe = (error: FieldError) => {
    const missing = /^must have required property '(.+)'$/.exec(error.message);
    if (missing) return `${error.field.startsWith('/') || error.field === '' ? 'The body field' : 'The parameter'} ${error.field || missing[1]} is missing`;
    return `${error.field === '' ? 'The body' : error.field.startsWith('/') ? `The body field ${error.field}` : `The parameter ${error.field}`} ${error.message}`;
  };
  if (errors.length === 1) return `${describe(errors[0]!)}.`;
  return `The request has ${errors.length} invalid fields: ${errors.map(describe).join('; ')}.`;
}

async function readJsonBody(ctx: RequestContext, request: Request, required: boolean): Promise<{ ok: true; raw: Uint8Array; value: unknown } | { ok: false; response: Response }> {
  const raw = await readBody(request, LIMITS.maxBodyBytes);
  if (raw.byteLength === 0 && !required) return { ok: true, raw, value: undefined };
  const contentType = request.headers.get('content-type');
  if (raw.byteLength > 0 && !isMediaType(contentType, 'application/json')) {
    return { ok: false, response: problem(ctx, 415, `Content-Type ${contentType ?? '(none)'} is not supported; send application/json.`) };
  }
  if (raw.byteLength === 0) return { ok: true, raw, value: undefined };
  try {
    return { ok: true, raw, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    return { ok: false, response: problem(ctx, 400, `The body is not valid JSON (${message}).`, { errors: [{ field: '', message: 'must be valid UTF-8 JSON' }] }) };
  }
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

async function callOperation(rt: Runtime, ctx: RequestContext, request: Request, url: URL, operationId: string, params: Record<string, string>, who: Identity): Promise<Response> {
  const identity = who.tenant;
  if (!identity) {
    const failure = who.failure ?? { kind: 'invalid', description: 'Use a Bearer access token or personal access token.' };
    const detail = failure.kind === 'missing' ? 'This operation needs an access token: send Authorization: Bearer <token>.' : `${failure.description} Verify the Bearer token and ensure it has not expired.`;
    return problem(ctx, 401, detail, { headers: { 'WWW-Authenticate': bearerChallenge(failure) } });
  }
  if (who.maintenance) return maintenance(ctx, who.maintenance.retryAfter);
  const required = getOperation(operationId)?.scopes ?? [];
  const missing = required.filter((scope) => !identity.scopes.has(scope));
  if (missing.length > 0) {
    return problem(ctx, 403, `This operation requires the ${missing.join(' ')} scope; the token has ${[...identity.scopes].join(' ') || 'no scopes'}.`, {
      headers: { 'WWW-Authenticate': `Bearer realm="aethex", error="insufficient_scope", scope="${missing.join(' ')}"` },
    });
  }
  let body: { raw: Uint8Array; value: unknown } = { raw: new Uint8Array(0), value: undefined };
  if (JSON_OPERATIONS.has(operationId)) {
    const read = await readJsonBody(ctx, request, true);
    if (!read.ok) return read.response;
    body = read;
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const query = queryOf(url);
  const notDecimal = nonDecimalIntegers(operationId, query);
  if (notDecimal.length > 0) return problem(ctx, 400, validationDetail(notDecimal), { errors: notDecimal });
  const validation = await validateRequest(operationId, {
    method: request.method === 'HEAD' ? 'GET' : request.method,
    path: ctx.path + url.search,
    headers,
    query,
    params,
    ...(body.value !== undefined ? { body: body.value } : {}),
  });
  if (!validation.ok) return problem(ctx, 400, validationDetail(validation.errors), { errors: validation.errors });
  return RESOURCE_HANDLERS[operationId]!({
    rt, ctx, identity, params, body: body.value, rawBody: body.raw,
    query: validation.value.query,
    environment: request.headers.get('aethex-environment') ?? defaultEnvironment(),
    header: (name) => request.headers.get(name),
  });
}

let cachedDefaultEnvironment: string | undefined;

/** The document's default AeThex-Environment (resolved once: lib/openapi.ts resolves the parameter on every call). */
function defaultEnvironment(): string {
  cachedDefaultEnvironment ??= environments().default;
  return cachedDefaultEnvironment;
}

function maintenance(ctx: RequestContext, retryAfter: number): Response {
  return problem(ctx, 503, 'The sandbox app is in maintenance mode (PUT /sandbox/maintenance). Retry with exponential backoff; AeThex dashboards surface ongoing maintenance windows.', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}

async function callSandboxRoute(rt: Runtime, ctx: RequestContext, request: Request, url: URL, key: string, who: Identity): Promise<Response> {
  const issuer = `${ctx.origin}${ctx.base}`;
  if (key === 'sandbox.metadata') return json(200, authorizationServerMetadata(issuer), { 'Cache-Control': 'public, max-age=300' });
  if (key === 'sandbox.authorize') return handleAuthorize(rt, url, issuer, `${ctx.base}/oauth/authorize`);
  if (key === 'sandbox.authorizeDecision') return handleDecision(rt, request, await readBody(request, LIMITS.maxBodyBytes), issuer);
  if (BEARER_SANDBOX_ROUTES.has(key) && !who.tenant) {
    const failure = who.failure ?? { kind: 'missing' as const };
    return problem(ctx, 401, 'Send the sandbox app\'s access token or personal access token as Authorization: Bearer <token>.', { headers: { 'WWW-Authenticate': bearerChallenge(failure) } });
  }
  const read = await readJsonBody(ctx, request, false);
  if (!read.ok) return read.response;
  const tenantId = who.tenant?.tenantId ?? '';
  if (key === 'sandbox.createApp') return createApp(rt, ctx, read.value, who.client);
  if (key === 'sandbox.emitWebhook') return emitWebhook(rt, ctx, tenantId, read.value);
  if (key === 'sandbox.setMaintenance') return setMaintenance(rt, ctx, tenantId, read.value);
  return setRateLimit(rt, ctx, tenantId, read.value);
}

async function dispatch(rt: Runtime, bases: readonly string[], request: Request, url: URL, ctx: RequestContext, info: ConnectionInfo | undefined): Promise<Response> {
  if (request.method === 'OPTIONS') {
    ctx.rate = peekRequest(rt, anonymousSubject(clientAddress(request, info?.remoteAddress, rt.trustProxy)));
    return new Response(null, { status: 204, headers: preflightHeaders(new Headers()) });
  }
  const who = identify(rt, request, info);
  const rate = countRequest(rt, who.subject);
  ctx.rate = rate;
  if (rate.exceeded) {
    return problem(ctx, 429, `The rate limit of ${rate.limit} requests per window is used up; it resets in ${rate.retryAfter} seconds. Respect the rate limit headers or enable adaptive backoff via the SDK.`, {
      headers: { 'Retry-After': String(rate.retryAfter) },
    });
  }
  const split = splitBase(url.pathname, bases);
  const route = split ? matchRoute(request.method, split.path) : ({ kind: 'not-found' } as const);
  if (route.kind === 'not-found') return problem(ctx, 404, `No operation matches ${request.method} ${url.pathname}. Check the path against the API reference.`);
  if (route.kind === 'method-not-allowed') {
    return problem(ctx, 405, `${request.method} is not supported on ${url.pathname}. Use one of ${route.allow.join(', ')}.`, { headers: { Allow: route.allow.join(', ') } });
  }
  if (!route.documented) return callSandboxRoute(rt, ctx, request, url, route.key, who);
  if (route.key === 'createToken') {
    if (who.maintenance) return maintenance(ctx, who.maintenance.retryAfter);
    return handleToken(rt, request, url, await readBody(request, LIMITS.maxBodyBytes));
  }
  return callOperation(rt, ctx, request, url, route.key, route.params, who);
}

/**
 * Creates a sandbox: the AeThex API as the OpenAPI document describes it, backed by SQLite. Cross-cutting concerns
 * live here once: request IDs, CORS, rate-limit headers, body limit, problem details and the last-resort error
 * mapping (a generic 500 problem without internals; the tests prove bad input never reaches it).
 * Starts an unref'd timer purging expired tenants in small batches.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? Date.now;
  const store = new SandboxStore(options.db ?? process.env.SANDBOX_DB ?? '.data/sandbox.db', now);
  const tenantTtlSeconds = options.tenantTtlSeconds ?? (Number(process.env.SANDBOX_TENANT_TTL_SECONDS) || LIMITS.tenantTtlSeconds);
  const portalUrl = options.portalUrl ?? process.env.PORTAL_URL;
  const rates = new RateWindows(store);
  const rt: Runtime = {
    store, now, tenantTtlSeconds, rates, ...(portalUrl ? { portalUrl } : {}),
    caps: {
      appsPerHour: options.appsPerHour ?? (Number(process.env.SANDBOX_APPS_PER_HOUR) || LIMITS.appsPerHour),
      projectsPerTenant: options.projectsPerTenant ?? (Number(process.env.SANDBOX_PROJECTS_PER_TENANT) || LIMITS.projectsPerTenant),
    },
    trustProxy: options.trustProxy ?? process.env.SANDBOX_TRUST_PROXY === '1',
  };
  const bases = (options.basePath ?? '/sandbox') === '' ? ['/sandbox', ''] : ['/sandbox'];
  const purgeStep = (id: string): boolean => {
    rates.forget(`tenant:${id}`);
    return store.purgeTenantStep(id, LIMITS.purgeRowBatch).done;
  };
  const purgeStale = () => store.purgeStale(now(), LIMITS.purgeRowBatch, LIMITS.idempotencySeconds * 1000);
  const purge = (): number => {
    const ids = store.expiredTenants(now(), LIMITS.purgeBatch);
    for (const id of ids) while (!purgeStep(id));
    purgeStale();
    return ids.length;
  };
  const purgeInBackground = async (): Promise<number> => {
    const ids = store.expiredTenants(now(), LIMITS.purgeBatch);
    for (const id of ids) {
      // Each step is one short transaction; requests queued meanwhile run between steps.
      while (!purgeStep(id)) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    purgeStale();
    return ids.length;
  };
  const interval = options.purgeIntervalMs ?? Math.min(tenantTtlSeconds * 1000, 60_000);
  let purging = false;
  const timer = interval > 0 ? setInterval(() => {
    if (purging) return;
    purging = true;
    // A busy database fails this round; the next one catches up.
    purgeInBackground().catch(() => undefined).finally(() => {
      purging = false;
    });
  }, interval) : undefined;
  timer?.unref();
  const flush = () => {
    try {
      rates.flush(now());
    } catch {
      // A busy database keeps the windows dirty in memory; the next flush writes them.
    }
  };
  const flushTimer = setInterval(flush, LIMITS.rateFlushMs);
  flushTimer.unref();

  async function handle(request: Request, info?: ConnectionInfo): Promise<Response> {
    const url = new URL(request.url);
    const split = splitBase(url.pathname, bases);
    const ctx: RequestContext = {
      requestId: requestIdFor(request.headers.get('x-request-id')),
      origin: originOf(request, url),
      base: split?.base ?? '',
      path: split?.path ?? url.pathname,
      instance: `${url.pathname}${url.search}`,
    };
    let response: Response;
    try {
      response = await dispatch(rt, bases, request, url, ctx, info);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        response = problem(ctx, 413, `The request body is ${error.size ?? 'more than ' + error.limit} bytes; the limit is ${error.limit} bytes.`);
      } else {
        response = problem(ctx, 500, 'The sandbox failed unexpectedly. Retry, and quote the request ID if it persists.');
      }
    }
    commonHeaders(ctx, response.headers);
    if (request.method === 'HEAD') return new Response(null, { status: response.status, headers: response.headers });
    return response;
  }

  return {
    handle,
    purge,
    purgeInBackground,
    close: () => {
      if (timer) clearInterval(timer);
      clearInterval(flushTimer);
      if (store.db.open) flush();
      store.close();
    },
    runtime: rt,
  };
}

let defaultSandbox: Sandbox | undefined;

/**
 * The portal's sandbox, mounted at /sandbox by app/sandbox/[...path]/route.ts. Created on first request so that
 * building the portal never opens the database.
 */
export const sandbox = {
  handle(request: Request): Promise<Response> {
    defaultSandbox ??= createSandbox({ basePath: '/sandbox' });
    return defaultSandbox.handle(request);
  },
};
