import type { Generated, Selectable } from 'kysely';

/**
 * The sandbox's tables as the typed query builder sees them (Kysely). Times are epoch milliseconds (`bigint` in
 * PostgreSQL, read back as numbers); flags are 0/1 integers so that both databases store them alike; secrets are
 * SHA-256 hex digests (the webhook signing secret is kept, as it must sign deliveries).
 */
export interface Tables {
  tenants: {
    id: string;
    name: string;
    webhook_secret: string;
    /** Space-delimited scopes the tenant's credentials may hold. */
    scopes: string;
    rate_limit: number;
    rate_window_seconds: number;
    maintenance: Generated<number>;
    maintenance_retry_after: Generated<number>;
    created_at: number;
    expires_at: number;
  };
  clients: {
    id: string;
    tenant_id: string;
    name: string;
    secret_hash: string;
    /** JSON array of registered redirect URIs. */
    redirect_uris: string;
    scopes: string;
  };
  personal_access_tokens: { hash: string; id: string; tenant_id: string; scopes: string };
  grants: { id: string; tenant_id: string; client_id: string; revoked: Generated<number> };
  authorization_codes: {
    hash: string;
    tenant_id: string;
    client_id: string;
    grant_id: string;
    redirect_uri: string;
    scope: string;
    code_challenge: string;
    expires_at: number;
    used_at: number | null;
  };
  access_tokens: {
    hash: string;
    tenant_id: string;
    client_id: string;
    grant_id: string | null;
    scope: string;
    expires_at: number;
    revoked: Generated<number>;
  };
  refresh_tokens: {
    hash: string;
    tenant_id: string;
    client_id: string;
    grant_id: string;
    scope: string;
    used_at: number | null;
  };
  projects: {
    /** Insertion order: the order of the list (ids are random). */
    seq: Generated<number>;
    id: string;
    tenant_id: string;
    name: string;
    description: string | null;
    environment: string;
    region: string;
    default_branch: string;
    auto_deploy: number;
    /** RFC 3339, as the API returns it. */
    created_at: string;
  };
  idempotency_keys: {
    tenant_id: string;
    client_key: string;
    idempotency_key: string;
    /** SHA-256 of method, path, environment and body bytes. */
    fingerprint: string;
    state: 'in_flight' | 'done';
    status: number | null;
    /** JSON object of the stored response's headers. */
    headers: string | null;
    body: string | null;
    created_at: number;
  };
  rate_windows: { subject: string; window_start: number; count: number };
  /** Webhook messages: one per emitted event (`msg_` = the webhook-id of all its deliveries), the listen copy's headers. */
  deliveries: { id: string; tenant_id: string; event: string; payload: string; headers: string; created_at: number };
  /** A tenant's webhook endpoints (lib/sandbox/README.md, "Webhook delivery"). */
  webhook_endpoints: {
    id: string;
    tenant_id: string;
    url: string;
    description: string;
    /** JSON array of subscribed event names. */
    events: string;
    enabled: number;
    disabled_reason: string | null;
    /** Attempts that failed in a row (reset by a success or by enabling the endpoint). */
    failures: Generated<number>;
    /** The `whsec_` signing secret (kept: it signs every attempt). */
    secret: string;
    previous_secret: string | null;
    previous_secret_expires_at: number | null;
    created_at: number;
    updated_at: number;
  };
  /** One message's delivery to one endpoint, or its listen copy (`endpoint_id` null, `target` "listen"). */
  webhook_deliveries: {
    id: string;
    tenant_id: string;
    message_id: string;
    endpoint_id: string | null;
    target: string;
    status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
    /** When the schedule's next attempt is due (epoch ms); null once the schedule is over. */
    next_attempt_at: number | null;
    /** Attempts made on the schedule (the retry schedule's position). */
    scheduled_attempts: Generated<number>;
    /** 1 while a replay waits for the worker. */
    replay_requested: Generated<number>;
    /** The worker instance holding the delivery, until `lease_until` (epoch ms). */
    lease_owner: string | null;
    lease_until: number | null;
    /** JSON object of the newest signing's headers (null before the first). */
    headers: string | null;
    created_at: number;
  };
  /** Every attempt of a delivery; `seq` orders them. */
  webhook_attempts: {
    seq: Generated<number>;
    tenant_id: string;
    delivery_id: string;
    number: number;
    trigger: 'schedule' | 'replay' | 'listen';
    attempted_at: number;
    status: number | null;
    duration_ms: number;
    response_excerpt: string;
    error: string | null;
    outcome: 'succeeded' | 'failed' | 'refused';
    /** JSON object of exactly what the attempt sent. */
    headers: string;
    /** The URL the attempt went to (the endpoint's at the time); null for listen reports and before migration 0004. */
    url: string | null;
  };
  /** The inbox stream's change feed: `forward` (a listen copy published, `data` the event) or `delivery` (changed). */
  webhook_changes: {
    seq: Generated<number>;
    tenant_id: string;
    kind: 'forward' | 'delivery';
    delivery_id: string;
    data: string | null;
    created_at: number;
  };
  login_tickets: {
    hash: string;
    tenant_id: string;
    code_challenge: string;
    expires_at: number;
    used_at: number | null;
  };
  /** A tenant's request log (request-log.ts): redacted exchanges, the newest LIMITS.requestLogEntries kept. */
  request_log: {
    /** Insertion order: the newest entry of a request ID wins, and the cap keeps the highest. */
    seq: Generated<number>;
    tenant_id: string;
    /** X-Request-ID as sent back (a caller may reuse its own: not unique). */
    request_id: string;
    received_at: number;
    duration_us: number;
    method: string;
    /** Path within the mount, e.g. `/v1/projects`. */
    path: string;
    /** The query string without `?`, redacted. */
    query: string;
    /** JSON object of the kept request headers (Authorization as its scheme only). */
    request_headers: string;
    request_body: string | null;
    /** Size of the body as received, in bytes. */
    request_body_bytes: number;
    request_body_truncated: number;
    status: number;
    /** JSON object of the response headers, redacted. */
    response_headers: string;
    response_body: string | null;
    response_body_bytes: number;
    response_body_truncated: number;
  };
}

/** A tenant as stored. */
export type TenantRow = Selectable<Tables['tenants']>;
/** A tenant's confidential OAuth client. */
export type ClientRow = Selectable<Tables['clients']>;
/** A project row (`auto_deploy` 0/1) without its ordering column. */
export type ProjectRow = Omit<Selectable<Tables['projects']>, 'seq'>;
/** An authorization code as stored (the code itself only as its hash). */
export type CodeRow = Omit<Selectable<Tables['authorization_codes']>, 'hash'>;
/** A login ticket as stored (the ticket itself only as its hash). */
export type TicketRow = Omit<Selectable<Tables['login_tickets']>, 'hash'>;

/** A webhook endpoint as stored. */
export type EndpointRow = Selectable<Tables['webhook_endpoints']>;
/** A webhook delivery as stored. */
export type DeliveryRow = Selectable<Tables['webhook_deliveries']>;
/** A delivery attempt as stored. */
export type AttemptRow = Selectable<Tables['webhook_attempts']>;
/** A webhook message (an emitted event) as stored. */
export type MessageRow = Selectable<Tables['deliveries']>;

/** A request log entry as stored. */
export type RequestLogRow = Omit<Selectable<Tables['request_log']>, 'seq'>;

/** What a bearer credential (access token or PAT) resolves to, with its tenant's limits joined in. */
export interface CredentialRow {
  tenant_id: string;
  client_id: string;
  scope: string;
  expires_at: number | null;
  rate_limit: number;
  rate_window_seconds: number;
  maintenance: number;
  maintenance_retry_after: number;
  /** When the credential's tenant expires (epoch ms): an expired tenant's credentials no longer work. */
  tenant_expires_at: number;
}

/** A stored response of an idempotent request. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Outcome of claiming an idempotency key (draft-ietf-httpapi-idempotency-key-header §2); `full`: the tenant holds
 * the most records it may, the oldest created at `oldestAt` (epoch ms).
 */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'in_flight' }
  | { state: 'mismatch' }
  | { state: 'replay'; response: StoredResponse }
  | { state: 'full'; oldestAt: number };

/** Tokens to store for one issuance; hashes only. */
export interface Issuance {
  tenantId: string;
  clientId: string;
  grantId: string | null;
  scope: string;
  accessHash: string;
  expiresAt: number;
  refreshHash?: string;
  /** The refresh token's scope when it differs from the access token's (RFC 6749 §6: a refresh keeps the grant's scope). */
  refreshScope?: string;
}

/** A per-tenant table cap (LIMITS.caps). */
export type CapName =
  'accessTokens' | 'refreshTokens' | 'pendingCodes' | 'grants' | 'loginTickets' | 'deliveries' | 'idempotencyRecords';

/** Why a capped insert was refused: which cap, its value, and when a slot frees (epoch ms; undefined: not before the tenant expires). */
export interface CapHit {
  cap: CapName;
  limit: number;
  freeAt: number | undefined;
}
