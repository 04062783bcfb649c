import { timingSafeEqual } from 'node:crypto';

import { PATHS } from '../../urls';
import { grantableScopeNames } from '../config';
import { CONSOLE_CLIENT_ID } from '../console-client';
import { sha256Hex } from '../ids';
import type { SandboxStore } from '../store';

/** An OAuth client as the authorization server sees it. */
export interface OAuthClient {
  id: string;
  name: string;
  /** Confidential clients authenticate with a secret; the console is public (PKCE only). */
  confidential: boolean;
  /** The client's tenant; undefined for the console, whose tenant is proven on the consent screen (login ticket or PAT). */
  tenantId?: string;
  scopes: string[];
  secretHash?: string;
  redirectUris: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** An S256 PKCE code_challenge: 43-128 base64url characters (RFC 7636 §4.2). */
export const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * Looks up a client: a tenant's confidential client (`cli_…`) or the portal console's public client.
 * @param portalUrl - the portal origin allowed for console redirects besides localhost / 127.0.0.1 (PORTAL_URL).
 */
export async function findClient(
  store: SandboxStore,
  clientId: string,
  portalUrl: string | undefined,
): Promise<OAuthClient | undefined> {
  // Client IDs are generated alphanumerics; a NUL (from %00 or Basic credentials) names none, and PostgreSQL refuses it.
  if (clientId.includes('\u0000')) return undefined;
  if (clientId === CONSOLE_CLIENT_ID) {
    return {
      id: CONSOLE_CLIENT_ID,
      name: 'AeThex Developer Portal console',
      confidential: false,
      scopes: grantableScopeNames(),
      redirectUris: portalUrl ? [`${portalUrl.replace(/\/$/, '')}${PATHS.consoleCallback}`] : [],
    };
  }
  const row = await store.client(clientId);
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    confidential: true,
    tenantId: row.tenant_id,
    scopes: row.scopes.split(' '),
    secretHash: row.secret_hash,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
  };
}

/**
 * Decodes `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1): the id and secret
 * are form-urlencoded before base64, so they are form-decoded here (`+` is a space).
 * @returns the pair, or undefined if the header is not well-formed Basic credentials.
 */
export function decodeBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    const formDecode = (value: string) => decodeURIComponent(value.replaceAll('+', ' '));
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * The confidential client an `Authorization: Basic` header authenticates (RFC 6749 §2.3.1), or undefined when the
 * header is not Basic credentials of a known confidential client with that secret.
 */
export async function basicClient(
  store: SandboxStore,
  header: string,
  portalUrl: string | undefined,
): Promise<OAuthClient | undefined> {
  const basic = decodeBasic(header);
  const client = basic ? await findClient(store, basic.id, portalUrl) : undefined;
  return client?.confidential && basic && secretMatches(client, basic.secret) ? client : undefined;
}

/** Constant-time check of a client secret against its stored SHA-256. */
export function secretMatches(client: OAuthClient, secret: string): boolean {
  if (!client.secretHash) return false;
  return timingSafeEqual(Buffer.from(sha256Hex(secret), 'hex'), Buffer.from(client.secretHash, 'hex'));
}

/** Whether `uri` is an `http` URI on a loopback host (127.0.0.1, [::1], localhost): the user's own machine. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Whether `uri` is a redirect URI of the client: an exact string match with a registered one (OAuth 2.1 §2.3.1),
 * or any loopback `http` URI (127.0.0.1, [::1], localhost; any port and path, RFC 8252 §7.3) for tenant clients,
 * or, for the console, `http://localhost|127.0.0.1:<any port>/console/callback`.
 */
export function redirectAllowed(client: OAuthClient, uri: string): boolean {
  if (client.redirectUris.includes(uri)) return true;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname) || url.hash || url.username || url.password) return false;
  if (client.id === CONSOLE_CLIENT_ID) {
    return (
      (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
      url.pathname === PATHS.consoleCallback &&
      !url.search
    );
  }
  // Any port and path on a loopback host: the tenant's own machine (RFC 8252 §7.3), so tests need no registration.
  return true;
}
