import type { WebhookSettings } from './config';
import type { SandboxStore } from './store';
import type { WebhookSignals } from './webhook-signals';

/** What every sandbox module needs: the store and the injectable clock. */
export interface Runtime {
  store: SandboxStore;
  /** Current time in epoch milliseconds (injectable so expiry and windows are testable without sleeping). */
  now: () => number;
  /** Extra console origin besides localhost / 127.0.0.1 (PORTAL_URL). */
  portalUrl?: string;
  /** Tenant lifetime in seconds. */
  tenantTtlSeconds: number;
  /** Abuse caps of a public sandbox (lib/sandbox/README.md, "Limits"). */
  caps: {
    /** Tenants one client address may create per hour (loopback socket peers are exempt). */
    appsPerHour: number;
    /** Projects a tenant may hold, all environments together. */
    projectsPerTenant: number;
    /** Bound of a tenant's own rate limit: requests per second over a window of up to 60 s. */
    maxRequestsPerSecond: number;
    /** Live idempotency records a tenant may hold, all clients together. */
    idempotencyRecordsPerTenant: number;
    /** Entries a tenant's request log keeps (the newest). */
    requestLogEntries: number;
  };
  /** Whether X-Forwarded-For is trusted over the socket address (standalone behind a reverse proxy). */
  trustProxy: boolean;
  /** Webhook delivery settings (timeout, retry schedule, where deliveries may go). */
  webhooks: WebhookSettings;
  /** This instance's in-process wake-ups of the delivery worker and the inbox streams. */
  signals: WebhookSignals;
}

/**
 * Parses an `application/x-www-form-urlencoded` body (WHATWG URL §5) keeping track of repeated names, which
 * OAuth forbids (RFC 6749 §3.1, §3.2).
 * @returns the first value per name and the names that were repeated.
 */
export function parseForm(text: string): { values: Map<string, string>; repeated: string[] } {
  const values = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (values.has(name)) repeated.add(name);
    else values.set(name, value);
  }
  return { values, repeated: [...repeated] };
}

/** Whether a Content-Type header names `mediaType` (parameters such as charset ignored, case-insensitive). */
export function isMediaType(header: string | null, mediaType: string): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === mediaType;
}
