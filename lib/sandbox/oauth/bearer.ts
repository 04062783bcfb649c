import { sha256Hex } from '../ids';
import type { CredentialRow, SandboxStore } from '../store';

/** A resolved bearer credential: an OAuth access token or a personal access token. */
export interface BearerIdentity {
  kind: 'access_token' | 'personal_access_token';
  tenantId: string;
  /** The OAuth client (`cli_…`, `aethex-console`) or `pat:<id>`: the scope of idempotency keys. */
  clientId: string;
  scopes: Set<string>;
  row: CredentialRow;
}

/** Why a request is not authenticated (RFC 6750 §3): no credentials at all, or an invalid token. */
export type BearerFailure = { kind: 'missing' } | { kind: 'invalid'; description: string };

/**
 * Extracts the token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750 §2.1 /
 * RFC 9110 §11.1). Tokens in the query or body are ignored on purpose.
 * @returns the token, `null` when there is no Authorization header, or `undefined` when it is not a Bearer credential.
 */
export function bearerToken(header: string | null): string | null | undefined {
  if (header === null) return null;
  const match = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * Resolves the Authorization header to a tenant identity. Lookup is by SHA-256 of the token, so revocation (a row
 * flag) takes effect on the next request; expiry is checked against the injected clock.
 * @param now - epoch milliseconds.
 */
export async function authenticateBearer(
  store: SandboxStore,
  header: string | null,
  now: number,
): Promise<BearerIdentity | BearerFailure> {
  const token = bearerToken(header);
  if (token === null) return { kind: 'missing' };
  if (token === undefined)
    return { kind: 'invalid', description: 'The Authorization header must be "Bearer <token>".' };
  const isPat = token.startsWith('pat_');
  const row = await store.credential(sha256Hex(token), isPat);
  if (!row) return { kind: 'invalid', description: 'The access token is unknown or revoked.' };
  // An expired tenant is purged in batches; until then its projects must not change (see SandboxStore.projectPage).
  if (row.tenant_expires_at <= now)
    return {
      kind: 'invalid',
      description: 'The sandbox app of this token expired; create another (POST /sandbox/apps).',
    };
  if (row.expires_at !== null && row.expires_at <= now) {
    return {
      kind: 'invalid',
      description: `The access token expired at ${new Date(row.expires_at).toISOString().replace('.000Z', 'Z')}.`,
    };
  }
  return {
    kind: isPat ? 'personal_access_token' : 'access_token',
    tenantId: row.tenant_id,
    clientId: row.client_id,
    scopes: new Set(row.scope.split(' ').filter(Boolean)),
    row,
  };
}

/** The RFC 6750 §3 challenge for a failure: bare realm when no credentials were sent, else `invalid_token`. */
export function bearerChallenge(failure: BearerFailure): string {
  if (failure.kind === 'missing') return 'Bearer realm="aethex"';
  return `Bearer realm="aethex", error="invalid_token", error_description="${failure.description.replaceAll('"', "'")}"`;
}
