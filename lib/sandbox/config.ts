import { apiModel, listScopes } from '@/lib/openapi';

import { SANDBOX_SCOPE } from './scope';

/** Sandbox limits and defaults (documented with these numbers in lib/sandbox/README.md). */
export const LIMITS = {
  /** Largest accepted request body, in bytes (1 MiB); larger gets 413. */
  maxBodyBytes: 1024 * 1024,
  /** Access-token lifetime, in seconds. */
  accessTokenSeconds: 3600,
  /** Authorization-code lifetime, in seconds (RFC 6749 §4.1.2 recommends at most 10 minutes). */
  codeSeconds: 600,
  /** How long idempotency keys are kept, in seconds (24 h). */
  idempotencySeconds: 24 * 3600,
  /** Idempotency records one tenant may hold, all clients together (SANDBOX_IDEMPOTENCY_RECORDS_PER_TENANT overrides). */
  idempotencyRecordsPerTenant: 1000,
  /** Default rate limit per tenant: requests per window. */
  rateLimit: 100,
  /** Default rate-limit window, in seconds. */
  rateWindowSeconds: 60,
  /** Longest window for PUT /sandbox/rate-limit, in seconds. */
  maxRateWindowSeconds: 86_400,
  /**
   * A tenant's own limit is at most this many requests per second over any window of up to a minute
   * (limit ≤ 100 × min(window_seconds, 60)), so no tenant can switch its limit off, nor save up a long window for one
   * burst (SANDBOX_MAX_REQUESTS_PER_SECOND).
   */
  maxRequestsPerSecond: 100,
  /** Default Retry-After of the maintenance switch, in seconds. */
  maintenanceRetryAfter: 30,
  /** Default tenant lifetime, in seconds (SANDBOX_TENANT_TTL_SECONDS overrides). */
  tenantTtlSeconds: 86_400,
  /** Seed projects per new tenant, by environment. */
  seed: { production: 60, staging: 8, development: 4 } as Record<string, number>,
  /** Tenants deleted per purge step. */
  purgeBatch: 50,
  /** Rows deleted per purge transaction, so a purge never holds the database for long. */
  purgeRowBatch: 500,
  /** Tenants one client address may create per hour (SANDBOX_APPS_PER_HOUR overrides). */
  appsPerHour: 20,
  /** Projects one tenant may hold, all environments together (SANDBOX_PROJECTS_PER_TENANT overrides). */
  projectsPerTenant: 500,
  /** How often in-memory rate-limit windows are written to SQLite, in ms. */
  rateFlushMs: 1000,
  /**
   * Requests each tenant's request log keeps, the newest (SANDBOX_REQUEST_LOG_ENTRIES overrides): enough for a
   * console session or a test run to look up what it just sent, small enough that a tenant's log stays a few MiB.
   */
  requestLogEntries: 200,
  /**
   * Bytes of a request or response body the request log keeps (16 KiB, after redaction; the rest is cut at a
   * character boundary and the entry says so): a page of 25 projects (~6 KB) and every error fit whole.
   */
  requestLogBodyBytes: 16 * 1024,
  /** Login ticket lifetime, in seconds (single use, bound to one PKCE code_challenge). */
  loginTicketSeconds: 120,
  /**
   * Per-tenant caps on every table a caller can grow (lib/sandbox/README.md, "Isolation and limits"). Live rows
   * only: expired tokens, codes and tickets are deleted by the housekeeping timer and never count.
   */
  caps: {
    /** Unexpired, unrevoked access tokens. */
    accessTokens: 1000,
    /** Refresh tokens, used ones included (kept for reuse detection until the tenant expires). */
    refreshTokens: 5000,
    /** Authorization codes not yet redeemed and not expired. */
    pendingCodes: 100,
    /** Grants (one per authorization code). */
    grants: 1000,
    /** Unused, unexpired login tickets. */
    loginTickets: 20,
    /** Webhook messages (POST /sandbox/webhooks/emit), each with its deliveries. */
    deliveries: 1000,
    /** Webhook endpoints per sandbox app (409 above it). */
    webhookEndpoints: 10,
    /** Attempts one delivery keeps: its schedule, replays and listen reports together (429 above it). */
    attemptsPerDelivery: 50,
  },
  /** Webhook delivery (lib/sandbox/README.md, "Webhook delivery"); the SANDBOX_WEBHOOK_* variables override some. */
  webhooks: {
    /** Seconds a receiver has to answer (SANDBOX_WEBHOOK_TIMEOUT_SECONDS). */
    timeoutSeconds: 15,
    /**
     * Seconds before each attempt (SANDBOX_WEBHOOK_RETRY_SCHEDULE): Standard Webhooks' schedule (immediately, 5 s,
     * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) compressed, minutes read as seconds and 5 s as 1 s.
     */
    retrySchedule: [0, 1, 5, 30, 120, 300, 600, 600] as readonly number[],
    /** Failed attempts in a row that disable an endpoint (SANDBOX_WEBHOOK_DISABLE_AFTER). */
    disableAfter: 10,
    /** Seconds a rotated secret keeps signing alongside the new one (SANDBOX_WEBHOOK_SECRET_GRACE_SECONDS). */
    secretGraceSeconds: 86_400,
    /** Bytes of a receiver's response body an attempt keeps. */
    excerptBytes: 1024,
    /** Longest endpoint URL, in characters. */
    urlMax: 2048,
    /** Longest endpoint description, in characters. */
    descriptionMax: 256,
    /** Open inbox streams per sandbox app and instance (429 above it). */
    streamsPerApp: 5,
    /** How often an inbox stream reads the change feed, in ms (changes made on this instance wake it at once). */
    streamPollMs: 500,
    /** How often the worker looks for due deliveries at the latest, in ms (another instance's, or after a restart). */
    workerPollMs: 1000,
    /** Keep-alive comment interval of an inbox stream, in ms. */
    keepAliveMs: 15_000,
  },
} as const;

export { SANDBOX_SCOPE } from './scope';

let cachedExposed: string | undefined;

/** Every response header the document defines (its reusable response headers), for Access-Control-Expose-Headers. */
export function exposedHeaders(): string {
  cachedExposed ??= apiModel()
    .responseHeaders.map((header) => header.name)
    .join(', ');
  return cachedExposed;
}

let cachedAllowed: string | undefined;

/**
 * Request headers a cross-origin page may send: Authorization, Content-Type, and every header parameter the
 * document's operations declare (AeThex-Environment, Idempotency-Key, X-Request-ID).
 */
export function allowedRequestHeaders(): string {
  if (!cachedAllowed) {
    const names = new Set(['authorization', 'content-type']);
    for (const parameter of apiModel().requestHeaders) names.add(parameter.name.toLowerCase());
    cachedAllowed = [...names].join(', ');
  }
  return cachedAllowed;
}

/** Every scope the sandbox's authorization server grants: the document's, then the sandbox-only SANDBOX_SCOPE. */
export function grantableScopes(): { name: string; description: string }[] {
  return [...listScopes().map(({ name, description }) => ({ name, description })), { ...SANDBOX_SCOPE }];
}

/** Names of grantableScopes(). */
export function grantableScopeNames(): string[] {
  return grantableScopes().map((scope) => scope.name);
}

/** The Standard Webhooks timestamp tolerance, in seconds, from the document's `info.x-webhook-signing`. */
export function webhookToleranceSeconds(): number {
  return apiModel().webhookSigning?.toleranceSeconds ?? 300;
}

/** Where and how the delivery worker sends webhooks (config of one sandbox instance). */
export interface WebhookSettings {
  /** A receiver's time to answer, in ms. */
  timeoutMs: number;
  /** Seconds before each attempt, the first included (`[0, 1, 5]`: at once, 1 s later, 5 s after that). */
  schedule: readonly number[];
  /** Failed attempts in a row that disable an endpoint. */
  disableAfter: number;
  /** Seconds a rotated secret keeps signing. */
  secretGraceSeconds: number;
  /** Whether deliveries may go to loopback addresses (standalone only). */
  allowLoopback: boolean;
  /** Resolves a host name to its addresses (default: the system resolver), for tests of DNS rebinding. */
  resolve?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  /** The worker's longest sleep between scans, in ms. */
  workerPollMs: number;
  /** How often an inbox stream reads the change feed, in ms. */
  streamPollMs: number;
}

/** Webhook options of createSandbox (each falls back to its SANDBOX_WEBHOOK_* variable, then LIMITS.webhooks). */
export type WebhookOptions = Partial<Omit<WebhookSettings, 'schedule'>> & { schedule?: readonly number[] | string };

/**
 * Parses a retry schedule: comma-separated seconds, each a non-negative number, at least one (`"0,1,5"`).
 * @returns the seconds, or undefined when the text is not such a list.
 */
export function parseRetrySchedule(text: string | undefined): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const seconds = text.split(',').map((part) => (/^\s*\d+(?:\.\d+)?\s*$/.test(part) ? Number(part) : NaN));
  return seconds.every((value) => Number.isFinite(value) && value <= 86_400) ? seconds : undefined;
}

/**
 * The webhook settings of an instance: options, else the SANDBOX_WEBHOOK_* environment, else LIMITS.webhooks.
 * Loopback is never allowed mounted in the portal; standalone it is unless SANDBOX_WEBHOOK_ALLOW_LOOPBACK is "0".
 * @param mounted - whether the sandbox is mounted in the portal (basePath `/sandbox`).
 */
export function webhookSettings(options: WebhookOptions = {}, mounted: boolean): WebhookSettings {
  const env = (name: string) => Number(process.env[`SANDBOX_WEBHOOK_${name}`]) || undefined;
  const defaults = LIMITS.webhooks;
  const schedule =
    typeof options.schedule === 'string' ? parseRetrySchedule(options.schedule) : options.schedule?.slice();
  return {
    timeoutMs: options.timeoutMs ?? (env('TIMEOUT_SECONDS') ?? defaults.timeoutSeconds) * 1000,
    schedule:
      schedule ?? parseRetrySchedule(process.env.SANDBOX_WEBHOOK_RETRY_SCHEDULE) ?? defaults.retrySchedule.slice(),
    disableAfter: Math.max(1, Math.floor(options.disableAfter ?? env('DISABLE_AFTER') ?? defaults.disableAfter)),
    secretGraceSeconds: options.secretGraceSeconds ?? env('SECRET_GRACE_SECONDS') ?? defaults.secretGraceSeconds,
    allowLoopback: !mounted && (options.allowLoopback ?? process.env.SANDBOX_WEBHOOK_ALLOW_LOOPBACK !== '0'),
    ...(options.resolve ? { resolve: options.resolve } : {}),
    workerPollMs: options.workerPollMs ?? defaults.workerPollMs,
    streamPollMs: options.streamPollMs ?? defaults.streamPollMs,
  };
}
