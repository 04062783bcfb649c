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
    /** Signed webhook deliveries (POST /sandbox/webhooks/emit). */
    deliveries: 1000,
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
