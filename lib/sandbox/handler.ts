import { LIMITS } from './config';
import { dispatch, type ConnectionInfo } from './dispatch';
import { startHousekeeping } from './housekeeping';
import {
  bareContext,
  BodyTooLargeError,
  commonHeaders,
  originOf,
  problem,
  requestIdFor,
  toResponse,
  type Reply,
  type RequestContext,
} from './http';
import { RateWindows } from './rate-windows';
import { splitBase } from './router';
import type { Runtime } from './runtime';
import { SandboxStore } from './store';

export type { ConnectionInfo } from './dispatch';
export { HANDLED_OPERATIONS } from './operation';

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
  /** Idempotency records one tenant may hold (default SANDBOX_IDEMPOTENCY_RECORDS_PER_TENANT, else 1000). */
  idempotencyRecordsPerTenant?: number;
  /** Projects one tenant may hold (default SANDBOX_PROJECTS_PER_TENANT, else 500). */
  projectsPerTenant?: number;
  /** Bound of a tenant's own rate limit, requests per second (default SANDBOX_MAX_REQUESTS_PER_SECOND, else 100). */
  maxRequestsPerSecond?: number;
  /**
   * Trust the reverse proxy in front: the last X-Forwarded-For entry over the socket address, and X-Forwarded-Proto /
   * X-Forwarded-Host for absolute URLs (default SANDBOX_TRUST_PROXY === '1').
   */
  trustProxy?: boolean;
  /**
   * Public origin for absolute URLs (issuer, Link, Location). Default: SANDBOX_PUBLIC_URL, else, mounted, PORTAL_URL;
   * unset, the request's Host header is used (and the metadata is not shared-cacheable).
   */
  publicOrigin?: string;
}

/** A running sandbox. */
export interface Sandbox {
  /** Answers one request: `(Request) => Promise<Response>`, framework-agnostic. Never rejects. */
  handle(request: Request, info?: ConnectionInfo): Promise<Response>;
  /**
   * The same answer as a plain Reply (status, headers, body text), for adapters that write it out themselves (the
   * standalone node:http server) and so skip building a Fetch Response. Never rejects.
   */
  reply(request: Request, info?: ConnectionInfo): Promise<Reply>;
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

/**
 * Creates a sandbox: the AeThex API as the OpenAPI document describes it, backed by SQLite. Cross-cutting concerns
 * live here once: request IDs, CORS, rate-limit headers, body limit, problem details and the last-resort error
 * mapping (a generic 500 problem without internals; the tests prove bad input never reaches it).
 * Starts unref'd timers purging expired tenants in small batches and flushing rate-limit windows (housekeeping.ts).
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? Date.now;
  const store = new SandboxStore(options.db ?? process.env.SANDBOX_DB ?? '.data/sandbox.db', now);
  const tenantTtlSeconds =
    options.tenantTtlSeconds ?? (Number(process.env.SANDBOX_TENANT_TTL_SECONDS) || LIMITS.tenantTtlSeconds);
  const portalUrl = options.portalUrl ?? process.env.PORTAL_URL;
  const rt: Runtime = {
    store,
    now,
    tenantTtlSeconds,
    rates: new RateWindows(store),
    ...(portalUrl ? { portalUrl } : {}),
    caps: {
      appsPerHour: options.appsPerHour ?? (Number(process.env.SANDBOX_APPS_PER_HOUR) || LIMITS.appsPerHour),
      projectsPerTenant:
        options.projectsPerTenant ?? (Number(process.env.SANDBOX_PROJECTS_PER_TENANT) || LIMITS.projectsPerTenant),
      maxRequestsPerSecond:
        options.maxRequestsPerSecond ??
        (Number(process.env.SANDBOX_MAX_REQUESTS_PER_SECOND) || LIMITS.maxRequestsPerSecond),
      idempotencyRecordsPerTenant:
        options.idempotencyRecordsPerTenant ??
        (Number(process.env.SANDBOX_IDEMPOTENCY_RECORDS_PER_TENANT) || LIMITS.idempotencyRecordsPerTenant),
    },
    trustProxy: options.trustProxy ?? process.env.SANDBOX_TRUST_PROXY === '1',
  };
  const mounted = (options.basePath ?? '/sandbox') === '/sandbox';
  const bases = mounted ? ['/sandbox'] : ['/sandbox', ''];
  const configuredOrigin = options.publicOrigin ?? process.env.SANDBOX_PUBLIC_URL ?? (mounted ? portalUrl : undefined);
  const originPolicy = { configured: configuredOrigin?.replace(/\/+$/, ''), trustProxy: rt.trustProxy };
  const housekeeping = startHousekeeping(rt, options.purgeIntervalMs ?? Math.min(tenantTtlSeconds * 1000, 60_000));

  const UNEXPECTED = 'The sandbox failed unexpectedly. Retry, and quote the request ID if it persists.';

  /** The reply of a failure: 413 for an oversized body, else the generic 500 problem (no internals). */
  function failed(ctx: RequestContext, error: unknown): Reply {
    return error instanceof BodyTooLargeError
      ? problem(
          ctx,
          413,
          `The request body is ${error.size ?? 'more than ' + error.limit} bytes; the limit is ${error.limit} bytes.`,
        )
      : problem(ctx, 500, UNEXPECTED);
  }

  function finish(ctx: RequestContext, request: Request, result: Reply): Reply {
    commonHeaders(ctx, result.headers);
    if (request.method === 'HEAD') result.body = null;
    return result;
  }

  // Synchronous unless the request has a body to read: in `next start` every promise runs Next's async-context hooks.
  function replyNow(request: Request, info?: ConnectionInfo): Reply | Promise<Reply> {
    const url = new URL(request.url);
    const split = splitBase(url.pathname, bases);
    const { origin, fromRequest } = originOf(request, url, originPolicy);
    const ctx: RequestContext = {
      requestId: requestIdFor(request.headers.get('x-request-id')),
      origin,
      originFromRequest: fromRequest,
      base: split?.base ?? '',
      path: split?.path ?? url.pathname,
      instance: `${url.pathname}${url.search}`,
    };
    let result: Reply | Promise<Reply>;
    try {
      result = dispatch(rt, request, url, ctx, split !== undefined, info);
    } catch (error) {
      result = failed(ctx, error);
    }
    if (result instanceof Promise)
      return result.then(
        (done) => finish(ctx, request, done),
        (error: unknown) => finish(ctx, request, failed(ctx, error)),
      );
    return finish(ctx, request, result);
  }

  function respond(request: Request, result: Reply): Response {
    try {
      return toResponse(result);
    } catch {
      // Last resort, as in replyNow(): a header value the Fetch API refuses (none is built from raw input) is a 500 problem.
      const ctx = bareContext(new URL(request.url).pathname, result.headers['X-Request-ID']);
      return toResponse(finish(ctx, request, problem(ctx, 500, UNEXPECTED)));
    }
  }

  // replyNow maps every failure of routing and handlers to a problem; this guards the few lines before its try
  // (URL parsing, request ID, origin), so that handle() and reply() never throw or reject.
  function replySafely(request: Request, info?: ConnectionInfo): Reply | Promise<Reply> {
    try {
      return replyNow(request, info);
    } catch {
      const ctx = bareContext('');
      return finish(ctx, request, problem(ctx, 500, UNEXPECTED));
    }
  }

  return {
    handle: (request, info) => {
      const result = replySafely(request, info);
      return result instanceof Promise
        ? result.then((done) => respond(request, done))
        : Promise.resolve(respond(request, result));
    },
    reply: (request, info) => {
      const result = replySafely(request, info);
      return result instanceof Promise ? result : Promise.resolve(result);
    },
    purge: housekeeping.purge,
    purgeInBackground: housekeeping.purgeInBackground,
    close: () => {
      housekeeping.stop();
      store.close();
    },
    runtime: rt,
  };
}

let defaultSandbox: Sandbox | undefined;

function handleMounted(request: Request): Promise<Response> {
  defaultSandbox ??= createSandbox({ basePath: '/sandbox' });
  return defaultSandbox.handle(request);
}

/**
 * The portal's sandbox, mounted at /sandbox by the route files under app/sandbox/. Created on first request so that
 * building the portal never opens the database. `methods` is what each route file exports: every HTTP method Next
 * routes, each `(Request) => Promise<Response>` through the same handler (which answers 405 with Allow itself).
 */
export const sandbox = {
  handle: handleMounted,
  methods: {
    GET: handleMounted,
    HEAD: handleMounted,
    POST: handleMounted,
    PUT: handleMounted,
    PATCH: handleMounted,
    DELETE: handleMounted,
    OPTIONS: handleMounted,
  },
};
