import { capExceeded, ISSUANCE_CAPS } from '../caps';
import { maintenance } from '../checks';
import { grantableScopeNames, LIMITS } from '../config';
import { json, oauthError, type Reply, type RequestContext } from '../http';
import { randomId, s256, sha256Hex } from '../ids';
import { isMediaType, parseForm, type Runtime } from '../runtime';
import type { CodeRow, Issuance } from '../store';
import { validateRequest } from '../validate';
import { decodeBasic, findClient, secretMatches, type OAuthClient } from './clients';

/** Result of client authentication at the token endpoint (RFC 6749 §2.3, §3.2.1). */
type ClientAuth = { ok: true; client: OAuthClient } | { ok: false; response: Reply };

/**
 * 401 invalid_client. `WWW-Authenticate: Basic` is sent only when the client used the Authorization header
 * (RFC 6749 §5.2) and the request does not come from a web page (no `Origin` header): a Basic challenge on a page's
 * own fetch makes browsers pop up a login dialog, which the portal console must never trigger.
 */
function invalidClient(request: Request, description: string): Reply {
  const challenge = request.headers.has('authorization') && !request.headers.has('origin');
  return oauthError(
    401,
    'invalid_client',
    description,
    challenge ? { 'WWW-Authenticate': 'Basic realm="aethex"' } : {},
  );
}

async function authenticateClient(rt: Runtime, request: Request, form: Map<string, string>): Promise<ClientAuth> {
  const header = request.headers.get('authorization');
  const bodyClientId = form.get('client_id');
  if (header !== null) {
    const basic = decodeBasic(header);
    if (!basic)
      return {
        ok: false,
        response: invalidClient(request, 'The Authorization header must carry HTTP Basic client credentials.'),
      };
    if (bodyClientId !== undefined && bodyClientId !== basic.id) {
      return {
        ok: false,
        response: oauthError(400, 'invalid_request', 'client_id in the body differs from the authenticated client.'),
      };
    }
    const client = await findClient(rt.store, basic.id, rt.portalUrl);
    if (!client || !client.confidential || !secretMatches(client, basic.secret)) {
      return { ok: false, response: invalidClient(request, 'Client authentication failed.') };
    }
    return { ok: true, client };
  }
  if (bodyClientId === undefined)
    return {
      ok: false,
      response: invalidClient(
        request,
        'No client authentication was sent: use HTTP Basic, or client_id for a public client.',
      ),
    };
  const client = await findClient(rt.store, bodyClientId, rt.portalUrl);
  if (!client) return { ok: false, response: invalidClient(request, 'Client authentication failed.') };
  if (client.confidential)
    return {
      ok: false,
      response: invalidClient(request, 'This client is confidential: authenticate with HTTP Basic.'),
    };
  return { ok: true, client };
}

/**
 * Narrows a requested space-delimited scope to what `allowed` permits (RFC 6749 §3.3).
 * @returns the granted scopes, or an OAuth error description for `invalid_scope`.
 */
export function grantScopes(requested: string | undefined, allowed: readonly string[]): string[] | { error: string } {
  if (requested === undefined || requested.trim() === '') return [...allowed];
  const asked = [...new Set(requested.split(' ').filter(Boolean))];
  const known = new Set(grantableScopeNames());
  const unknown = asked.filter((scope) => !known.has(scope));
  if (unknown.length > 0) return { error: `Unknown scope: ${unknown.join(', ')}.` };
  const granted = asked.filter((scope) => allowed.includes(scope));
  if (granted.length === 0)
    return { error: `None of the requested scopes is allowed for this client; allowed: ${allowed.join(' ')}.` };
  return granted;
}

function tokenResponse(issuance: Issuance, access: string, refresh?: string): Reply {
  return json(
    200,
    {
      access_token: access,
      token_type: 'Bearer',
      expires_in: LIMITS.accessTokenSeconds,
      scope: issuance.scope,
      ...(refresh ? { refresh_token: refresh } : {}),
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

function newIssuance(
  rt: Runtime,
  base: Omit<Issuance, 'accessHash' | 'expiresAt' | 'refreshHash'>,
  withRefresh: boolean,
) {
  const access = randomId('atx_', 40);
  const refresh = withRefresh ? randomId('rtx_', 48) : undefined;
  const issuance: Issuance = {
    ...base,
    accessHash: sha256Hex(access),
    expiresAt: rt.now() + LIMITS.accessTokenSeconds * 1000,
    ...(refresh ? { refreshHash: sha256Hex(refresh) } : {}),
  };
  return { access, refresh, issuance };
}

async function clientCredentials(call: TokenCall, client: OAuthClient): Promise<Reply> {
  const { rt, form } = call;
  if (!client.confidential || !client.tenantId) {
    return oauthError(400, 'unauthorized_client', 'This client is not allowed to use the client_credentials grant.');
  }
  const scopes = grantScopes(form.get('scope'), client.scopes);
  if (!Array.isArray(scopes)) return oauthError(400, 'invalid_scope', scopes.error);
  const { access, issuance } = newIssuance(
    rt,
    { tenantId: client.tenantId, clientId: client.id, grantId: null, scope: scopes.join(' ') },
    false,
  );
  const hit = await rt.store.issue(issuance, rt.now(), ISSUANCE_CAPS);
  if (hit) return capExceeded(rt, call.ctx, client.tenantId, hit);
  return tokenResponse(issuance, access);
}

async function authorizationCode(call: TokenCall, client: OAuthClient): Promise<Reply> {
  const { rt, form } = call;
  const missing = ['code', 'redirect_uri', 'code_verifier'].filter((name) => !form.get(name));
  if (missing.length > 0) return oauthError(400, 'invalid_request', `Missing parameter: ${missing.join(', ')}.`);
  let access = '';
  let refresh: string | undefined;
  let tenantId = '';
  // Every check of the presentation runs before the code is marked used: a client that is not the code's, or a
  // wrong verifier, must not burn the code (and so revoke the legitimate client's grant).
  const verify = (code: CodeRow): string | undefined => {
    if (code.client_id !== client.id) return 'The authorization code is unknown or was issued to another client.';
    if (code.expires_at <= rt.now())
      return `The authorization code expired (codes are valid for ${LIMITS.codeSeconds / 60} minutes).`;
    if (code.redirect_uri !== form.get('redirect_uri'))
      return 'redirect_uri differs from the one sent to the authorization endpoint.';
    if (s256(form.get('code_verifier')!) !== code.code_challenge)
      return 'The code_verifier does not match the code_challenge of this authorization code.';
    return undefined;
  };
  const issue = (code: CodeRow): Issuance => {
    tenantId = code.tenant_id;
    const next = newIssuance(
      rt,
      { tenantId: code.tenant_id, clientId: client.id, grantId: code.grant_id, scope: code.scope },
      true,
    );
    access = next.access;
    refresh = next.refresh;
    return next.issuance;
  };
  const result = await rt.store.redeemCode(sha256Hex(form.get('code')!), rt.now(), verify, issue, ISSUANCE_CAPS);
  switch (result.kind) {
    case 'unknown':
      return oauthError(400, 'invalid_grant', 'The authorization code is unknown or was issued to another client.');
    case 'invalid':
      return oauthError(400, 'invalid_grant', result.description);
    case 'reused':
      return oauthError(
        400,
        'invalid_grant',
        'The authorization code was already used; every token it issued is now revoked.',
      );
    case 'revoked':
      return oauthError(400, 'invalid_grant', 'The grant was revoked.');
    case 'capped':
      return capExceeded(rt, call.ctx, tenantId, result.hit);
    default:
      return tokenResponse(result.issuance, access, refresh);
  }
}

async function refreshToken(call: TokenCall, client: OAuthClient): Promise<Reply> {
  const { rt, form } = call;
  const token = form.get('refresh_token');
  if (!token) return oauthError(400, 'invalid_request', 'Missing parameter: refresh_token.');
  let refresh: string | undefined;
  let access = '';
  let tenantId = '';
  const rotated = await rt.store.rotateRefresh(
    sha256Hex(token),
    client.id,
    rt.now(),
    (row) => {
      tenantId = row.tenant_id;
      // RFC 6749 §6: a scope not originally granted is invalid_scope (§5.2), not invalid_grant.
      const scopes = grantScopes(form.get('scope'), row.scope.split(' '));
      if (!Array.isArray(scopes)) return { error: 'invalid_scope', description: scopes.error };
      // RFC 6749 §6: the new refresh token keeps the grant's scope; only the access token is narrowed.
      const next = newIssuance(
        rt,
        {
          tenantId: row.tenant_id,
          clientId: client.id,
          grantId: row.grant_id,
          scope: scopes.join(' '),
          refreshScope: row.scope,
        },
        true,
      );
      refresh = next.refresh;
      access = next.access;
      return next.issuance;
    },
    ISSUANCE_CAPS,
  );
  if (rotated === undefined) return oauthError(400, 'invalid_grant', 'The refresh token is unknown.');
  if (rotated === 'reused')
    return oauthError(
      400,
      'invalid_grant',
      'The refresh token was already used or revoked; the whole grant is now revoked.',
    );
  if ('refused' in rotated) return oauthError(400, rotated.refused.error, rotated.refused.description);
  if ('hit' in rotated) return capExceeded(rt, call.ctx, tenantId, rotated.hit);
  return tokenResponse(rotated.issuance, access, refresh);
}

/** What the grant handlers of one token request share. */
interface TokenCall {
  rt: Runtime;
  ctx: RequestContext;
  form: Map<string, string>;
}

/**
 * The token endpoint, operation createToken (OAuth 2.1 §3.2; RFC 6749 §4.1.3, §4.4, §6; RFC 7636 PKCE S256).
 * @param body - the raw request body bytes.
 * @returns 200 token response or an RFC 6749 §5.2 error (400/401), always `Cache-Control: no-store`.
 */
export async function handleToken(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  url: URL,
  body: Uint8Array,
): Promise<Reply> {
  // Credentials in a URL end up in logs and histories: refuse the request without echoing anything from it.
  if (url.search)
    return oauthError(
      400,
      'invalid_request',
      'Send token request parameters in the form-urlencoded body, never in the query string.',
    );
  if (!isMediaType(request.headers.get('content-type'), 'application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
  }
  const { values: form, repeated } = parseForm(Buffer.from(body).toString('utf8'));
  if (repeated.length > 0) return oauthError(400, 'invalid_request', `Repeated parameter: ${repeated.join(', ')}.`);
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'The grant_type parameter is required.');
  const validation = await validateRequest('createToken', {
    method: 'POST',
    path: '/v1/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: {},
    body: Object.fromEntries(form),
  });
  if (!validation.ok) {
    if (validation.errors.some((error) => error.field === '/grant_type')) {
      return oauthError(
        400,
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported; use client_credentials, authorization_code or refresh_token.`,
      );
    }
    return oauthError(
      400,
      'invalid_request',
      validation.errors.map((error) => `${error.field.replace(/^\//, '')} ${error.message}`).join('; '),
    );
  }
  const auth = await authenticateClient(rt, request, form);
  if (!auth.ok) return auth.response;
  const call: TokenCall = { rt, ctx, form };
  // A public client (the console) sends no credential that names a tenant, so the request was not identified as the
  // tenant's; its code or refresh token does: that tenant's maintenance mode applies to it too.
  const secret =
    grantType === 'authorization_code'
      ? form.get('code')
      : grantType === 'refresh_token'
        ? form.get('refresh_token')
        : undefined;
  const tenant = secret ? await rt.store.tenantOfGrantSecret(sha256Hex(secret)) : undefined;
  if (tenant?.maintenance) return maintenance(ctx, tenant.maintenance_retry_after);
  if (grantType === 'client_credentials') return clientCredentials(call, auth.client);
  if (grantType === 'authorization_code') return authorizationCode(call, auth.client);
  return refreshToken(call, auth.client);
}
