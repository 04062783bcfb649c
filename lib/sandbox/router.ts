import { listOperations, type Operation } from '@/lib/openapi';

import { createApp, setMaintenance, setRateLimit } from './apps';
import type { ApiCall, Call, Handler } from './call';
import { json, problem, type Reply } from './http';
import { getProjectMetrics } from './metrics';
import { handleAuthorize, handleDecision } from './oauth/authorize';
import { createLoginTicket } from './oauth/login-ticket';
import { authorizationServerMetadata } from './oauth/metadata';
import { handleToken } from './oauth/token';
import { createProject, listProjects } from './projects';
import { lookUpRequest, REQUEST_LOG_PATH } from './request-log';
import { WEBHOOK_ROUTES } from './webhook-routes';
import { emitWebhook, verifyWebhook } from './webhooks';

/** How the pipeline reads a route's body before its handler runs: JSON (else 415), raw form bytes, or nothing. */
export type BodyKind = 'json' | 'form' | 'none';

/**
 * Who may call a route: `bearer`, a bearer credential holding the operation's scopes from the document; `manage`,
 * one holding the sandbox-only `sandbox:manage` scope; `open`, anyone (the handler authenticates what it needs: the
 * token endpoint its client, the login-ticket route its tenant); `tenant`, any bearer credential of the tenant, any
 * scope, also in maintenance mode (a sandbox-only view of the tenant's own state).
 */
export type Access = 'bearer' | 'manage' | 'open' | 'tenant';

/** One row of the routing table. */
export interface Route {
  /** The document's operationId, or `sandbox.<name>` for a sandbox-only route. */
  key: string;
  method: string;
  /** Path template relative to the mount, e.g. `/v1/projects/{projectId}/metrics`. */
  path: string;
  /** Whether the document describes it: its requests are validated against the document first. */
  documented: boolean;
  body: BodyKind;
  access: Access;
  handler: Handler;
}

/** A handler of a `bearer` route, whose call always carries the credential's identity (the pipeline checked it). */
function withIdentity(handler: (call: ApiCall) => Promise<Reply>): Handler {
  return (call) => handler(call as ApiCall);
}

/** The document operations the sandbox implements, by operationId. Access and body kind come from the document. */
const OPERATION_HANDLERS: Readonly<Record<string, Handler>> = {
  createToken: (call) => handleToken(call.rt, call.ctx, call.request, call.url, call.rawBody),
  listProjects: withIdentity(listProjects),
  createProject: withIdentity(createProject),
  getProjectMetrics: withIdentity(getProjectMetrics),
  verifyWebhook: withIdentity(verifyWebhook),
};

/** Every document operationId the sandbox implements. */
export const HANDLED_OPERATIONS: readonly string[] = Object.keys(OPERATION_HANDLERS);

/** The tenant of a `manage` or `tenant` route's credential (the pipeline checked it is there). */
const tenantOf = (call: Call) => call.identity?.tenantId ?? '';
const issuerOf = (call: Call) => `${call.ctx.origin}${call.ctx.base}`;
const consentAction = (call: Call) => `${call.ctx.base}/oauth/authorize`;

/** Sandbox-only routes (documented in lib/sandbox/README.md, not in the AeThex document). */
const SANDBOX_ROUTES: readonly Omit<Route, 'documented'>[] = [
  {
    key: 'sandbox.createApp',
    method: 'POST',
    path: '/apps',
    body: 'json',
    access: 'open',
    handler: (call) => createApp(call.rt, call.ctx, call.body, call.who.client),
  },
  {
    key: 'sandbox.emitWebhook',
    method: 'POST',
    path: '/webhooks/emit',
    body: 'json',
    access: 'manage',
    handler: (call) => emitWebhook(call.rt, call.ctx, tenantOf(call), call.body),
  },
  {
    key: 'sandbox.setMaintenance',
    method: 'PUT',
    path: '/maintenance',
    body: 'json',
    access: 'manage',
    handler: (call) => setMaintenance(call.rt, call.ctx, tenantOf(call), call.body),
  },
  {
    key: 'sandbox.setRateLimit',
    method: 'PUT',
    path: '/rate-limit',
    body: 'json',
    access: 'manage',
    handler: (call) => setRateLimit(call.rt, call.ctx, tenantOf(call), call.body),
  },
  {
    key: 'sandbox.requestLog',
    method: 'GET',
    path: `${REQUEST_LOG_PATH}{request_id}`,
    body: 'none',
    access: 'tenant',
    handler: (call) => lookUpRequest(call.rt, call.ctx, tenantOf(call), call.params.request_id ?? ''),
  },
  {
    key: 'sandbox.metadata',
    method: 'GET',
    path: '/.well-known/oauth-authorization-server',
    body: 'none',
    access: 'open',
    // Named by the configured public origin it may be cached by anyone; named by the request's Host, only by the
    // client (a shared cache must not hand one caller's issuer to another).
    handler: (call) =>
      Promise.resolve(
        json(200, authorizationServerMetadata(issuerOf(call)), {
          'Cache-Control': call.ctx.originFromRequest ? 'private, max-age=300' : 'public, max-age=300',
        }),
      ),
  },
  {
    key: 'sandbox.authorize',
    method: 'GET',
    path: '/oauth/authorize',
    body: 'none',
    access: 'open',
    handler: (call) => handleAuthorize(call.rt, call.url, issuerOf(call), consentAction(call)),
  },
  {
    key: 'sandbox.authorizeDecision',
    method: 'POST',
    path: '/oauth/authorize',
    body: 'form',
    access: 'open',
    handler: (call) => handleDecision(call.rt, call.request, call.rawBody, issuerOf(call), consentAction(call)),
  },
  {
    key: 'sandbox.loginTicket',
    method: 'POST',
    path: '/oauth/login-ticket',
    body: 'json',
    access: 'open',
    handler: (call) => createLoginTicket(call.rt, call.ctx, call.request, call.body),
  },
  ...WEBHOOK_ROUTES,
];

/** The body kind of a document operation: what its request body's media types say. */
function bodyKindOf(operation: Operation): BodyKind {
  const types = Object.keys(operation.requestBody?.content ?? {});
  if (types.includes('application/json')) return 'json';
  return types.length > 0 ? 'form' : 'none';
}

/** An operation the document has and the sandbox does not implement yet: 501, until the contract test passes. */
const notImplemented =
  (operationId: string): Handler =>
  (call) =>
    Promise.resolve(
      problem(call.ctx, 501, `The sandbox does not implement ${operationId} yet; the API reference describes it.`, {
        title: 'Not Implemented',
      }),
    );

let table: (Route & { regex: RegExp; names: string[] })[] | undefined;

/** A path template as a regular expression with one group per `{name}`. */
function compile(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/**
 * The routing table: every document operation (handler, access from its security — HTTP Basic client
 * authentication means the handler authenticates — and body kind from its media types), then the sandbox-only
 * routes. Built once from the document.
 */
export function routes(): readonly (Route & { regex: RegExp; names: string[] })[] {
  table ??= [
    ...listOperations().map((operation) => ({
      key: operation.operationId,
      method: operation.method,
      path: operation.path,
      documented: true,
      body: bodyKindOf(operation),
      access: operation.credential === 'bearer' ? ('bearer' as const) : ('open' as const),
      handler: OPERATION_HANDLERS[operation.operationId] ?? notImplemented(operation.operationId),
    })),
    ...SANDBOX_ROUTES.map((route) => ({ ...route, documented: false })),
  ].map((route) => ({ ...route, ...compile(route.path) }));
  return table;
}

/** A routing result: a route with its path parameters, a 405 with Allow, or nothing (404). */
export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** The methods a path supports, in table order, with HEAD after GET (answered as GET, RFC 9110 §9.3.2). */
function allowOf(path: string): string[] | undefined {
  const methods = routes()
    .filter((route) => route.regex.test(path))
    .map((route) => route.method);
  if (methods.length === 0) return undefined;
  if (methods.includes('GET')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD');
  return methods;
}

/**
 * Matches a method and a path (relative to the sandbox mount) against the routing table. HEAD is answered as GET.
 * @returns the route and its decoded path parameters, `method-not-allowed` with the Allow list, or `not-found`
 * (also for a parameter that is not valid percent-encoding).
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const route = routes().find((candidate) => candidate.method === wanted && candidate.regex.test(path));
  if (!route) {
    const allow = allowOf(path);
    return allow ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
  const found = route.regex.exec(path)!;
  const params: Record<string, string> = {};
  try {
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(found[index + 1] ?? '');
    });
  } catch {
    return { kind: 'not-found' };
  }
  return { kind: 'route', route, params };
}

/**
 * The methods a path (relative to the sandbox mount) supports, as matchRoute's 405 lists them in `Allow`.
 * @returns undefined when no route has the path (the sandbox answers 404 whatever the method).
 */
export function allowedMethods(path: string): string[] | undefined {
  return allowOf(path);
}

/** Every document operationId the router can reach with a handler of its own (for the completeness test). */
export function routedOperationIds(): string[] {
  return routes()
    .filter((route) => route.documented && route.key in OPERATION_HANDLERS)
    .map((route) => route.key);
}

/** The sandbox-only routes' paths and methods, for tests and the request guard. */
export function sandboxOnlyRoutes(): { key: string; method: string; path: string }[] {
  return SANDBOX_ROUTES.map(({ key, method, path }) => ({ key, method, path }));
}

const WELL_KNOWN = '/.well-known/oauth-authorization-server';

/**
 * Splits a request path into the mount prefix used and the path within the sandbox. Also maps the RFC 8414 §3.1
 * metadata location of an issuer with a path (`/.well-known/oauth-authorization-server/sandbox`) to the metadata route.
 * @param bases - accepted prefixes in order of preference (`['/sandbox']` mounted, `['/sandbox', '']` standalone).
 * @returns undefined when the path is outside every accepted prefix.
 */
export function splitBase(pathname: string, bases: readonly string[]): { base: string; path: string } | undefined {
  for (const base of bases) {
    if (base && pathname === `${WELL_KNOWN}${base}`) return { base, path: WELL_KNOWN };
    if (base === '' || pathname === base || pathname.startsWith(`${base}/`))
      return { base, path: pathname.slice(base.length) || '/' };
  }
  return undefined;
}
