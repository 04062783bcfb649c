import { LIMITS, webhookSettings, type WebhookOptions } from './config';
import { purgeExpired, startPurgeTimer } from './housekeeping';
import { bareContext, problem, toResponse, type Reply, type RequestContext } from './http';
import { answer, context, finish, toProblem, type ConnectionInfo, type Mount } from './pipeline';
import { keepExchange } from './request-log';
import type { Runtime } from './runtime';
import { isPostgresUrl, SandboxStore } from './store';
import { WebhookSignals } from './webhook-signals';
import { startDeliveryWorker } from './webhook-worker';

export type { ConnectionInfo } from './pipeline';
export { HANDLED_OPERATIONS } from './router';

/** Options of a sandbox instance. */
export interface SandboxOptions {
  /**
   * Where the state lives: `postgres://…` for a PostgreSQL database shared by several instances, else a SQLite file
   * or `':memory:'`. Default: SANDBOX_DATABASE_URL, else SANDBOX_DB, else `.data/sandbox.db`.
   */
  db?: string;
  /** PostgreSQL only: the schema to keep the tables in (default SANDBOX_DATABASE_SCHEMA, else `public`). */
  schema?: string;
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
  /** Entries each tenant's request log keeps, the newest (default SANDBOX_REQUEST_LOG_ENTRIES, else 200). */
  requestLogEntries?: number;
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
  /**
   * Told when the database cannot be opened, once until it opens again (the portal logs it). The message names the
   * database kind and the driver's error, never the connection URL or request data.
   */
  reportFailure?: (message: string) => void;
  /**
   * Webhook delivery: timeout, retry schedule (seconds, e.g. `"0,1,5"`), failures before an endpoint is disabled,
   * a rotated secret's grace period, loopback (standalone only; ignored mounted), the resolver, poll intervals.
   * Defaults: the SANDBOX_WEBHOOK_* variables, else LIMITS.webhooks (config.ts webhookSettings).
   */
  webhooks?: WebhookOptions;
}

/** A running sandbox. */
export interface Sandbox {
  /** Answers one request: `(Request) => Promise<Response>`, framework-agnostic. Never rejects. */
  handle(request: Request, info?: ConnectionInfo): Promise<Response>;
  /**
   * The same answer as a plain Reply (status, headers, body text), for adapters that write it out themselves (the
   * standalone node:http server), so that no Fetch Response is built. Never rejects.
   */
  reply(request: Request, info?: ConnectionInfo): Promise<Reply>;
  /** Resolves once the database is open and migrated (rejects if it cannot be); what tests and adapters await. */
  readonly ready: Promise<Runtime>;
  /** Deletes expired tenants now (what the purge timer runs); resolves to how many this call deleted. */
  purge(): Promise<number>;
  /** Whether the database is open now (trying again to open it if an earlier attempt failed): for health checks. */
  available(): Promise<boolean>;
  /** Ends the open inbox streams (a server shutting down waits for open responses); new ones end at once. */
  endStreams(): void;
  /**
   * Ends the inbox streams, stops the purge timer and the delivery worker (attempts under way are recorded first),
   * closes the database.
   */
  close(): Promise<void>;
}

const UNAVAILABLE = 'The sandbox database is unavailable. Retry shortly, and quote the request ID if it persists.';

/** A number from the environment, or undefined when unset or not a positive number. */
function envNumber(name: string): number | undefined {
  return Number(process.env[name]) || undefined;
}

/** The runtime of a sandbox without its store: limits, caps and trust from the options, else the environment. */
function settings(options: SandboxOptions): Omit<Runtime, 'store'> {
  const mounted = (options.basePath ?? '/sandbox') === '/sandbox';
  const portalUrl = options.portalUrl ?? process.env.PORTAL_URL;
  return {
    now: options.now ?? Date.now,
    tenantTtlSeconds: options.tenantTtlSeconds ?? envNumber('SANDBOX_TENANT_TTL_SECONDS') ?? LIMITS.tenantTtlSeconds,
    ...(portalUrl ? { portalUrl } : {}),
    caps: {
      appsPerHour: options.appsPerHour ?? envNumber('SANDBOX_APPS_PER_HOUR') ?? LIMITS.appsPerHour,
      projectsPerTenant:
        options.projectsPerTenant ?? envNumber('SANDBOX_PROJECTS_PER_TENANT') ?? LIMITS.projectsPerTenant,
      maxRequestsPerSecond:
        options.maxRequestsPerSecond ?? envNumber('SANDBOX_MAX_REQUESTS_PER_SECOND') ?? LIMITS.maxRequestsPerSecond,
      idempotencyRecordsPerTenant:
        options.idempotencyRecordsPerTenant ??
        envNumber('SANDBOX_IDEMPOTENCY_RECORDS_PER_TENANT') ??
        LIMITS.idempotencyRecordsPerTenant,
      requestLogEntries:
        options.requestLogEntries ?? envNumber('SANDBOX_REQUEST_LOG_ENTRIES') ?? LIMITS.requestLogEntries,
    },
    trustProxy: options.trustProxy ?? process.env.SANDBOX_TRUST_PROXY === '1',
    webhooks: webhookSettings(options.webhooks, mounted),
    signals: new WebhookSignals(),
  };
}

/**
 * Creates a sandbox: the AeThex API as the OpenAPI document describes it, on SQLite (default) or PostgreSQL. Opens
 * and migrates the database at once (`ready`); requests wait for it, and get a 503 problem if it cannot be opened
 * (the next request tries again). Starts an unref'd timer purging expired tenants (housekeeping.ts) and the webhook
 * delivery worker (webhook-worker.ts); close() stops both.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const base = settings(options);
  const location = options.db ?? process.env.SANDBOX_DATABASE_URL ?? process.env.SANDBOX_DB ?? '.data/sandbox.db';
  const schema = options.schema ?? process.env.SANDBOX_DATABASE_SCHEMA;
  const mounted = (options.basePath ?? '/sandbox') === '/sandbox';
  const configured = options.publicOrigin ?? process.env.SANDBOX_PUBLIC_URL ?? (mounted ? base.portalUrl : undefined);
  const mount: Mount = {
    bases: mounted ? ['/sandbox'] : ['/sandbox', ''],
    origin: { configured: configured?.replace(/\/+$/, ''), trustProxy: base.trustProxy },
  };
  let stopTimer = () => undefined as void;
  let stopWorker = () => Promise.resolve();
  let opening: Promise<Runtime> | undefined;
  let failing = false;
  const kind = isPostgresUrl(location) ? 'PostgreSQL from SANDBOX_DATABASE_URL' : `SQLite ${location}`;
  const open = (): Promise<Runtime> => {
    opening ??= SandboxStore.open({ location, ...(schema ? { schema } : {}) }).then(
      (store) => {
        failing = false;
        const rt = { ...base, store };
        stopTimer = startPurgeTimer(rt, options.purgeIntervalMs ?? Math.min(base.tenantTtlSeconds * 1000, 60_000));
        stopWorker = startDeliveryWorker(rt).stop;
        return rt;
      },
      (error: unknown) => {
        opening = undefined;
        if (!failing)
          options.reportFailure?.(`AeThex sandbox: cannot open its database (${kind}): ${(error as Error).message}`);
        failing = true;
        throw error;
      },
    );
    return opening;
  };
  const ready = open();
  ready.catch(() => undefined);

  async function reply(request: Request, info?: ConnectionInfo): Promise<Reply> {
    const started = performance.now();
    let ctx: RequestContext | undefined;
    try {
      const url = new URL(request.url);
      const located = context(request, url, mount);
      ctx = located.ctx;
      let rt: Runtime;
      try {
        rt = await open();
      } catch {
        return finish(ctx, request, problem(ctx, 503, UNAVAILABLE, { headers: { 'Retry-After': '5' } }));
      }
      let answered: Reply;
      try {
        answered = finish(ctx, request, await answer(rt, request, url, ctx, located.inside, info));
      } catch (error) {
        answered = finish(ctx, request, toProblem(ctx, error));
      }
      // A stream never ends as an exchange: it is not kept in the request log.
      if (!answered.stream) await keepExchange(rt, ctx, request, url, answered, started);
      return answered;
    } catch {
      // A URL that does not parse, or a failure before the context exists: the generic problem.
      ctx ??= bareContext('');
      return finish(ctx, request, toProblem(ctx, undefined));
    }
  }

  async function handle(request: Request, info?: ConnectionInfo): Promise<Response> {
    const answered = await reply(request, info);
    try {
      return toResponse(answered, request.signal);
    } catch {
      // A header value the Fetch API refuses (none is built from raw input): the generic problem instead.
      const ctx = bareContext(new URL(request.url).pathname, answered.headers['X-Request-ID']);
      return toResponse(finish(ctx, request, toProblem(ctx, undefined)));
    }
  }

  const endStreams = () => base.signals.endStreams();
  return {
    handle,
    reply,
    ready,
    endStreams,
    available: () =>
      open().then(
        () => true,
        () => false,
      ),
    purge: async () => purgeExpired(await ready),
    close: async () => {
      endStreams();
      stopTimer();
      await stopWorker();
      const rt = await ready.catch(() => undefined);
      await rt?.store.close();
    },
  };
}

const MOUNTED = Symbol.for('aethex.sandbox.mounted');

/**
 * The portal's sandbox (mounted at /sandbox), one per process: created by instrumentation.ts when `next start` starts
 * (so its migrations run then, and a database it cannot open is logged at once), else on first use; never while
 * building. Kept on globalThis because Next may load this module once per route bundle.
 */
export function mountedSandbox(): Sandbox {
  const holder = globalThis as { [MOUNTED]?: Sandbox };
  if (!holder[MOUNTED]) {
    const sandbox = createSandbox({ basePath: '/sandbox', reportFailure: (message) => console.error(message) });
    // `next start` closes its server on these signals and waits for open responses: end the streams then. Only
    // beside Next's own handler (a listener of ours alone would keep the process from exiting).
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      if (process.listenerCount(signal) > 0) process.once(signal, sandbox.endStreams);
    holder[MOUNTED] = sandbox;
  }
  return holder[MOUNTED];
}

/**
 * Answers a request to the mounted sandbox (app/sandbox/[...path]/route.ts exports it for every method Next routes;
 * the sandbox answers 405 with Allow itself).
 */
export function handleMounted(request: Request): Promise<Response> {
  return mountedSandbox().handle(request);
}
