/**
 * OAuth 2.1 for the console, through oauth4webapi (an OpenID-certified client):
 * client credentials with HTTP Basic client authentication (RFC 6749 §4.4, §2.3.1) and the
 * authorization code grant with PKCE S256 (RFC 7636) as the public client `aethex-console`.
 *
 * Secrets: access tokens are returned to the caller and kept in memory only. For the redirect round
 * trip, the PKCE verifier, `state` and target live in sessionStorage (`PENDING_KEY`) and are deleted
 * as soon as the callback is handled, successfully or not.
 */
import * as oauth from 'oauth4webapi';

import { CONSOLE_CLIENT_ID } from '@/lib/sandbox/console-client';

import { fetchWithoutCredentials } from './send';

/** `type` of the message the callback popup posts to the console (same origin only): `{type, url}`, the callback URL. */
export const CALLBACK_MESSAGE = 'aethex-console:oauth-callback';

/** sessionStorage key of the in-flight authorization request. */
export const PENDING_KEY = 'aethex-console:oauth-pending';

/** An access token held by the console (memory only). `expiresAt` is epoch milliseconds. */
export interface TokenRecord {
  readonly accessToken: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: number;
  readonly grant: 'client_credentials' | 'authorization_code' | 'personal_access_token';
  /** Base URL the token was issued for (tokens are bound to their authorization server). */
  readonly baseUrl: string;
  /** The client that obtained it (client credentials only): tells a sandbox app's token from others. */
  readonly clientId?: string;
}

/** What survives the redirect to the consent screen and back (never a token). */
export interface PendingAuthorization {
  readonly state: string;
  readonly verifier: string;
  readonly baseUrl: string;
  readonly redirectUri: string;
  readonly tokenPath: string;
  readonly authorizePath: string;
}

/** Token and authorization endpoint paths relative to the target's base URL (from the document). */
export interface OAuthPaths {
  readonly token: string;
  readonly authorize: string;
}

/** oauth4webapi options: credential-less fetch; plain http allowed for loopback targets only. */
function requestOptions(baseUrl: string) {
  const { protocol, hostname } = new URL(baseUrl);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  return {
    [oauth.customFetch]: fetchWithoutCredentials(fetch),
    ...(protocol === 'http:' && loopback ? { [oauth.allowInsecureRequests]: true } : {}),
  };
}

/**
 * The authorization server's metadata (RFC 8414). Discovery with oauth4webapi's `discoveryRequest`
 * (`algorithm: 'oauth2'`: `/.well-known/oauth-authorization-server` inserted before the issuer's path,
 * e.g. `/.well-known/oauth-authorization-server/sandbox`), then the copy the sandbox serves under its own
 * mount (`<base>/.well-known/oauth-authorization-server`, which a standalone sandbox behind a prefix may
 * only have); each validated by `processDiscoveryResponse` (issuer must equal the base URL). Without
 * metadata (production today) the document's flow paths, relative to the base URL, are used.
 */
export async function authorizationServer(baseUrl: string, paths: OAuthPaths): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(baseUrl);
  const attempts = [
    () => oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...requestOptions(baseUrl) }),
    () => fetchWithoutCredentials(fetch)(`${baseUrl}/.well-known/oauth-authorization-server`),
  ];
  for (const attempt of attempts) {
    try {
      const response = await attempt();
      if (response.ok) return await oauth.processDiscoveryResponse(issuer, response);
    } catch {
      // Try the next location; the document's flow URLs are the last resort.
    }
  }
  return {
    issuer: baseUrl,
    token_endpoint: `${baseUrl}${paths.token}`,
    authorization_endpoint: `${baseUrl}${paths.authorize}`,
  };
}

/**
 * A readable message for an OAuth failure: the RFC 6749 §5.2 `error` + `error_description` (read from the
 * body when the server also sent a `WWW-Authenticate` challenge, as the token endpoint does on 401), or
 * the library's message; a network failure is said in words.
 */
export async function describeOAuthError(error: unknown): Promise<string> {
  if (error instanceof oauth.ResponseBodyError) {
    return `${error.status} ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const body = (await error.response
      .clone()
      .json()
      .catch(() => ({}))) as { error?: string; error_description?: string };
    const code = body.error ?? error.cause[0]?.parameters.error ?? 'unauthorized';
    const description = body.error_description ?? error.cause[0]?.parameters.error_description;
    return `${error.status} ${code}${description ? `: ${description}` : ''}`;
  }
  if (error instanceof TypeError) return 'the token endpoint could not be reached (network error or CORS).';
  return error instanceof Error ? error.message : String(error);
}

function toRecord(
  response: oauth.TokenEndpointResponse,
  grant: TokenRecord['grant'],
  baseUrl: string,
  requested: readonly string[],
  nowMs: number,
): TokenRecord {
  return {
    accessToken: response.access_token,
    // RFC 6749 §5.1: scope may be omitted when it equals the requested scope.
    scopes: response.scope ? response.scope.split(' ').filter(Boolean) : [...requested],
    ...(response.expires_in !== undefined ? { expiresAt: nowMs + response.expires_in * 1000 } : {}),
    grant,
    baseUrl,
  };
}

/**
 * Client credentials grant with `ClientSecretBasic`.
 * @throws oauth4webapi errors (use `describeOAuthError`) on OAuth errors or network failure.
 */
export async function clientCredentialsToken(
  baseUrl: string,
  paths: OAuthPaths,
  credentials: { clientId: string; clientSecret: string; scopes: readonly string[] },
): Promise<TokenRecord> {
  const as = await authorizationServer(baseUrl, paths);
  const client: oauth.Client = { client_id: credentials.clientId };
  const response = await oauth.clientCredentialsGrantRequest(
    as,
    client,
    oauth.ClientSecretBasic(credentials.clientSecret),
    new URLSearchParams({ scope: credentials.scopes.join(' ') }),
    requestOptions(baseUrl),
  );
  const result = await oauth.processClientCredentialsResponse(as, client, response);
  return {
    ...toRecord(result, 'client_credentials', baseUrl, credentials.scopes, Date.now()),
    clientId: credentials.clientId,
  };
}

/**
 * A login ticket for the consent screen (sandbox only, lib/sandbox/README.md): proves the sandbox app with its
 * personal access token, bound to this authorization request's PKCE challenge, single use, short-lived.
 * @returns the ticket, or undefined when the target does not issue them (the consent screen then asks for the token).
 */
async function loginTicket(
  baseUrl: string,
  personalAccessToken: string,
  codeChallenge: string,
): Promise<string | undefined> {
  try {
    const response = await fetchWithoutCredentials(fetch)(`${baseUrl}/oauth/login-ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${personalAccessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code_challenge: codeChallenge }),
    });
    if (!response.ok) return undefined;
    const ticket = ((await response.json()) as { login_ticket?: unknown }).login_ticket;
    return typeof ticket === 'string' ? ticket : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the authorization code grant: makes a PKCE verifier + S256 challenge and a `state`, stores
 * them in `storage` for the round trip, and returns the consent-screen URL.
 * @param options.personalAccessToken the sandbox app's token: the console trades it for a login ticket so that the
 *   consent screen knows the app without asking (a tenant ID alone proves nothing); never put in the URL itself
 */
export async function startAuthorization(
  baseUrl: string,
  paths: OAuthPaths,
  options: { scopes: readonly string[]; redirectUri: string; personalAccessToken?: string },
  storage: Pick<Storage, 'setItem'>,
): Promise<string> {
  const as = await authorizationServer(baseUrl, paths);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(verifier);
  const ticket = options.personalAccessToken
    ? await loginTicket(baseUrl, options.personalAccessToken, codeChallenge)
    : undefined;
  const url = new URL(as.authorization_endpoint ?? `${baseUrl}${paths.authorize}`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CONSOLE_CLIENT_ID,
    redirect_uri: options.redirectUri,
    scope: options.scopes.join(' '),
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    ...(ticket ? { login_ticket: ticket } : {}),
  }).toString();
  const pending: PendingAuthorization = {
    state,
    verifier,
    baseUrl,
    redirectUri: options.redirectUri,
    tokenPath: paths.token,
    authorizePath: paths.authorize,
  };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  return url.toString();
}

/**
 * Completes the authorization code grant on the redirect target: checks `state` (and `iss`),
 * exchanges the code with the stored verifier, and deletes the stored round-trip data whatever happens.
 * @param callbackUrl the full callback URL (`?code=…&state=…` or `?error=…`)
 * @throws Error when nothing is pending, or oauth4webapi errors (`describeOAuthError`).
 */
export async function completeAuthorization(
  callbackUrl: string,
  storage: Pick<Storage, 'getItem' | 'removeItem'>,
): Promise<TokenRecord> {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  if (!raw) throw new Error('No authorization request is pending in this tab: start again from the console.');
  const pending = JSON.parse(raw) as PendingAuthorization;
  const as = await authorizationServer(pending.baseUrl, { token: pending.tokenPath, authorize: pending.authorizePath });
  const client: oauth.Client = { client_id: CONSOLE_CLIENT_ID };
  const params = oauth.validateAuthResponse(as, client, new URL(callbackUrl), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    pending.redirectUri,
    pending.verifier,
    requestOptions(pending.baseUrl),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return toRecord(result, 'authorization_code', pending.baseUrl, [], Date.now());
}
