/** A tenant as stored. Times in epoch milliseconds. */
export interface TenantRow {
  id: string;
  name: string;
  webhook_secret: string;
  scopes: string;
  rate_limit: number;
  rate_window_seconds: number;
  maintenance: number;
  maintenance_retry_after: number;
  created_at: number;
  expires_at: number;
}

/** A confidential OAuth client of a tenant; `redirect_uris` is a JSON array, `scopes` space-delimited. */
export interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  redirect_uris: string;
  scopes: string;
}

/** A project row; `auto_deploy` is 0/1, `created_at` RFC 3339. */
export interface ProjectRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  environment: string;
  region: string;
  default_branch: string;
  auto_deploy: number;
  created_at: string;
}

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
}

/** An authorization code as stored (the code itself only as its hash). */
export interface CodeRow {
  tenant_id: string;
  client_id: string;
  grant_id: string;
  redirect_uri: string;
  scope: string;
  code_challenge: string;
  expires_at: number;
  used_at: number | null;
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

/** A login ticket as stored (the ticket itself only as its hash). */
export interface TicketRow {
  tenant_id: string;
  code_challenge: string;
  expires_at: number;
  used_at: number | null;
}
